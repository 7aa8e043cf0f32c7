import { parseArgs } from '../parse-args.js';
import { NetJob, type GetResult } from '../../net/jobs/net-jobs.js';
import type { RetrieveResult } from '../../net/scu/retrieve-scu.js';
import { hexStatus } from '../../errors/dimse-statuses.js';
import { defineCommand, type Command } from '../cli-context.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

function retrieveCommand(op: 'move' | 'get'): Command {
  return defineCommand({
    name: op,
    usage: op === 'move' ? 'atrium move <ae> <uid> [--dest <ae>]' : 'atrium get <ae> <uid>',
    summary: op === 'move'
      ? 'Retrieve a study, series or instance from a remote AE with C-MOVE to --dest (default: ourselves; a job retried 3 times a minute apart)'
      : 'Retrieve a study, series or instance from a remote AE with C-GET into the store (a job)',
    uses: NET_JOB_USES,
    async run(args, ctx, use) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: op === 'move' ? { dest: { type: 'string' } } : {} });
      const [ae, uid, extra] = positionals;
      if (!ae || !uid || extra !== undefined) {
        throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
      }
      const dest = (values as { dest?: string }).dest;
      const payload = { ae, uid, ...(dest ? { destination: dest } : {}) };
      const job = await runNetJob(use, ctx, op === 'move' ? NetJob.Move : NetJob.Get, payload, `${op} ${uid} from ${ae}${dest ? ` to ${dest}` : ''}`);
      const toUs = op === 'move' && !dest;
      const hint = (): void => {
        if (toUs && !ctx.json) ctx.err(`hint: C-MOVE sends the instances to our own SCP: is \`atrium serve\` running, and does ${ae} know our AE title (\`atrium config get aeTitle\`) at this host and port?`);
      };
      if (job.state !== 'completed') {
        hint();
        return 1;
      }
      const r = job.result as RetrieveResult & Partial<Pick<GetResult, 'stored' | 'refused'>>;
      if (ctx.json) ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
      else {
        ctx.out(`${ae}: ${r.completed} completed, ${r.failed} failed, ${r.warning} warning (status ${hexStatus(r.status)}, job ${job.id})`);
        if (r.stored !== undefined) ctx.out(`stored here: ${r.stored}${r.refused?.length ? `, refused ${r.refused.length}: ${r.refused.map((x) => x.reason).join('; ')}` : ''}`);
        if (r.failedSOPInstanceUIDs.length > 0) ctx.out(`failed: ${r.failedSOPInstanceUIDs.join(', ')}`);
      }
      if (r.failed > 0) hint();
      return r.failed > 0 ? 1 : 0;
    },
  });
}

export const moveCommand = retrieveCommand('move');
export const getCommand = retrieveCommand('get');
