import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../db/host-database.js';
import { openDatabase } from '../db/open-database.js';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import type { Job } from './job.js';
import { JobQueueImpl } from './job-queue-impl.js';
import { JobRunnerImpl } from './job-runner-impl.js';
import type { JobRunner, JobRunnerOptions } from './job-runner.js';
import { ProgressThrottle } from './progress-throttle.js';
import { retryableError } from './to-job-error.js';

let database: HostDatabase;
let queue: JobQueueImpl;
let runner: JobRunner;
const FAST: JobRunnerOptions = { pollIntervalMs: 20, cancelGraceMs: 300, progressIntervalMs: 200 };

beforeEach(() => {
  database = openDatabase(':memory:');
  queue = new JobQueueImpl(database.jobs, { retryBaseMs: 40, retryMaxMs: 1000 });
  runner = new JobRunnerImpl(queue, FAST);
});
afterEach(async () => {
  await runner.stop();
  database.close();
});

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Resolves when `signal` aborts, with its reason. */
function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((r) => signal.addEventListener('abort', () => r(signal.reason), { once: true }));
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(5);
  }
}

describe('JobRunner', () => {
  it('has one handler per type: a second registration throws until the first is disposed', () => {
    const first = runner.register('app.run', () => 1);
    let e: unknown;
    try {
      runner.register('app.run', () => 2);
    } catch (err) {
      e = err;
    }
    expect(isAtriumError(e, 'ATRIUM_ERR_JOB_HANDLER_EXISTS')).toBe(true);
    expect((e as Error).message).toBe('Job type app.run already has a handler; a type has one owner');
    first.dispose();
    const second = runner.register('app.run', () => 2);
    first.dispose(); // disposing twice does not remove the new owner
    expect(runner.types()).toEqual(['app.run']);
    second.dispose();
    expect(runner.types()).toEqual([]);
  });

  it('runs due jobs of its types until idle, recording results and every state change', async () => {
    const changes: string[] = [];
    runner.onDidChangeJob((e) => changes.push(`${e.job.id}:${e.previousState ?? 'new'}->${e.job.state}`));
    runner.register<{ n: number }, { square: number }>('math.square', (job) => ({ square: job.payload.n ** 2 }));
    const a = queue.enqueue({ type: 'math.square', payload: { n: 3 } });
    const other = queue.enqueue({ type: 'net.store', payload: null });
    const b = queue.enqueue({ type: 'math.square', payload: { n: 4 } });
    await runner.runUntilIdle();
    expect(queue.get(a.id)).toMatchObject({ state: 'completed', result: { square: 9 }, attempts: 1, progress: 1 });
    expect(queue.get(b.id)).toMatchObject({ state: 'completed', result: { square: 16 } });
    expect(queue.get(other.id)?.state).toBe('pending'); // no handler here
    expect(changes).toEqual([
      '1:new->pending',
      '2:new->pending',
      '3:new->pending',
      '1:pending->running',
      '1:running->completed',
      '3:pending->running',
      '3:running->completed',
    ]);
  });

  it('fails a job with the code of an AtriumError, ATRIUM_ERR_JOB_FAILED for anything else', async () => {
    runner.register<string>('t', (job) => {
      if (job.payload === 'atrium') throw new AtriumError('ATRIUM_ERR_APP_INPUT', 'Series 1.2 has no slices');
      if (job.payload === 'plain') return Promise.reject(new Error('disk on fire'));
      if (job.payload === 'string') throw 'just a string';
      return { n: 1n }; // not JSON
    });
    const ids = ['atrium', 'plain', 'string', 'bigint'].map((p) => queue.enqueue({ type: 't', payload: p }).id);
    await runner.runUntilIdle();
    expect(ids.map((id) => [queue.get(id)?.state, queue.get(id)?.attempts, queue.get(id)?.error])).toEqual([
      ['failed', 1, { code: 'ATRIUM_ERR_APP_INPUT', message: 'Series 1.2 has no slices' }],
      ['failed', 1, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'disk on fire' }],
      ['failed', 1, { code: 'ATRIUM_ERR_JOB_FAILED', message: 'just a string' }],
      ['failed', 1, { code: 'ATRIUM_ERR_JOB_RESULT_NOT_JSON', message: expect.stringMatching(/^The result of job 4 is not JSON-serialisable/) }],
    ]);
  });

  it('retries retryable errors with backoff (AtriumError details.retryable, or declared by the handler)', async () => {
    const attemptsAt: Record<string, number[]> = { atrium: [], declared: [] };
    class PeerBusy extends Error {}
    runner.register<string>(
      't',
      (job) => {
        attemptsAt[job.payload]!.push(Date.now());
        if (job.attempts < 3) throw job.payload === 'atrium' ? retryableError('ATRIUM_ERR_NET_CONNECT', 'busy') : new PeerBusy('busy');
        return `ok after ${job.attempts}`;
      },
      { isRetryable: (e) => e instanceof PeerBusy },
    );
    const a = queue.enqueue({ type: 't', payload: 'atrium' });
    const d = queue.enqueue({ type: 't', payload: 'declared' });

    await runner.runUntilIdle(); // does not wait for retries
    expect([queue.get(a.id)?.state, queue.get(d.id)?.state]).toEqual(['retrying', 'retrying']);
    expect(queue.get(a.id)?.error).toEqual({ code: 'ATRIUM_ERR_NET_CONNECT', message: 'busy' });
    expect(queue.get(d.id)?.error).toEqual({ code: 'ATRIUM_ERR_JOB_FAILED', message: 'busy' });

    await runner.runUntilIdle({ waitForRetries: true });
    expect(queue.get(a.id)).toMatchObject({ state: 'completed', attempts: 3, result: 'ok after 3' });
    expect(queue.get(d.id)).toMatchObject({ state: 'completed', attempts: 3, result: 'ok after 3' });
    for (const times of Object.values(attemptsAt)) {
      const [t1, t2, t3] = times as [number, number, number];
      expect(t2 - t1).toBeGreaterThanOrEqual(40 - 2); // base
      expect(t3 - t2).toBeGreaterThanOrEqual(80 - 2); // base · 2
    }
  });

  it('runs at most `concurrency` jobs at once (default 1)', async () => {
    for (const concurrency of [1, 3]) {
      const r = new JobRunnerImpl(queue, { ...FAST, concurrency });
      let now = 0;
      let peak = 0;
      r.register('slow', async () => {
        peak = Math.max(peak, ++now);
        await delay(30);
        now--;
      });
      for (let i = 0; i < 7; i++) queue.enqueue({ type: 'slow', payload: i });
      await r.runUntilIdle();
      expect(peak).toBe(concurrency);
      expect(queue.list({ states: ['completed'], type: 'slow' })).toHaveLength(7 * (concurrency === 1 ? 1 : 2));
    }
  });

  it('aborts the signal of a running job whose cancel is requested; the job ends cancelled', async () => {
    let reason: unknown;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    runner.register('t', async (_job, { signal }) => {
      started();
      reason = await aborted(signal);
      signal.throwIfAborted();
    });
    const { id } = queue.enqueue({ type: 't', payload: null });
    const done = runner.runUntilIdle();
    await running;
    const asked = Date.now();
    expect(queue.requestCancel(id)).toMatchObject({ state: 'running', cancelRequested: true });
    await done;
    expect(Date.now() - asked).toBeLessThan(250); // polled every 20 ms
    expect(isAtriumError(reason, 'ATRIUM_ERR_JOB_CANCELLED')).toBe(true);
    expect(queue.get(id)).toMatchObject({
      state: 'cancelled',
      error: { code: 'ATRIUM_ERR_JOB_CANCELLED', message: `Job ${id} was cancelled: Job ${id} (t) was cancelled` },
    });
  });

  it('marks a job that ignores its abort cancelled after the grace period, calls the abandon hooks, ignores the late result', async () => {
    const abandoned: string[] = [];
    runner = new JobRunnerImpl(queue, { ...FAST, cancelGraceMs: 150, onAbandon: (id) => abandoned.push(`runner:${id}`) });
    let finishLate!: () => void;
    let lateResult = false;
    runner.register(
      'stubborn',
      async () => {
        await new Promise<void>((r) => (finishLate = r));
        lateResult = true;
        return 'late';
      },
      { onAbandon: (id) => abandoned.push(`handler:${id}`) },
    );
    const { id } = queue.enqueue({ type: 'stubborn', payload: null });
    const final = runner.runJob(id);
    await until(() => queue.get(id)?.state === 'running');
    const asked = Date.now();
    queue.requestCancel(id);
    const job = await final;
    expect(Date.now() - asked).toBeGreaterThanOrEqual(150);
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'ATRIUM_ERR_JOB_CANCELLED', message: `Job ${id} was cancelled; its handler did not stop within 150 ms and was abandoned` } });
    expect(abandoned).toEqual([`handler:${id}`, `runner:${id}`]);
    expect(runner.running()).toEqual([]);
    finishLate();
    await until(() => lateResult);
    await delay(20);
    expect(queue.get(id)).toMatchObject({ state: 'cancelled', result: undefined });
  });

  it('completes a job whose handler returns a result within the grace period despite the abort', async () => {
    runner.register('t', async (_job, { signal }) => {
      await aborted(signal);
      return 'finished anyway';
    });
    const { id } = queue.enqueue({ type: 't', payload: null });
    const final = runner.runJob(id);
    await until(() => queue.get(id)?.state === 'running');
    queue.requestCancel(id);
    expect(await final).toMatchObject({ state: 'completed', result: 'finished anyway' });
  });

  it('never runs a job cancelled while pending', async () => {
    let ran = false;
    runner.register('t', () => (ran = true));
    const { id } = queue.enqueue({ type: 't', payload: null });
    queue.requestCancel(id);
    await runner.runUntilIdle();
    expect(await runner.runJob(id)).toMatchObject({ state: 'cancelled', attempts: 0 });
    expect(ran).toBe(false);
  });

  it('throttles progress writes to one per 200 ms and keeps the last report of a failed job', async () => {
    const writes: [number, string | undefined][] = [];
    runner.onDidProgressJob((e) => writes.push([e.progress, e.message]));
    runner.register('t', async (_job, { progress }) => {
      for (let i = 1; i <= 60; i++) {
        progress(i / 100, `step ${i}`);
        await delay(10);
      }
      throw new Error('stopped at 60');
    });
    const { id } = queue.enqueue({ type: 't', payload: null });
    const started = Date.now();
    await runner.runJob(id);
    const seconds = (Date.now() - started) / 1000;
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(seconds * 5) + 1);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes[0]).toEqual([0.01, 'step 1']);
    expect(writes.at(-1)).toEqual([0.6, 'step 60']); // flushed before the failure was recorded
    expect(queue.get(id)).toMatchObject({ state: 'failed', progress: 0.6, message: 'step 60' });
  });

  it('runJob runs one job now (even beyond the concurrency limit) and waits through its retries', async () => {
    let release!: () => void;
    runner.register('block', () => new Promise<void>((r) => (release = r)));
    runner.register<number>('flaky', (job) => {
      if (job.attempts < 2) throw retryableError('ATRIUM_ERR_NET_CONNECT', 'busy');
      return job.payload * 10;
    });
    queue.enqueue({ type: 'block', payload: null });
    const idle = runner.runUntilIdle(); // occupies the single slot
    await until(() => runner.running().length === 1);
    const flaky = queue.enqueue({ type: 'flaky', payload: 7 });
    expect(await runner.runJob(flaky.id)).toMatchObject({ state: 'completed', attempts: 2, result: 70 });
    const once = queue.enqueue({ type: 'flaky', payload: 8 });
    expect(await runner.runJob(once.id, { waitForRetries: false })).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(await runner.runJob(once.id)).toMatchObject({ state: 'completed', attempts: 2 }); // run now, not when due
    release();
    await idle;
  });

  it('runJob refuses an unknown job and a type without a handler', async () => {
    expect(isAtriumError(await errorOf(runner.runJob(99)), 'ATRIUM_ERR_JOB_NOT_FOUND')).toBe(true);
    const { id } = queue.enqueue({ type: 'nobody', payload: null });
    const e = await errorOf(runner.runJob(id));
    expect(isAtriumError(e, 'ATRIUM_ERR_JOB_NO_HANDLER')).toBe(true);
    expect((e as Error).message).toBe(`Job ${id} is of type nobody, which has no handler here`);
    expect(queue.get(id)?.state).toBe('pending');
  });

  it('start() picks up jobs enqueued later; stop() waits for the running ones', async () => {
    const finished: number[] = [];
    runner.register<number>('t', async (job) => {
      await delay(30);
      finished.push(job.payload);
    });
    runner.start();
    runner.start(); // idempotent
    await delay(50);
    const jobs: Job[] = [1, 2, 3].map((n) => queue.enqueue({ type: 't', payload: n }));
    await until(() => finished.length === 3);
    expect(jobs.map((j) => queue.get(j.id)?.state)).toEqual(['completed', 'completed', 'completed']);
    queue.enqueue({ type: 't', payload: 4 });
    await until(() => runner.running().length === 1);
    await runner.stop();
    expect(finished).toEqual([1, 2, 3, 4]);
    queue.enqueue({ type: 't', payload: 5 });
    await delay(80);
    expect(finished).toEqual([1, 2, 3, 4]); // stopped: nothing claimed
  });
});

describe('ProgressThrottle', () => {
  it('writes the first report at once and merges the rest of each interval into one trailing write', async () => {
    let now = 1000;
    const writes: [number, string | undefined][] = [];
    const t = new ProgressThrottle(200, (f, m) => writes.push([f, m]), () => now);
    t.push(0.1, 'a');
    t.push(0.2, 'b');
    t.push(0.3); // keeps message b
    expect(writes).toEqual([[0.1, 'a']]);
    now = 1200;
    await delay(220); // the trailing timer (200 ms of real time)
    expect(writes).toEqual([
      [0.1, 'a'],
      [0.3, 'b'],
    ]);
    now = 1500;
    t.push(0.4, 'c'); // interval passed: at once
    t.push(0.5, 'd');
    t.cancel();
    await delay(220);
    expect(writes).toEqual([
      [0.1, 'a'],
      [0.3, 'b'],
      [0.4, 'c'],
    ]);
    now = 1550;
    t.push(0.6, 'e');
    t.flush();
    t.flush(); // nothing left
    expect(writes.at(-1)).toEqual([0.6, 'e']);
    expect(writes).toHaveLength(4);
  });
});
