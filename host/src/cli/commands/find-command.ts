import { parseArgs } from '../parse-args.js';
import { dictionaryEntries, lookupKeyword } from '@atrium/sdk';
import { checkRemoteQueryValue } from '../../db/check-query-keys.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { closestName } from '@atrium/sdk/core';
import type { QueryLevel } from '../../db/query-keys.js';
import { NetJob } from '../../net/jobs/net-jobs.js';
import type { FindResult } from '../../net/scu/find-scu.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { parseLimit } from '../option-values.js';
import { UsageError } from '../usage-error.js';

/** Keys returned by default per level (the columns of the result table). */
const DEFAULT_KEYS: Record<QueryLevel, readonly string[]> = {
  PATIENT: ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'NumberOfPatientRelatedStudies'],
  STUDY: ['PatientName', 'PatientID', 'StudyDate', 'StudyTime', 'AccessionNumber', 'ModalitiesInStudy', 'StudyDescription', 'NumberOfStudyRelatedInstances', 'StudyInstanceUID'],
  SERIES: ['Modality', 'SeriesNumber', 'SeriesDescription', 'NumberOfSeriesRelatedInstances', 'SeriesInstanceUID', 'StudyInstanceUID'],
  IMAGE: ['InstanceNumber', 'SOPClassUID', 'SOPInstanceUID', 'SeriesInstanceUID', 'StudyInstanceUID'],
};

let keywords: string[] | undefined;

/**
 * Parses `--key Keyword=value` options (value may be empty: return the attribute). A remote
 * AE may hold any attribute, so every keyword of the DICOM dictionary is allowed, and only those:
 * an unknown or misspelt one is refused with the closest keyword.
 * A DA/TM/DT value must be a valid value or range.
 * @throws UsageError `ATRIUM_ERR_CLI_BAD_KEY`, `ATRIUM_ERR_QUERY_UNKNOWN_KEY`, `ATRIUM_ERR_QUERY_BAD_VALUE`.
 */
export function parseKeys(pairs: readonly string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const p of pairs) {
    const at = p.indexOf('=');
    const keyword = at < 0 ? p : p.slice(0, at);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(keyword)) throw new UsageError('ATRIUM_ERR_CLI_BAD_KEY', `--key "${p}": expected Keyword=value (e.g. PatientName=DOE^*)`, { key: p });
    const entry = lookupKeyword(keyword);
    if (entry === undefined) {
      keywords ??= dictionaryEntries().filter((e) => e.keyword !== '' && !e.retired).map((e) => e.keyword);
      const near = closestName(keyword, keywords);
      throw new UsageError('ATRIUM_ERR_QUERY_UNKNOWN_KEY', `--key ${keyword}: not a DICOM attribute keyword${near ? `; did you mean ${near}?` : ''}`, { keyword, ...(near ? { suggestion: near } : {}) });
    }
    keys[keyword] = at < 0 ? '' : p.slice(at + 1);
    try {
      checkRemoteQueryValue(keyword, entry.vr, keys[keyword]);
    } catch (e) {
      throw isAtriumError(e) ? UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_KEY', `--key: ${e.message}`, e.details) : e;
    }
  }
  return keys;
}

export const findCommand = defineCommand({
  name: 'find',
  usage: 'atrium find <ae> [--level patient|study|series|image] [--model patient|study] [--key Keyword=value ...] [--limit n]',
  summary: 'Query a remote AE with C-FIND (table or --json; stops with C-CANCEL past the limit, default 100)',
  uses: NET_JOB_USES,
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { level: { type: 'string', default: 'study' }, model: { type: 'string' }, key: { type: 'string', multiple: true }, limit: { type: 'string' } } });
    const [ae, extra] = positionals;
    const level = values.level.toUpperCase() as QueryLevel;
    const model = values.model?.toUpperCase();
    const keys = parseKeys(values.key ?? []);
    if (!ae || extra !== undefined) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'find needs one remote AE (title or alias)', {});
    if (!(level in DEFAULT_KEYS)) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--level must be patient, study, series or image, not "${values.level}"`, { option: '--level' });
    if (model !== undefined && model !== 'PATIENT' && model !== 'STUDY') throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--model must be patient or study, not "${values.model}"`, { option: '--model' });
    const limit = parseLimit(values.limit);
    const request = { level, ...(model ? { model: model as 'PATIENT' | 'STUDY' } : {}), keys: { ...Object.fromEntries(DEFAULT_KEYS[level].map((k) => [k, ''])), ...keys } };
    const job = await runNetJob(use, ctx, NetJob.Find, { ae: ae!, ...request, ...(limit ? { limit } : {}) }, `find ${level.toLowerCase()} at ${ae}`);
    if (job.state !== 'completed') return 1;
    const r = job.result as FindResult;
    if (ctx.json) {
      ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
      return 0;
    }
    const columns = [...new Set([...Object.keys(keys), ...DEFAULT_KEYS[level]])];
    ctx.out(r.matches.length === 0 ? '(no matches)' : printTable(r.matches.map((m) => ({ ...m })), columns));
    ctx.out(`${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}${r.truncated ? ` (the peer has more: stopped at the limit of ${r.matches.length}${r.cancelled ? ' with C-CANCEL' : ''}; use --limit or narrower keys)` : ''} (job ${job.id})`);
    if (r.queried) ctx.out(`queried ${r.queried.relational ? 'relationally' : 'hierarchically'} in the ${r.queried.model === 'STUDY' ? 'Study' : 'Patient'} Root model`);
    return 0;
  },
});
