import { checkRemoteQueryValue } from '../../db/check-query-keys.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { NetJob } from '../../net/jobs/net-jobs.js';
import type { WorklistQuery, WorklistResult } from '../../net/scu/worklist-scu.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { parseLimit } from '../option-values.js';
import { parseArgs } from '../parse-args.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'atrium worklist <ae> [--date today|YYYYMMDD|YYYYMMDD-YYYYMMDD] [--modality NM] [--station AE] [--physician NAME] [--name NAME] [--patient-id ID] [--accession A] [--procedure-id ID] [--limit n]';

/** The columns of the table: one row per Scheduled Procedure Step. */
const COLUMNS = ['Date', 'Time', 'Modality', 'Station', 'PatientName', 'PatientID', 'Accession', 'RequestedProcedureID', 'Step', 'Physician'];

/** Today's date in the local time zone, as a DA value. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * `--modality` as a CS value (PS3.5 Table 6.2-1: upper case, digits, space, underscore; `*` and
 * `?` match): `nm` is NM — sent as typed, an SCP refuses it (DCMTK wlmscpfs: A900).
 */
function modalityOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cs = value.trim().toUpperCase();
  if (!/^[A-Z0-9 _*?]{1,16}$/.test(cs)) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--modality must be a modality code such as NM or CT (letters, digits, _, at most 16; * and ? match), not "${value}"`, { option: '--modality' });
  return cs;
}

/** The worklist query of the options; a malformed date or range is refused as a usage error. */
function queryOf(values: Record<string, string | undefined>): WorklistQuery {
  const date = values.date === 'today' ? today() : values.date;
  if (date !== undefined) {
    try {
      checkRemoteQueryValue('ScheduledProcedureStepStartDate', 'DA', date);
    } catch (e) {
      throw isAtriumError(e) ? UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_OPTION', `--date: ${e.message}`, e.details) : e;
    }
  }
  const pairs: [keyof WorklistQuery, string | undefined][] = [
    ['ScheduledProcedureStepStartDate', date], ['Modality', modalityOf(values.modality)], ['ScheduledStationAETitle', values.station],
    ['ScheduledPerformingPhysicianName', values.physician], ['PatientName', values.name], ['PatientID', values['patient-id']],
    ['AccessionNumber', values.accession], ['RequestedProcedureID', values['procedure-id']],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined));
}

export const worklistCommand = defineCommand({
  name: 'worklist',
  usage: USAGE,
  summary: "Query a Modality Worklist SCP (C-FIND, the Shimadzu DAR-9500f's keys): the scheduled procedure steps, a table or --json",
  uses: NET_JOB_USES,
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: Object.fromEntries(['date', 'modality', 'station', 'physician', 'name', 'patient-id', 'accession', 'procedure-id', 'limit'].map((o) => [o, { type: 'string' as const }])),
    });
    const [ae, extra] = positionals;
    if (!ae) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give the remote worklist AE (title or alias)', {});
    if (extra !== undefined) throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unexpected argument ${JSON.stringify(extra)}: give one remote AE`, {});
    const limit = parseLimit(values.limit);
    const query = queryOf(values as Record<string, string | undefined>);
    const job = await runNetJob(use, ctx, NetJob.Worklist, { ae, query, ...(limit ? { limit } : {}) }, `worklist at ${ae}`);
    if (job.state !== 'completed') return 1;
    const r = job.result as WorklistResult;
    if (ctx.json) {
      ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
      return 0;
    }
    const rows = r.items.flatMap((item) => (item.ScheduledProcedureStepSequence.length > 0 ? item.ScheduledProcedureStepSequence : [{}]).map((step: Record<string, string>) => ({
      Date: step.ScheduledProcedureStepStartDate ?? '', Time: step.ScheduledProcedureStepStartTime ?? '', Modality: step.Modality ?? '',
      Station: step.ScheduledStationAETitle ?? '', PatientName: item.PatientName as string, PatientID: item.PatientID as string,
      Accession: item.AccessionNumber as string, RequestedProcedureID: item.RequestedProcedureID as string,
      Step: step.ScheduledProcedureStepDescription ?? '', Physician: step.ScheduledPerformingPhysicianName ?? '',
    })));
    ctx.out(rows.length === 0 ? '(no scheduled procedure steps match)' : printTable(rows, COLUMNS));
    ctx.out(`${r.items.length} worklist item${r.items.length === 1 ? '' : 's'}${r.truncated ? ` (the SCP has more: stopped at ${r.items.length}; use --limit or narrower keys)` : ''} (job ${job.id})`);
    return 0;
  },
});
