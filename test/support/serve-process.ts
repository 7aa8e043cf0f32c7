import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForLine, type HostProcess } from './host-process.js';

const ATRIUM = fileURLToPath(new URL('../../host/bin/atrium.js', import.meta.url));

/** A running `atrium serve` (the real CLI) and how to stop it. */
export interface ServeProcess extends HostProcess {
  /** SIGTERM to its PID and its exit code; SIGKILL (and null) when it has not exited 10 s later. */
  stop(): Promise<number | null>;
}

/**
 * Start `atrium --store <store> [globals] serve --port <port> --bind 127.0.0.1 --aet <aet>` and
 * wait for its "listening on" line: at most `timeoutMs`, failing at once, with its output, when
 * it exits first.
 */
export async function startAtriumServe(store: string, port: number, aet: string, globals: readonly string[] = [], timeoutMs = 10_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [ATRIUM, '--store', store, ...globals, 'serve', '--port', String(port), '--bind', '127.0.0.1', '--aet', aet], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const serve: ServeProcess = {
    child,
    output: () => out,
    stdout: () => stdout,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return child.exitCode;
      process.kill(child.pid, 'SIGTERM');
      const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 10_000))]);
      if (code !== 'late') return code;
      process.kill(child.pid, 'SIGKILL');
      await exited;
      return null;
    },
  };
  try {
    await waitForLine(`atrium serve (${aet}) to listen`, [serve], 'listening on', timeoutMs);
  } catch (e) {
    await serve.stop();
    throw e;
  }
  return serve;
}
