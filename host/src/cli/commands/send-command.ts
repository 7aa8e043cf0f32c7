import { hexStatus } from '../../errors/dimse-statuses.js';
import { defineCommand } from '../cli-context.js';
import { NetJob, type SendResult } from '../../net/jobs/net-jobs.js';
import { printTable } from '../print-table.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

export const sendCommand = defineCommand({
  name: 'send',
  usage: 'atrium send <uid|patient-id...> <ae>',
  summary: 'Send stored patients, studies, series or instances to a remote AE (C-ECHO, then C-STORE on one association; a job retried up to 5 times)',
  uses: NET_JOB_USES,
  async run(args, ctx, use) {
    const ae = args[args.length - 1];
    const uids = args.slice(0, -1);
    if (!ae || uids.length === 0 || args.some((a) => a.startsWith('-'))) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const job = await runNetJob(use, ctx, NetJob.Send, { ae, uids }, `send ${uids.length === 1 ? uids[0] : `${uids.length} UIDs`} to ${ae}`);
    if (job.state !== 'completed') {
      if (ctx.json) ctx.out(JSON.stringify({ job }, null, 2));
      return 1;
    }
    const r = job.result as SendResult;
    if (ctx.json) ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
    else {
      ctx.out(`${ae}: ${r.completed} of ${r.total} sent${r.warning ? `, ${r.warning} with warnings` : ''}${r.failed ? `, ${r.failed} failed` : ''} (job ${job.id})`);
      if (r.problems.length > 0) ctx.out(printTable(r.problems.map((p) => ({ ...p, status: hexStatus(p.status) })), ['SOPInstanceUID', 'status', 'comment']));
    }
    return r.failed > 0 ? 1 : 0;
  },
});
