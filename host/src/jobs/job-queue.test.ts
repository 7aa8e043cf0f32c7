import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../db/host-database.js';
import { openDatabase } from '../db/open-database.js';
import { sqliteOf } from '../db/test-support/sqlite-of.js';
import { isAtriumError } from '../errors/atrium-error.js';
import type { JobChangeEvent, JobProgressEvent } from './job.js';
import { JobQueueImpl } from './job-queue-impl.js';
import { retryDelayMs } from './retry-delay.js';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
let t: number;
let database: HostDatabase;
let queue: JobQueueImpl;
let changes: string[];

beforeEach(() => {
  t = T0;
  database = openDatabase(':memory:');
  queue = new JobQueueImpl(database.jobs, { now: () => t, retryBaseMs: 1000, retryMaxMs: 5000 });
  changes = [];
  queue.onDidChangeJob((e: JobChangeEvent) => changes.push(`${e.job.id}:${e.previousState ?? 'new'}->${e.job.state}`));
});
afterEach(() => database.close());

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function setRow(id: number, sql: string, ...params: unknown[]): void {
  sqliteOf(database.index).prepare(`UPDATE job SET ${sql} WHERE id = ?`).run(...params, id);
}

describe('retryDelayMs', () => {
  it('doubles from the base per attempt and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 5000, 300_000))).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
    expect(retryDelayMs(5000, 5000, 300_000)).toBe(300_000);
    expect(retryDelayMs(0, 5000, 300_000)).toBe(5000);
  });
});

