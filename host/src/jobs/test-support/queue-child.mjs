// A second process on the same index, for the multi-process job tests (run with
// `node --import ts-register.mjs queue-child.mjs <mode> <index path> [job id]`).
// It prints `ready`, waits for a line on stdin, then:
//   claim         claims and completes jobs (1 ms each) until none is due; prints the ids it claimed
//   crash         claims one job and dies (SIGKILL) while it is running
//   hold          claims one job and keeps it running until stdin closes
//   run-cancel    runs job <id> with a handler that stops on abort; prints its final row
//   run-stubborn  the same with a handler that ignores the abort (grace 200 ms)
import { once } from 'node:events';
import { openDatabase } from '../../db/open-database.js';
import { JobQueueImpl } from '../job-queue-impl.js';
import { JobRunnerImpl } from '../job-runner-impl.js';

const [mode, path, jobId] = process.argv.slice(2);
const database = openDatabase(path, { busyTimeoutMs: 20_000 });
const queue = new JobQueueImpl(database.jobs);
const print = (v) => process.stdout.write(JSON.stringify(v) + '\n');

print('ready');
await once(process.stdin, 'data');

switch (mode) {
  case 'claim': {
    const claimed = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let job = queue.claimNext(); job !== undefined; job = queue.claimNext()) {
      claimed.push(job.id);
      Atomics.wait(pause, 0, 0, 1); // 1 ms of "work": one process alone cannot drain the queue before the others start
      queue.complete(job.id, { by: process.pid });
    }
    print(claimed);
    break;
  }
  case 'crash':
    print(queue.claimNext().id);
    process.kill(process.pid, 'SIGKILL');
    break;
  case 'hold':
    print(queue.claimNext().id);
    process.stdin.resume();
    await once(process.stdin, 'end');
    break;
  case 'run-cancel':
  case 'run-stubborn': {
    const abandoned = [];
    const runner = new JobRunnerImpl(queue, { pollIntervalMs: 20, cancelGraceMs: 200, onAbandon: (id) => abandoned.push(id) });
    runner.register('t', (_job, { signal, progress }) => {
      progress(0.5, 'waiting to be cancelled');
      return new Promise((_resolve, reject) => {
        if (mode === 'run-cancel') signal.addEventListener('abort', () => reject(signal.reason));
      });
    });
    const final = await runner.runJob(Number(jobId));
    print({ final, abandoned });
    break;
  }
  default:
    throw new Error(`unknown mode ${mode}`);
}
database.close();
process.exit(0);
