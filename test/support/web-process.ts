import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './samples.js';

const ATRIUM = fileURLToPath(new URL('../../host/bin/atrium.js', import.meta.url));

/** A running `atrium web` process (the real CLI) on a store, and its URL. */
export interface WebProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What it printed on stderr (server faults are logged there). */
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/**
 * Start `atrium --store <store> web --port 0` (any free port, bound to 127.0.0.1) and wait, at
 * most `timeoutMs`, for the line naming the URL to open. Stopped by its PID (SIGTERM, then
 * SIGKILL after 5 s).
 */
export async function startAtriumWeb(store: string, extraArgs: readonly string[] = [], timeoutMs = 30_000): Promise<WebProcess> {
  const child = spawn(process.execPath, [ATRIUM, '--store', store, 'web', '--port', '0', ...extraArgs], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atrium web did not start within ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`atrium web exited with ${code} before it listened:\n${out}\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
