import { parseArgs } from 'node:util';
import type { QueryLevel } from '../../db/query-keys.js';
import { NetJob } from '../../net/jobs/net-jobs.js';
import type { FindResult } from '../../net/scu/find-scu.js';
import type { Command } from '../cli-context.js';
import { withHost } from '../host-session.js';
import { printTable } from '../print-table.js';
import { runNetJob } from '../run-net-job.js';

/** Keys returned by default per level (the columns of the result table). */
const DEFAULT_KEYS: Record<QueryLevel, readonly string[]> = {
  PATIENT: ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'NumberOfPatientRelatedStudies'],
  STUDY: ['PatientName', 'PatientID', 'StudyDate', 'StudyTime', 'AccessionNumber', 'ModalitiesInStudy', 'StudyDescription', 'NumberOfStudyRelatedInstances', 'StudyInstanceUID'],
  SERIES: ['Modality', 'SeriesNumber', 'SeriesDescription', 'NumberOfSeriesRelatedInstances', 'SeriesInstanceUID', 'StudyInstanceUID'],
  IMAGE: ['InstanceNumber', 'SOPClassUID', 'SOPInstanceUID', 'SeriesInstanceUID', 'StudyInstanceUID'],
};

/** Parses `--key Keyword=value` options (value may be empty: return the attribute). */
export function parseKeys(pairs: readonly string[]): Record<string, string> | string {
  const keys: Record<string, string> = {};
  for (const p of pairs) {
    const at = p.indexOf('=');
    const keyword = at < 0 ? p : p.slice(0, at);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(keyword)) return `--key "${p}": expected Keyword=value (e.g. PatientName=DOE^*)`;
    keys[keyword] = at < 0 ? '' : p.slice(at + 1);
  }
  return keys;
}

export const findCommand: Command = {
  name: 'find',
  usage: 'atrium find <ae> [--level patient|study|series|image] [--model patient|study] [--key Keyword=value ...] [--limit n]',
  summary: 'Query a remote AE with C-FIND (table or --json; stops with C-CANCEL past the limit, default 100)',
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { level: { type: 'string', default: 'study' }, model: { type: 'string' }, key: { type: 'string', multiple: true }, limit: { type: 'string' } } });
    const [ae, extra] = positionals;
    const level = values.level.toUpperCase() as QueryLevel;
    const model = values.model?.toUpperCase();
    const keys = parseKeys(values.key ?? []);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    const problem = !ae || extra !== undefined ? `usage: ${this.usage}`
      : !(level in DEFAULT_KEYS) ? `--level must be patient, study, series or image, not "${values.level}"`
      : model !== undefined && model !== 'PATIENT' && model !== 'STUDY' ? `--model must be patient or study, not "${values.model}"`
      : limit !== undefined && !(Number.isInteger(limit) && limit > 0) ? `--limit must be a positive integer, not "${values.limit}"`
      : typeof keys === 'string' ? keys : undefined;
    if (problem || typeof keys === 'string') {
      ctx.err(`atrium find: ${problem}`);
      return 2;
    }
    const request = { level, ...(model ? { model: model as 'PATIENT' | 'STUDY' } : {}), keys: { ...Object.fromEntries(DEFAULT_KEYS[level].map((k) => [k, ''])), ...keys } };
    return withHost(ctx, async (container) => {
      const job = await runNetJob(container, ctx, NetJob.Find, { ae: ae!, ...request, ...(limit ? { limit } : {}) }, `find ${level.toLowerCase()} at ${ae}`);
      if (job.state !== 'completed') return 1;
      const r = job.result as FindResult;
      if (ctx.json) {
        ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
        return 0;
      }
      const columns = [...new Set([...Object.keys(keys), ...DEFAULT_KEYS[level]])];
      ctx.out(r.matches.length === 0 ? '(no matches)' : printTable(r.matches.map((m) => ({ ...m })), columns));
      ctx.out(`${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}${r.truncated ? ` (the peer has more: stopped at the limit of ${r.matches.length}${r.cancelled ? ' with C-CANCEL' : ''}; use --limit or narrower keys)` : ''} (job ${job.id})`);
      return 0;
    });
  },
};
