import { SettingTable } from '../db/setting-table.js';
import type { Job } from '../jobs/job.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobRunner } from '../jobs/job-runner.js';
import { loadNetworkConfig } from '../net/config/index.js';
import { netJobAttempts } from '../net/jobs/net-jobs.js';
import type { CliContext, Services } from './cli-context.js';

/** What a network command uses: the job queue and runner, and the network settings (retries). */
export const NET_JOB_USES = { queue: JobQueue, runner: JobRunner, settings: SettingTable } as const;
import { ProgressBar } from './progress-bar.js';

/**
 * Enqueues a network job (visible in `atrium jobs`), runs it here with a progress bar
 * (retries are waited for, as the Canon GCA-9300R conformance statement prescribes per
 * operation) and returns its final
 * state. A failure is reported on stderr with its code.
 */
export async function runNetJob<P>(use: Services<typeof NET_JOB_USES>, ctx: CliContext, type: string, payload: P, label: string): Promise<Job> {
  const [queue, runner, settings] = await Promise.all([use.queue(), use.runner(), use.settings()]);
  const job = queue.enqueue({ type, payload, label, maxAttempts: netJobAttempts(type, loadNetworkConfig(settings)) });
  const bar = new ProgressBar(label.split(' ')[0] ?? type);
  const progress = runner.onDidProgressJob((e) => e.jobId === job.id && bar.update(Math.round(e.progress * 100), 100, e.message ?? ''));
  const changes = runner.onDidChangeJob(({ job: j }) => {
    if (j.id === job.id && j.state === 'retrying' && !ctx.json) ctx.err(`${label}: attempt ${j.attempts} of ${j.maxAttempts} failed (${j.error?.message ?? ''}); retrying at ${j.nextRunAt}`);
  });
  try {
    const done = await runner.runJob(job.id);
    bar.done();
    // The label starts with the command's name (`print ...`, `send ...`): errors read as every command's do.
    if (done.state !== 'completed' && !ctx.json) ctx.err(`atrium ${label.split(' ')[0] ?? type}: job ${done.id} ${done.state}: ${done.error?.message ?? ''} [${done.error?.code ?? ''}]`);
    return done;
  } finally {
    progress.dispose();
    changes.dispose();
  }
}
