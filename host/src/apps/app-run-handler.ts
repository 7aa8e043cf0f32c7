import type { Disposable } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { runApp, type AppRunDeps, type AppRunRequest } from './run-app.js';

/** Job type of an app run; payload {@link AppRunRequest}. */
export const APP_RUN_JOB = 'app.run';

/**
 * Run apps as jobs: the same contract for `atrium run` (one job, waited for) and
 * `atrium batch` (one job per series, keyed so a batch can resume). Cancelling the job
 * terminates the app's worker. Coded errors (bad parameters, a plugin's SdkError) keep
 * their codes in the job; no app error is retried except a crashed worker.
 */
export function registerAppRunHandler(runner: JobRunner, deps: AppRunDeps): Disposable {
  return runner.register<AppRunRequest>(
    APP_RUN_JOB,
    (job, ctx) => runApp(deps, job.payload, { signal: ctx.signal, progress: ctx.progress }),
    { isRetryable: (e) => e instanceof AtriumError && e.code === 'ATRIUM_ERR_WORKER_CRASHED' },
  );
}

/** The idempotency key of an app run: same app (and plugin version, when recorded), series (or study) and parameters → the same job. */
export function appRunKey(req: AppRunRequest): string {
  const params = Object.keys(req.params).sort().map((k) => `${k}=${JSON.stringify(req.params[k])}`).join('&');
  const input = req.studyInstanceUID !== undefined ? `study=${req.studyInstanceUID}` : req.seriesInstanceUID;
  const app = req.pluginVersion === undefined ? req.app : `${req.app}@${req.pluginVersion}`;
  return `${APP_RUN_JOB}:${app}:${input}:${params}`;
}