describe('JobQueueImpl', () => {
  it('enqueues a pending job due now with its fields, and reports its creation', () => {
    const job = queue.enqueue({ type: 'app.run', payload: { app: 'x.y', series: '1.2.3' }, label: 'x.y on 1.2.3' });
    expect(job).toEqual({
      id: 1,
      type: 'app.run',
      key: undefined,
      label: 'x.y on 1.2.3',
      payload: { app: 'x.y', series: '1.2.3' },
      state: 'pending',
      progress: 0,
      message: undefined,
      attempts: 0,
      maxAttempts: 3,
      nextRunAt: '2025-03-01T12:00:00.000Z',
      createdAt: '2025-03-01T12:00:00.000Z',
      startedAt: undefined,
      finishedAt: undefined,
      result: undefined,
      error: undefined,
      cancelRequested: false,
      ownerPid: undefined,
    });
    expect(queue.get(1)).toEqual(job);
    expect(queue.get(2)).toBeUndefined();
    expect(changes).toEqual(['1:new->pending']);
  });

  it('refuses an empty type, a bad maxAttempts and a payload that is not JSON', () => {
    expect(isAtriumError(errorOf(() => queue.enqueue({ type: '', payload: 1 })), 'ATRIUM_ERR_JOB_BAD_REQUEST')).toBe(true);
    expect(isAtriumError(errorOf(() => queue.enqueue({ type: 'a', payload: 1, maxAttempts: 0 })), 'ATRIUM_ERR_JOB_BAD_REQUEST')).toBe(true);
    const e = errorOf(() => queue.enqueue({ type: 'a', payload: { n: 1n } }));
    expect(isAtriumError(e, 'ATRIUM_ERR_JOB_BAD_REQUEST')).toBe(true);
    expect((e as Error).message).toMatch(/^Job a: the payload is not JSON-serialisable: /);
    expect(queue.list()).toEqual([]);
  });

  it('pending → running → completed, with progress in between', () => {
    const { id } = queue.enqueue({ type: 'app.run', payload: null });
    t += 10;
    const running = queue.claimNext()!;
    expect(running).toMatchObject({ id, state: 'running', attempts: 1, ownerPid: process.pid, startedAt: '2025-03-01T12:00:00.010Z' });

    const progress: JobProgressEvent[] = [];
    queue.onDidProgressJob((e) => progress.push(e));
    queue.progress(id, 0.25, 'slice 5 of 20');
    queue.progress(id, 0.5); // keeps the message
    queue.progress(id, 7); // clamped
    expect(queue.get(id)).toMatchObject({ progress: 1, message: 'slice 5 of 20' });
    queue.progress(id, -1, 'back');
    expect(queue.get(id)).toMatchObject({ progress: 0, message: 'back' });
    expect(progress.map((p) => [p.progress, p.message])).toEqual([
      [0.25, 'slice 5 of 20'],
      [0.5, 'slice 5 of 20'],
      [1, 'slice 5 of 20'],
      [0, 'back'],
    ]);

    t += 90;
    const done = queue.complete(id, { written: ['1.2.3.4'] });
    expect(done).toMatchObject({ state: 'completed', progress: 1, result: { written: ['1.2.3.4'] }, finishedAt: '2025-03-01T12:00:00.100Z' });
    queue.progress(id, 0.1, 'late'); // ignored: not running
    expect(queue.get(id)).toMatchObject({ progress: 1, message: 'back' });
    expect(progress).toHaveLength(4);
    expect(changes).toEqual([`${id}:new->pending`, `${id}:pending->running`, `${id}:running->completed`]);
  });

  it('refuses transitions from the wrong state and results that are not JSON', () => {
    const { id } = queue.enqueue({ type: 'a', payload: null });
    for (const f of [() => queue.complete(id, 1), () => queue.fail(id, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'x' }, false), () => queue.markCancelled(id)]) {
      const e = errorOf(f);
      expect(isAtriumError(e, 'ATRIUM_ERR_JOB_STATE')).toBe(true);
      expect((e as Error).message).toMatch(new RegExp(`job ${id} \\(a\\): it is pending, not running$`));
    }
    expect(isAtriumError(errorOf(() => queue.complete(99, 1)), 'ATRIUM_ERR_JOB_NOT_FOUND')).toBe(true);
    queue.claimNext();
    expect(isAtriumError(errorOf(() => queue.complete(id, { big: 2n })), 'ATRIUM_ERR_JOB_RESULT_NOT_JSON')).toBe(true);
    expect(queue.get(id)?.state).toBe('running');
    expect(queue.complete(id, undefined).result).toBeUndefined();
  });

  it('running → failed for a non-retryable error', () => {
    const { id } = queue.enqueue({ type: 'a', payload: null });
    queue.claimNext();
    const failed = queue.fail(id, { code: 'ATRIUM_ERR_APP_BAD_INPUT', message: 'no slices' }, false);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'ATRIUM_ERR_APP_BAD_INPUT', message: 'no slices' }, finishedAt: '2025-03-01T12:00:00.000Z' });
    expect(queue.claimNext()).toBeUndefined();
  });

  it('retries a retryable failure with exponential backoff (capped), then fails after maxAttempts', () => {
    const { id } = queue.enqueue({ type: 'net.store', payload: null, maxAttempts: 5 });
    const busy = { code: 'ATRIUM_ERR_NET_CONNECT', message: 'peer busy' } as const;
    const dueTimes: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const claimed = queue.claimNext()!;
      expect(claimed).toMatchObject({ id, attempts: attempt, state: 'running' });
      const retrying = queue.fail(id, busy, true);
      expect(retrying).toMatchObject({ state: 'retrying', error: busy, finishedAt: undefined });
      dueTimes.push(retrying.nextRunAt);
      const due = Date.parse(retrying.nextRunAt);
      t = due - 1;
      expect(queue.claimNext()).toBeUndefined(); // not due yet
      expect(queue.nextRunAt()).toBe(due);
      t = due;
    }
    // base 1 s doubling, capped at 5 s: +1, +2, +4, +5
    expect(dueTimes).toEqual(['2025-03-01T12:00:01.000Z', '2025-03-01T12:00:03.000Z', '2025-03-01T12:00:07.000Z', '2025-03-01T12:00:12.000Z']);
    expect(queue.claimNext()).toMatchObject({ attempts: 5 });
    expect(queue.fail(id, busy, true)).toMatchObject({ state: 'failed', attempts: 5, error: busy });
    expect(queue.nextRunAt()).toBeUndefined();
    expect(changes.filter((c) => c.endsWith('->retrying'))).toHaveLength(4);
    expect(changes.at(-1)).toBe(`${id}:running->failed`);
  });

  it('claims the oldest due job first, of the given types only, each once', () => {
    const a = queue.enqueue({ type: 'app.run', payload: 'a' });
    t += 1;
    const b = queue.enqueue({ type: 'net.store', payload: 'b' });
    t += 1;
    const c = queue.enqueue({ type: 'app.run', payload: 'c' });
    expect(queue.claimNext(t, { types: [] })).toBeUndefined();
    expect(queue.claimNext(t, { types: ['net.store'] })?.id).toBe(b.id);
    expect(queue.claimNext(t, { types: ['net.store'] })).toBeUndefined();
    expect(queue.claimNext(t, { types: ['app.run', 'net.store'] })?.id).toBe(a.id);
    expect(queue.claimNext()?.id).toBe(c.id);
    expect(queue.claimNext()).toBeUndefined();
  });

  it('claims a specific pending or retrying job even when it is not due; nothing else', () => {
    const { id } = queue.enqueue({ type: 'a', payload: null });
    queue.claimNext();
    queue.fail(id, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'x' }, true);
    expect(queue.claimNext()).toBeUndefined();
    expect(queue.claim(id)).toMatchObject({ state: 'running', attempts: 2 });
    expect(queue.claim(id)).toBeUndefined(); // already running
    queue.complete(id, 1);
    expect(queue.claim(id)).toBeUndefined();
    expect(changes).toContain(`${id}:retrying->running`);
  });

  it('returns the job of an idempotency key while it is pending, running, retrying or completed', () => {
    const first = queue.enqueue({ type: 'app.run', key: 'score/1.2.3', payload: { n: 1 } });
    const again = () => queue.enqueue({ type: 'app.run', key: 'score/1.2.3', payload: { n: 2 } });
    expect(again()).toEqual(first); // pending
    queue.claimNext();
    expect(again()).toMatchObject({ id: first.id, state: 'running', payload: { n: 1 } });
    queue.fail(first.id, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'x' }, true);
    expect(again()).toMatchObject({ id: first.id, state: 'retrying' });
    queue.claim(first.id);
    queue.complete(first.id, 'done');
    expect(again()).toMatchObject({ id: first.id, state: 'completed', result: 'done' });
    expect(queue.list()).toHaveLength(1);
    expect(changes.filter((c) => c.endsWith('new->pending'))).toHaveLength(1);

    const e = errorOf(() => queue.enqueue({ type: 'net.store', key: 'score/1.2.3', payload: null }));
    expect(isAtriumError(e, 'ATRIUM_ERR_JOB_KEY_CONFLICT')).toBe(true);
    expect((e as Error).message).toBe(`Job key "score/1.2.3" belongs to job ${first.id} of type app.run, not net.store`);
  });

  it('frees the key of a failed or cancelled job: enqueueing it again makes a new job (a resumed batch)', () => {
    const a = queue.enqueue({ type: 'app.run', key: 'k', payload: 1, maxAttempts: 1 });
    queue.claimNext();
    queue.fail(a.id, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'x' }, true); // no attempts left
    const b = queue.enqueue({ type: 'app.run', key: 'k', payload: 2 });
    expect(b.id).not.toBe(a.id);
    queue.requestCancel(b.id);
    const c = queue.enqueue({ type: 'app.run', key: 'k', payload: 3 });
    expect([a, b, c].map((j) => queue.get(j.id)?.state)).toEqual(['failed', 'cancelled', 'pending']);
    expect(queue.enqueue({ type: 'app.run', key: 'k', payload: 4 }).id).toBe(c.id);
  });

  it('cancels pending and retrying jobs at once; leaves finished jobs alone', () => {
    const p = queue.enqueue({ type: 'a', payload: null });
    const r = queue.enqueue({ type: 'a', payload: null });
    queue.claim(r.id);
    queue.fail(r.id, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'x' }, true);
    t += 5;
    expect(queue.requestCancel(p.id)).toMatchObject({
      state: 'cancelled',
      finishedAt: '2025-03-01T12:00:00.005Z',
      error: { code: 'ATRIUM_ERR_JOB_CANCELLED', message: `Job ${p.id} was cancelled before it ran` },
    });
    expect(queue.requestCancel(r.id).state).toBe('cancelled');
    expect(queue.claimNext(t + 60_000)).toBeUndefined();
    const before = queue.get(p.id);
    expect(queue.requestCancel(p.id)).toEqual(before);
    expect(isAtriumError(errorOf(() => queue.requestCancel(42)), 'ATRIUM_ERR_JOB_NOT_FOUND')).toBe(true);
    expect(changes).toEqual([
      `${p.id}:new->pending`,
      `${r.id}:new->pending`,
      `${r.id}:pending->running`,
      `${r.id}:running->retrying`,
      `${p.id}:pending->cancelled`,
      `${r.id}:retrying->cancelled`,
    ]);
  });

  it('asks the live owner of a running job to cancel it; cancels at once when the owner is gone', () => {
    const live = queue.enqueue({ type: 'a', payload: null });
    const orphan = queue.enqueue({ type: 'a', payload: null });
    queue.claimNext();
    queue.claimNext();
    expect(queue.cancelRequested([live.id, orphan.id])).toEqual([]);
    expect(queue.requestCancel(live.id)).toMatchObject({ state: 'running', cancelRequested: true });
    expect(queue.cancelRequested([live.id, orphan.id])).toEqual([live.id]);
    expect(queue.cancelRequested([])).toEqual([]);
    expect(queue.markCancelled(live.id)).toMatchObject({ state: 'cancelled', error: { code: 'ATRIUM_ERR_JOB_CANCELLED' } });

    setRow(orphan.id, 'owner_pid = ?', deadPid());
    expect(queue.requestCancel(orphan.id)).toMatchObject({ state: 'cancelled', cancelRequested: false });
    expect(queue.get(orphan.id)?.error?.message).toMatch(/that ran it is gone$/);
  });

  it('recovers jobs left running by a dead process or an earlier life of this pid; not those of a live process', () => {
    const ids = [1, 2, 3, 4, 5].map(() => queue.enqueue({ type: 'app.run', payload: null, maxAttempts: 2 }).id);
    ids.forEach(() => queue.claimNext());
    const [resume, lastAttempt, cancelWanted, ownPid, liveOther] = ids as [number, number, number, number, number];
    const dead = deadPid();
    setRow(resume, 'owner_pid = ?', dead);
    setRow(lastAttempt, 'owner_pid = ?, attempts = 2', dead);
    setRow(cancelWanted, 'owner_pid = ?, cancel_requested = 1', dead);
    // ownPid: left as process.pid (a previous process with this pid, as seen at startup)
    setRow(liveOther, 'owner_pid = ?', process.ppid); // the vitest main process: alive
    changes.length = 0;
    t += 1000;

    expect(queue.recover()).toEqual({ resumed: [resume, ownPid], failed: [lastAttempt], cancelled: [cancelWanted] });
    expect(queue.get(resume)).toMatchObject({
      state: 'retrying',
      nextRunAt: '2025-03-01T12:00:01.000Z',
      error: { code: 'ATRIUM_ERR_JOB_INTERRUPTED', message: `Job ${resume} (app.run) was interrupted: process ${dead} stopped while running attempt 1` },
    });
    expect(queue.get(lastAttempt)).toMatchObject({ state: 'failed', error: { code: 'ATRIUM_ERR_JOB_INTERRUPTED' }, finishedAt: '2025-03-01T12:00:01.000Z' });
    expect(queue.get(cancelWanted)).toMatchObject({ state: 'cancelled', error: { code: 'ATRIUM_ERR_JOB_CANCELLED' } });
    expect(queue.get(ownPid)?.state).toBe('retrying');
    expect(queue.get(liveOther)).toMatchObject({ state: 'running', ownerPid: process.ppid });
    expect(changes).toEqual([`${resume}:running->retrying`, `${lastAttempt}:running->failed`, `${cancelWanted}:running->cancelled`, `${ownPid}:running->retrying`]);

    // The resumed job runs again: its second (last) attempt.
    expect(queue.claimNext()).toMatchObject({ id: resume, attempts: 2 });
    expect(queue.recover()).toEqual({ resumed: [], failed: [resume], cancelled: [] });
  });

  it('lists newest first, by states and type, with a limit', () => {
    const a = queue.enqueue({ type: 'app.run', payload: 1 });
    const b = queue.enqueue({ type: 'net.store', payload: 2 });
    const c = queue.enqueue({ type: 'app.run', payload: 3 });
    queue.claim(a.id);
    queue.complete(a.id, null);
    expect(queue.list().map((j) => j.id)).toEqual([c.id, b.id, a.id]);
    expect(queue.list({ type: 'app.run' }).map((j) => j.id)).toEqual([c.id, a.id]);
    expect(queue.list({ states: ['pending'] }).map((j) => j.id)).toEqual([c.id, b.id]);
    expect(queue.list({ states: ['completed', 'failed'], type: 'app.run' }).map((j) => j.id)).toEqual([a.id]);
    expect(queue.list({ states: [] })).toEqual([]);
    expect(queue.list({ limit: 1 }).map((j) => j.id)).toEqual([c.id]);
  });

  it('keeps going when an event listener throws, and reports it as a warning', async () => {
    queue.onDidChangeJob(() => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    queue.onDidChangeJob((e) => seen.push(e.job.state)).dispose();
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(queue.enqueue({ type: 'a', payload: null }).state).toBe('pending');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual(['A job event listener threw: listener bug']);
    expect(seen).toEqual([]);
    expect(changes).toEqual(['1:new->pending']);
  });
});
