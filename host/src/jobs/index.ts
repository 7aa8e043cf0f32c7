/** Jobs: the persistent queue in the index, the runner, and worker threads for the work. */
export { JOB_STATES, TERMINAL_JOB_STATES } from './job.js';
export type { Job, JobChangeEvent, JobError, JobProgressEvent, JobState, NewJob } from './job.js';
export { JobQueue, type JobFilter, type RecoveryReport } from './job-queue.js';
export { JobQueueImpl, type JobQueueOptions } from './job-queue-impl.js';
export { JobHandlerContribution, JobRunner, type JobHandler, type JobHandlerContext, type JobHandlerOptions, type JobRunnerOptions } from './job-runner.js';
export { JobRunnerImpl } from './job-runner-impl.js';
export { isRetryableError, retryableError, toJobError } from './to-job-error.js';
export { retryDelayMs } from './retry-delay.js';
export { runInWorker, type MainHandler, type RunInWorkerOptions } from './run-in-worker.js';
export { callMain, emitEvent, runWorkerTask, type WorkerTaskIo } from './worker-task.js';
export type { MainToWorker, SerializedError, WorkerToMain } from './worker-protocol.js';
