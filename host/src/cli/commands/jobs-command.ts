import { parseArgs } from '../parse-args.js';
import { CommitmentTable } from '../../db/commitment-table.js';
import { JobQueue } from '../../jobs/job-queue.js';
import type { Job, JobState } from '../../jobs/job.js';
import { JOB_STATES } from '../../jobs/job.js';
import { defineCommand } from '../cli-context.js';
import { parseLimit } from '../option-values.js';
import { printTable } from '../print-table.js';
import { UsageError } from '../usage-error.js';

/** The host a running or finished job ran on (its owner's host id); `-` for one waiting, or finished without running. */
function ranOn(job: Job): string {
  return (job.state === 'pending' || job.state === 'retrying' ? undefined : job.ownerHost) ?? '-';
}

export const jobsCommand = defineCommand({
  name: 'jobs',
  usage: 'atrium jobs [--state <state>] [--limit n] | atrium jobs show <id> | atrium jobs cancel <id>',
  summary: 'List jobs (pending, running, retrying, completed, failed, cancelled), show one, or cancel one',
  uses: { queue: JobQueue, commitments: CommitmentTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { state: { type: 'string', multiple: true }, limit: { type: 'string', default: '50' } } });
    const [verb, id] = positionals;
    const states = (values.state ?? []) as JobState[];
    const bad = states.find((s) => !JOB_STATES.includes(s));
    if (bad) {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--state: unknown state "${bad}"; states: ${JOB_STATES.join(', ')}`, { option: '--state', value: bad });
    }
    const limit = parseLimit(values.limit)!;
    const queue = await use.queue();
    if (verb === 'cancel' || verb === 'show') {
      if (!id || !Number.isInteger(Number(id))) {
        throw new UsageError('ATRIUM_ERR_CLI_USAGE', `${verb} needs a job id (a number)${id === undefined ? '' : `, not "${id}"`}`, {});
      }
      const job = verb === 'cancel' ? queue.requestCancel(Number(id)) : queue.get(Number(id));
      if (!job) {
        ctx.err(`atrium jobs: no job ${id} [ATRIUM_ERR_JOB_NOT_FOUND]`);
        return 1;
      }
      // Storage commitment results arrive after the job ended (atrium serve records them): shown with it.
      const commitments = verb === 'show' ? (await use.commitments()).forJob(job.id) : [];
      const shown = commitments.length > 0 ? { ...job, commitments } : job;
      ctx.out(ctx.json || verb === 'show' ? JSON.stringify(shown, null, 2) : `job ${job.id}: ${job.state}${job.cancelRequested ? ' (cancel requested; the running process will stop it)' : ''}`);
      return 0;
    }
    if (verb !== undefined && verb !== 'ls' && verb !== 'list') {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unknown subcommand "${verb}" (show <id>, cancel <id>, or none to list the jobs)`, { subcommand: verb });
    }
    if (id !== undefined) throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unexpected argument ${JSON.stringify(id)}`, {});
    const jobs = queue.list({ ...(states.length ? { states } : {}), limit });
    if (ctx.json) ctx.out(JSON.stringify(jobs, null, 2));
    else ctx.out(jobs.length === 0 ? '(no jobs)' : printTable(jobs.map((j) => ({ id: j.id, state: j.state, progress: `${Math.round(j.progress * 100)}%`, attempts: `${j.attempts}/${j.maxAttempts}`, host: ranOn(j), created: j.createdAt, label: j.label ?? j.type, error: j.error ? `${j.error.code}: ${j.error.message}` : '' })), ['id', 'state', 'progress', 'attempts', 'host', 'created', 'label', 'error']));
    return 0;
  },
});
