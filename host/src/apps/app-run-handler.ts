import type { Disposable } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { runApp, type AppRunDeps, type AppRunRequest } from './run-app.js';

/** Job type of an app run; payload {@link AppRunRequest}. */
export const APP_RUN_JOB = 'app.run';

/** How an app run ended, for its performed procedure step. */
export type AppRunEnd =
  | { readonly status: 'COMPLETED'; readonly written: readonly { readonly sopInstanceUID: string }[] }
  | { readonly status: 'DISCONTINUED'; readonly reason: string };

/**
 * Reports app runs elsewhere (the MPPS SCU, when `appRunMpps` is set): `start` before the
 * run returns the function that reports its end, or undefined when nothing is reported.
 */
export interface AppRunReporter {
  start(run: { readonly jobId: number; readonly app: string; readonly seriesInstanceUID?: string; readonly studyInstanceUID?: string }): Promise<((end: AppRunEnd) => Promise<void>) | undefined>;
}

/**
 * Run apps as jobs: the same contract for `atrium run` (one job, waited for) and
 * `atrium batch` (one job per series, keyed so a batch can resume). Cancelling the job
 * terminates the app's worker. Coded errors (bad parameters, a plugin's SdkError) keep
 * their codes in the job; no app error is retried except a crashed worker. With a
 * `reporter`, each attempt is reported (an MPPS step IN PROGRESS, then COMPLETED or
 * DISCONTINUED); a reporter's failure is logged and never fails the run.
 */
export function registerAppRunHandler(runner: JobRunner, deps: AppRunDeps & { readonly reporter?: AppRunReporter }): Disposable {
  const warn = (what: string, e: unknown): void => deps.log?.('warn', 'host', `${what}: ${e instanceof Error ? e.message : String(e)}`);
  return runner.register<AppRunRequest>(
    APP_RUN_JOB,
    async (job, ctx) => {
      const p = job.payload;
      const run = { jobId: job.id, app: p.app, ...(p.seriesInstanceUID ? { seriesInstanceUID: p.seriesInstanceUID } : {}), ...(p.studyInstanceUID ? { studyInstanceUID: p.studyInstanceUID } : {}) };
      const end = await deps.reporter?.start(run).catch((e: unknown) => warn(`app run ${job.id}: no performed procedure step`, e));
      let result;
      try {
        result = await runApp(deps, p, { signal: ctx.signal, progress: ctx.progress });
      } catch (e) {
        await end?.({ status: 'DISCONTINUED', reason: e instanceof Error ? e.message : String(e) }).catch((x: unknown) => warn(`app run ${job.id}: performed procedure step DISCONTINUED not reported`, x));
        throw e;
      }
      await end?.({ status: 'COMPLETED', written: result.written }).catch((x: unknown) => warn(`app run ${job.id}: performed procedure step COMPLETED not reported`, x));
      return result;
    },
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
