import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** An `atrium` process acting as one host of a store shared by several (see {@link startHost}). */
export interface HostProcess {
  readonly child: ChildProcess;
  /** stdout and stderr, as they came. */
  output(): string;
  stdout(): string;
  readonly exited: Promise<number | null>;
}

/** Where a host runs: the CLI, the shared store, and the folder of the test plugins and the run log. */
export interface HostSetup {
  readonly atrium: string;
  readonly store: string;
  readonly dir: string;
}

/**
 * Start `atrium --store <store> <args>` as host `id` (ATRIUM_HOST_ID), with the test's plugins
 * (`<dir>/plugins`) and run log (`<dir>/runs.log`); `started` collects the child to stop it by PID.
 */
export function startHost(setup: HostSetup, started: ChildProcess[], id: string, args: readonly string[], env: Record<string, string> = {}): HostProcess {
  const child = spawn(process.execPath, [setup.atrium, '--store', setup.store, ...args], {
    env: { ...process.env, ATRIUM_HOST_ID: id, ATRIUM_PLUGIN_PATH: join(setup.dir, 'plugins'), ATRIUM_TEST_RUN_LOG: join(setup.dir, 'runs.log'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, stdout: () => stdout, exited };
}

/** Wait (polling every 100 ms) until `test()` holds; throws naming `what` after `ms`. */
export async function waitUntil(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Wait until every one of `hosts` has printed `line`; fails at once, with its output, when one
 * exits first, and with every host's output when `ms` pass.
 */
export async function waitForLine(what: string, hosts: readonly HostProcess[], line: string, ms: number): Promise<void> {
  const outputs = (): string => hosts.map((h, i) => `--- host ${i + 1} (pid ${h.child.pid}):\n${h.output()}`).join('\n');
  const deadline = Date.now() + ms;
  while (!hosts.every((h) => h.output().includes(line))) {
    const gone = hosts.find((h) => h.child.exitCode !== null || h.child.signalCode !== null);
    if (gone) throw new Error(`waiting for ${what}: a host exited (${gone.child.exitCode ?? gone.child.signalCode}) first\n${outputs()}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${outputs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * SIGTERM to the host's PID, as a service manager stops it: it must exit within 30 s (its
 * running jobs end or are released). One that does not is killed (SIGKILL) and fails the test,
 * with its last output.
 */
export async function stopHost(h: HostProcess): Promise<void> {
  if (h.child.exitCode !== null || h.child.signalCode !== null || h.child.pid === undefined) return;
  process.kill(h.child.pid, 'SIGTERM');
  const late = await Promise.race([h.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 30_000))]);
  if (!late) return;
  process.kill(h.child.pid, 'SIGKILL');
  await h.exited;
  throw new Error(`pid ${h.child.pid} did not exit 30 s after SIGTERM; killed. Its last output:\n${h.output().slice(-1500)}`);
}
