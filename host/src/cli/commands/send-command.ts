import { hexStatus } from '../../errors/dimse-statuses.js';
import { defineCommand } from '../cli-context.js';
import type { CommitmentOutcome } from '../../net/jobs/commitment-on-send.js';
import { NetJob, type SendResult } from '../../net/jobs/net-jobs.js';
import { parseArgs } from '../parse-args.js';
import { printTable } from '../print-table.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

/** The lines that say what became of a storage commitment request. */
function describeCommitment(c: CommitmentOutcome): string {
  const lines = [`storage commitment ${c.transactionUid}: ${c.committed} committed, ${c.failed} failed${c.pending ? `, ${c.pending} pending (the report reaches atrium serve later; atrium ls instances --commitment)` : ''}`];
  if (c.deleted !== undefined) lines.push(`deleteCommitted: ${c.deleted} committed instance(s) deleted locally`);
  if (c.failures.length > 0) lines.push(printTable(c.failures.map((f) => ({ SOPInstanceUID: f.SOPInstanceUID, FailureReason: f.failureReason === undefined ? '' : hexStatus(f.failureReason) })), ['SOPInstanceUID', 'FailureReason']));
  return lines.join('\n');
}

export const sendCommand = defineCommand({
  name: 'send',
  usage: 'atrium send <uid|patient-id...> <ae> [--commit]',
  summary: 'Send stored patients, studies, series or instances to a remote AE (C-ECHO, then C-STORE on one association; a job retried up to 5 times); --commit (or an AE with role commit): then request storage commitment',
  uses: NET_JOB_USES,
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { commit: { type: 'boolean', default: false } } });
    const commit = values.commit;
    const ae = positionals[positionals.length - 1];
    const uids = positionals.slice(0, -1);
    if (!ae || uids.length === 0) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give the UIDs or patient IDs to send, then the AE', {});
    const job = await runNetJob(use, ctx, NetJob.Send, { ae, uids, ...(commit ? { commit } : {}) }, `send ${uids.length === 1 ? uids[0] : `${uids.length} UIDs`} to ${ae}${commit ? ' with storage commitment' : ''}`);
    if (job.state !== 'completed') {
      if (ctx.json) ctx.out(JSON.stringify({ job }, null, 2));
      return 1;
    }
    const r = job.result as SendResult;
    if (ctx.json) ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
    else {
      ctx.out(`${ae}: ${r.completed} of ${r.total} sent${r.warning ? `, ${r.warning} with warnings` : ''}${r.failed ? `, ${r.failed} failed` : ''} (job ${job.id})`);
      if (r.problems.length > 0) ctx.out(printTable(r.problems.map((p) => ({ ...p, status: hexStatus(p.status) })), ['SOPInstanceUID', 'status', 'comment']));
      if (r.commitment) ctx.out(describeCommitment(r.commitment));
    }
    return r.failed > 0 || (r.commitment?.failed ?? 0) > 0 ? 1 : 0;
  },
});
