import { JobQueue, JobRunner } from '../di/jobs-module.js';
import { Workstation } from '../di/store-module.js';
import type { Container } from '../di/inversify.js';
import type { Job } from '../jobs/job.js';
import { loadNetworkConfig } from '../net/config/index.js';
import { netJobAttempts } from '../net/jobs/net-jobs.js';
import type { CliContext } from './cli-context.js';
import { ProgressBar } from './progress-bar.js';

/**
 * Enqueues a network job (visible in `atrium jobs`), runs it here with a progress bar
 * (retries are waited for, as seed 001 prescribes per operation) and returns its final
 * state. A failure is reported on stderr with its code.
 */
export async function runNetJob<P>(container: Container, ctx: CliContext, type: string, payload: P, label: string): Promise<Job> {
  const queue = container.get<JobQueue>(JobQueue);
  const runner = container.get<JobRunner>(JobRunner);
  const ws = container.get<Workstation>(Workstation);
  const job = queue.enqueue({ type, payload, label, maxAttempts: netJobAttempts(type, loadNetworkConfig(ws.database.settings)) });
  const bar = new ProgressBar(label.split(' ')[0] ?? type);
  const progress = runner.onDidProgressJob((e) => e.jobId === job.id && bar.update(Math.round(e.progress * 100), 100, e.message ?? ''));
  const changes = runner.onDidChangeJob(({ job: j }) => {
    if (j.id === job.id && j.state === 'retrying' && !ctx.json) ctx.err(`${label}: attempt ${j.attempts} of ${j.maxAttempts} failed (${j.error?.message ?? ''}); retrying at ${j.nextRunAt}`);
  });
  try {
    const done = await runner.runJob(job.id);
    bar.done();
    if (done.state !== 'completed' && !ctx.json) ctx.err(`atrium: job ${done.id} ${done.state}: ${done.error?.message ?? ''} [${done.error?.code ?? ''}]`);
    return done;
  } finally {
    progress.dispose();
    changes.dispose();
  }
}
