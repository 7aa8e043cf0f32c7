import { MppsTable } from '../../db/mpps-table.js';
import { MppsJob, type MppsResult } from '../../net/jobs/mpps-jobs.js';
import { uuidUid } from '../../net/uuid-uid.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { parseArgs } from '../parse-args.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

const USAGE = [
  'atrium mpps create <study|series-uid> <ae>',
  'atrium mpps set <mpps-uid> <ae> --status COMPLETED|DISCONTINUED [--series <uid>[,<uid>...]]',
  'atrium mpps ls',
].join('\n       ');
const FINAL = ['COMPLETED', 'DISCONTINUED'] as const;

/** What is missing from (or extra on) an `mpps create` / `mpps set` / `mpps ls` line, or undefined. */
function missingArgument(verb: string | undefined, uid: string | undefined, ae: string | undefined, extra: string | undefined): string | undefined {
  if (verb === undefined) return 'give a subcommand: create, set or ls';
  if (verb === 'ls') return 'ls takes no arguments';
  if (verb !== 'create' && verb !== 'set') return `unknown subcommand "${verb}" (create, set or ls)`;
  const what = verb === 'create' ? 'a stored study or series UID' : 'the performed procedure step\'s SOP Instance UID';
  if (!uid) return `${verb} needs ${what} and a remote AE`;
  if (!ae) return `${verb} needs a remote AE after ${uid}`;
  return extra === undefined ? undefined : `unexpected argument ${JSON.stringify(extra)}`;
}

export const mppsCommand = defineCommand({
  name: 'mpps',
  usage: USAGE,
  summary: 'Modality Performed Procedure Step SCU (N-CREATE IN PROGRESS on a stored study, N-SET COMPLETED or DISCONTINUED with the performed series; jobs retried as sends are), and the steps received by atrium serve or sent',
  uses: { ...NET_JOB_USES, steps: MppsTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { status: { type: 'string' }, series: { type: 'string' } } });
    const [verb, uid, ae, extra] = positionals;
    if (verb === 'ls' && uid === undefined) {
      const steps = (await use.steps()).list();
      if (ctx.json) ctx.out(JSON.stringify(steps.map((s) => ({ ...s, attributes: JSON.parse(s.attributes) as unknown })), null, 2));
      else ctx.out(steps.length === 0 ? '(no performed procedure steps)' : printTable(steps.map((s) => ({ SOPInstanceUID: s.SOPInstanceUID, direction: s.direction, ae: s.ae, status: s.status, updated: s.updatedAt })), ['SOPInstanceUID', 'direction', 'ae', 'status', 'updated']));
      return 0;
    }
    const problem = missingArgument(verb, uid, ae, extra);
    if (problem !== undefined) throw new UsageError('ATRIUM_ERR_CLI_USAGE', problem, verb === undefined ? {} : { subcommand: verb });
    let job;
    if (verb === 'create') {
      if (values.status !== undefined || values.series !== undefined) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', 'mpps create takes no --status or --series (the step is created IN PROGRESS)', { option: values.status !== undefined ? '--status' : '--series' });
      const SOPInstanceUID = uuidUid();
      job = await runNetJob(use, ctx, MppsJob.Create, { ae, uid, SOPInstanceUID, stepId: SOPInstanceUID.slice(-16) }, `mpps create on ${uid} at ${ae}`);
    } else {
      const status = values.status?.toUpperCase();
      if (!FINAL.includes(status as (typeof FINAL)[number])) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `mpps set needs --status COMPLETED or DISCONTINUED${values.status === undefined ? '' : `, not "${values.status}"`}`, { option: '--status' });
      const series = values.series?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      job = await runNetJob(use, ctx, MppsJob.Set, { ae, SOPInstanceUID: uid, status, ...(series ? { series } : {}) }, `mpps set ${status} of ${uid} at ${ae}`);
    }
    if (job.state !== 'completed') {
      if (ctx.json) ctx.out(JSON.stringify({ job }, null, 2));
      return 1;
    }
    const r = job.result as MppsResult;
    ctx.out(ctx.json ? JSON.stringify({ job: job.id, ...r }, null, 2) : `${r.ae}: performed procedure step ${r.SOPInstanceUID} ${r.status} (job ${job.id})`);
    return 0;
  },
});
