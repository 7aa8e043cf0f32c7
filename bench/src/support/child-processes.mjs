// Child processes of a benchmark: every one tracked while it lives, so that it can be killed
// by PID at the end, also on error or on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';

/** Live child processes (removed when they exit). */
const live = new Set();

/**
 * Track `child` until it exits, so that {@link killAll} reaches it.
 * @param {import('node:child_process').ChildProcess} child
 * @returns the same child
 */
export function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * SIGTERM, then SIGKILL after 10 s; resolves when the process has exited.
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(child.pid, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(child.pid, 'SIGTERM');
  });
}

/** SIGKILL every tracked child still alive (by PID). */
export function killAll() {
  for (const child of live) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * On SIGINT or SIGTERM: kill every tracked child, run `cleanup`, say so on stderr and exit 130.
 * @param {() => void} cleanup e.g. removing the benchmark's temp folder
 */
export function exitOnSignals(cleanup) {
  const abort = (signal) => {
    killAll();
    cleanup();
    console.error(`interrupted (${signal})`);
    process.exit(130);
  };
  process.on('SIGINT', () => abort('SIGINT'));
  process.on('SIGTERM', () => abort('SIGTERM'));
}

/**
 * Run `cmd` (tracked) to its end with stdout and stderr captured.
 * @param {string} cmd
 * @param {string[]} argv
 * @param {import('node:child_process').SpawnOptions} [options] spawn options (stdio is always piped)
 * @param {{ stderrTail?: number }} [capture] keep only the last `stderrTail` characters of stderr (default: all)
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function run(cmd, argv, options = {}, { stderrTail = Infinity } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr = stderrTail === Infinity ? stderr + c : (stderr + c).slice(-stderrTail)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
