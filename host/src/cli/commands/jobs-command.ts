import { parseArgs } from '../parse-args.js';
import { JobQueue } from '../../jobs/job-queue.js';
import type { JobState } from '../../jobs/job.js';
import { JOB_STATES } from '../../jobs/job.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { UsageError } from '../usage-error.js';

export const jobsCommand = defineCommand({
  name: 'jobs',
  usage: 'atrium jobs [--state <state>] [--limit n] | atrium jobs show <id> | atrium jobs cancel <id>',
  summary: 'List jobs (pending, running, retrying, completed, failed, cancelled), show one, or cancel one',
  uses: { queue: JobQueue },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { state: { type: 'string', multiple: true }, limit: { type: 'string', default: '50' } } });
    const [verb, id] = positionals;
    const states = (values.state ?? []) as JobState[];
    const bad = states.find((s) => !JOB_STATES.includes(s));
    if (bad) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unknown state "${bad}"; states: ${JOB_STATES.join(', ')}`, {});
    }
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
      ctx.out(ctx.json || verb === 'show' ? JSON.stringify(job, null, 2) : `job ${job.id}: ${job.state}${job.cancelRequested ? ' (cancel requested; the running process will stop it)' : ''}`);
      return 0;
    }
    if (verb !== undefined) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const jobs = queue.list({ ...(states.length ? { states } : {}), limit: Number(values.limit) });
    if (ctx.json) ctx.out(JSON.stringify(jobs, null, 2));
    else ctx.out(jobs.length === 0 ? '(no jobs)' : printTable(jobs.map((j) => ({ id: j.id, state: j.state, progress: `${Math.round(j.progress * 100)}%`, attempts: `${j.attempts}/${j.maxAttempts}`, created: j.createdAt, label: j.label ?? j.type, error: j.error ? `${j.error.code}: ${j.error.message}` : '' })), ['id', 'state', 'progress', 'attempts', 'created', 'label', 'error']));
    return 0;
  },
});
