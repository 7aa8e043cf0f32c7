import type { JobChangeEvent } from './job.js';

/**
 * The line a worker logs when a job of its starts or ends (else undefined): the job id, the app
 * and series of an app run (else its label or type), and for an end the outcome and the time
 * since the attempt started, in ms.
 */
export function jobLogLine(e: JobChangeEvent, now = Date.now()): string | undefined {
  const { job } = e;
  const payload = job.payload as { app?: unknown; seriesInstanceUID?: unknown } | null;
  const what = typeof payload?.app === 'string' ? `${payload.app} on ${String(payload.seriesInstanceUID)}` : (job.label ?? job.type);
  if (job.state === 'running' && e.previousState !== 'running') return `job ${job.id} started: ${what} (attempt ${job.attempts} of ${job.maxAttempts})`;
  if (e.previousState !== 'running' || job.state === 'running') return undefined;
  const ms = job.startedAt === undefined ? '?' : String(now - Date.parse(job.startedAt));
  const error = job.error === undefined ? '' : `: ${job.error.code}`;
  return `job ${job.id} ${job.state}${error}: ${what}, ${ms} ms`;
}
