import { defineCommand } from '../cli-context.js';
import { NetJob } from '../../net/jobs/net-jobs.js';
import { parseArgs } from '../parse-args.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

export const echoCommand = defineCommand({
  name: 'echo',
  usage: 'atrium echo <ae>',
  summary: 'Verify a remote AE of the AE table with C-ECHO (a job; no retry)',
  uses: NET_JOB_USES,
  async run(args, ctx, use) {
    const [ae, ...extra] = parseArgs({ args, allowPositionals: true, options: {} }).positionals;
    if (!ae || extra.length > 0) throw new UsageError('ATRIUM_ERR_CLI_USAGE', ae ? `echo takes one AE, not ${extra.length + 1}` : 'give the AE to verify', {});
    const job = await runNetJob(use, ctx, NetJob.Echo, { ae }, `echo ${ae}`);
    if (job.state !== 'completed') return 1;
    const r = job.result as { ae: string; ms: number };
    ctx.out(ctx.json ? JSON.stringify({ job: job.id, ...r }) : `${r.ae}: C-ECHO success in ${r.ms} ms (job ${job.id})`);
    return 0;
  },
});
