import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../db/host-database.js';
import { openDatabase } from '../db/open-database.js';
import type { Job } from './job.js';
import { JobQueueImpl } from './job-queue-impl.js';
import { JobRunnerImpl } from './job-runner-impl.js';
import { TS_EXEC_ARGV } from './test-support/ts-loader.js';

// Several processes on one index: the real situation of `atrium batch` running while
// `atrium jobs cancel` is typed in another terminal, or of a crash and a restart.
const CHILD = new URL('./test-support/queue-child.mjs', import.meta.url);

let dir: string;
let path: string;
let database: HostDatabase;
let queue: JobQueueImpl;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-jobs-'));
  path = join(dir, 'index.sqlite');
  database = openDatabase(path);
  queue = new JobQueueImpl(database.jobs);
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts queue-child.mjs; resolves once it is ready (schema open, waiting for `go`). */
async function startChild(mode: string, jobId?: number) {
  const p = spawn(process.execPath, [...TS_EXEC_ARGV, CHILD.pathname, mode, path, ...(jobId === undefined ? [] : [String(jobId)])], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: unknown[] = [];
  let buffer = '';
  let stderr = '';
  p.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
  });
  p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on('exit', (code, signal) => r({ code, signal })));
  const line = async (n: number): Promise<unknown> => {
    const end = Date.now() + 30_000;
    while (lines.length <= n) {
      if (Date.now() > end || p.exitCode !== null) throw new Error(`child ${mode} gave no line ${n}; stderr: ${stderr}`);
      await delay(5);
    }
    return lines[n];
  };
  expect(await line(0)).toBe('ready');
  return { pid: p.pid!, go: () => p.stdin.write('go\n'), end: () => p.stdin.end(), line, exit, stderr: () => stderr };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(10);
  }
}

describe('the job queue shared by several processes', () => {
  it('never lets two processes claim the same job', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => queue.enqueue({ type: 'app.run', payload: i }).id);
    const children = await Promise.all([1, 2, 3].map(() => startChild('claim')));
    for (const c of children) c.go();
    const claimed = (await Promise.all(children.map((c) => c.line(1)))) as number[][];
    for (const c of children) expect(await c.exit, c.stderr()).toEqual({ code: 0, signal: null });

    const all = claimed.flat();
    expect(all).toHaveLength(500);
    expect(new Set(all).size).toBe(500);
    expect([...all].sort((a, b) => a - b)).toEqual(ids);
    // They really competed: each got a share.
    for (const share of claimed) expect(share.length).toBeGreaterThan(0);
    children.forEach((c, i) => {
      for (const id of claimed[i]!) expect(queue.get(id)).toMatchObject({ state: 'completed', attempts: 1, ownerPid: c.pid, result: { by: c.pid } });
    });
  });

  it('at restart, resumes or fails the jobs of a process that died; leaves a live process alone', async () => {
    const resumable = queue.enqueue({ type: 'app.run', payload: 'a', maxAttempts: 3 });
    const lastChance = queue.enqueue({ type: 'app.run', payload: 'b', maxAttempts: 1 });
    const held = queue.enqueue({ type: 'app.run', payload: 'c' });

    for (const id of [resumable.id, lastChance.id]) {
      const c = await startChild('crash');
      c.go();
      expect(await c.line(1)).toBe(id);
      expect(await c.exit).toEqual({ code: null, signal: 'SIGKILL' });
      expect(queue.get(id)).toMatchObject({ state: 'running', ownerPid: c.pid, attempts: 1 });
    }
    const holder = await startChild('hold');
    holder.go();
    expect(await holder.line(1)).toBe(held.id);

    expect(queue.recover()).toEqual({ resumed: [resumable.id], failed: [lastChance.id], cancelled: [] });
    expect(queue.get(lastChance.id)?.error?.code).toBe('ATRIUM_ERR_JOB_INTERRUPTED');
    expect(queue.get(held.id)).toMatchObject({ state: 'running', ownerPid: holder.pid });

    // The resumed job runs again and completes; the held one is not ours to run.
    const runner = new JobRunnerImpl(queue, { pollIntervalMs: 20 });
    runner.register<string>('app.run', (job) => `done ${job.payload}`);
    await runner.runUntilIdle();
    expect(queue.get(resumable.id)).toMatchObject({ state: 'completed', attempts: 2, result: 'done a', error: undefined });

    // A cancel of the live holder's job is only a request; once the holder is gone, recovery honours it.
    expect(queue.requestCancel(held.id)).toMatchObject({ state: 'running', cancelRequested: true });
    holder.end();
    expect((await holder.exit).code).toBe(0);
    expect(queue.recover()).toEqual({ resumed: [], failed: [], cancelled: [held.id] });
  });

  it('cancels a job running in another process: its handler is aborted', async () => {
    const { id } = queue.enqueue({ type: 't', payload: null });
    const c = await startChild('run-cancel', id);
    c.go();
    await until(() => queue.get(id)?.message === 'waiting to be cancelled');
    expect(queue.get(id)).toMatchObject({ state: 'running', ownerPid: c.pid, progress: 0.5 });
    queue.requestCancel(id);
    const { final, abandoned } = (await c.line(1)) as { final: Job; abandoned: number[] };
    expect(final).toMatchObject({ id, state: 'cancelled', error: { code: 'ATRIUM_ERR_JOB_CANCELLED' } });
    expect(abandoned).toEqual([]);
    expect(queue.get(id)?.state).toBe('cancelled');
    expect((await c.exit).code).toBe(0);
  });

  it('cancels a job whose handler in another process ignores the abort, after the grace period', async () => {
    const { id } = queue.enqueue({ type: 't', payload: null });
    const c = await startChild('run-stubborn', id);
    c.go();
    await until(() => queue.get(id)?.message === 'waiting to be cancelled');
    const asked = Date.now();
    queue.requestCancel(id);
    const { final, abandoned } = (await c.line(1)) as { final: Job; abandoned: number[] };
    expect(Date.now() - asked).toBeGreaterThanOrEqual(200);
    expect(final).toMatchObject({ id, state: 'cancelled' });
    expect(final.error?.message).toMatch(/did not stop within 200 ms and was abandoned$/);
    expect(abandoned).toEqual([id]);
    expect((await c.exit).code).toBe(0);
  });
});
