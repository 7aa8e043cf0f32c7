import { parseArgs } from '../parse-args.js';
import { query, type QueryResult } from '../../db/query-engine.js';
import type { QueryLevel } from '../../db/query-keys.js';
import { defineCommand } from '../cli-context.js';
import { parseLimit } from '../option-values.js';
import { printTable } from '../print-table.js';
import { UsageError } from '../usage-error.js';
import { Index } from '../../db/dicom-index.js';
import { CommitmentTable, type InstanceCommitment } from '../../db/commitment-table.js';
import { hexStatus } from '../../errors/dimse-statuses.js';

const LEVELS: Record<string, { level: QueryLevel; columns: string[] }> = {
  patients: { level: 'PATIENT', columns: ['PatientID', 'PatientName', 'PatientBirthDate', 'PatientSex', 'NumberOfPatientRelatedStudies', 'NumberOfPatientRelatedInstances'] },
  studies: { level: 'STUDY', columns: ['PatientID', 'PatientName', 'StudyDate', 'StudyDescription', 'ModalitiesInStudy', 'NumberOfStudyRelatedSeries', 'NumberOfStudyRelatedInstances', 'StudyInstanceUID'] },
  series: { level: 'SERIES', columns: ['PatientName', 'StudyDate', 'Modality', 'SeriesNumber', 'SeriesDescription', 'NumberOfSeriesRelatedInstances', 'SeriesInstanceUID'] },
  instances: { level: 'IMAGE', columns: ['Modality', 'InstanceNumber', 'Rows', 'Columns', 'NumberOfFrames', 'SOPClassUID', 'TransferSyntaxUID', 'SOPInstanceUID'] },
};

/** Filter options: option name → the matching key it sets (PS3.4 C.2.2.2 matching). */
const FILTERS: Record<string, string> = {
  name: 'PatientName',
  'patient-id': 'PatientID',
  'birth-date': 'PatientBirthDate',
  date: 'StudyDate',
  accession: 'AccessionNumber',
  description: 'StudyDescription',
  modality: 'ModalitiesInStudy',
  study: 'StudyInstanceUID',
  series: 'SeriesInstanceUID',
  sop: 'SOPInstanceUID',
  'sop-class': 'SOPClassUID',
};

export const lsCommand = defineCommand({
  name: 'ls',
  usage:
    'atrium ls patients|studies|series|instances [--name <pattern>] [--patient-id <id>] [--date <YYYYMMDD[-YYYYMMDD]>] [--modality <mod>] [--study <uid[\\uid]>] [--series <uid>] [--sop <uid>] [--key Keyword=value ...] [--limit n] [--warnings] [--commitment]',
  summary: 'List what is stored, with DICOM matching (wildcards * ?, date ranges, UID lists); --warnings: only what was stored with validation warnings, and the warnings; --commitment (instances): the latest storage commitment result of each',
  uses: { index: Index, commitments: CommitmentTable },
  readsOnly: true,
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(Object.keys(FILTERS).map((k) => [k, { type: 'string' as const }])),
        key: { type: 'string', multiple: true },
        limit: { type: 'string' },
        warnings: { type: 'boolean', default: false },
        commitment: { type: 'boolean', default: false },
      },
    });
    const what = LEVELS[positionals[0] ?? ''];
    if (!what) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', `say what to list: ${Object.keys(LEVELS).join(', ')}`, {});
    }
    if (values.commitment === true && what.level !== 'IMAGE') throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--commitment lists instances: atrium ls instances --commitment', { option: '--commitment' });
    const opts = values as Record<string, string | string[] | boolean | undefined>;
    const keyTerms = (opts.key as string[] | undefined) ?? [];
    // The checks of the matching keys (and the data dictionary they name keys with) are
    // loaded when there is a key to check: `atrium ls studies` alone starts without them.
    const hasKeys = keyTerms.length > 0 || Object.keys(FILTERS).some((opt) => typeof opts[opt] === 'string');
    const { filters, terms } = hasKeys ? await checkedKeys(opts, keyTerms, what.level) : { filters: {}, terms: {} };
    const twice = Object.keys(terms).find((k) => Object.hasOwn(filters, k));
    if (twice !== undefined) throw new UsageError('ATRIUM_ERR_CLI_BAD_KEY', `${twice} is given both as an option and as --key`, { keyword: twice });
    const keys: Record<string, string | undefined> = { ...Object.fromEntries(what.columns.map((c) => [c, undefined])), ...filters, ...terms };
    const limit = parseLimit(opts.limit as string | undefined);
    const index = await use.index();
    const warnings = values.warnings === true;
    const found: QueryResult[] = query(index, what.level, keys, { ...(limit === undefined ? {} : { limit }), withWarnings: warnings });
    let rows: QueryResult[] = warnings && what.level === 'IMAGE' ? found.map((r) => ({ ...r, Warnings: instanceWarnings(index, r) })) : found;
    let columns = warnings && what.level === 'IMAGE' ? [...what.columns, 'Warnings'] : what.columns;
    if (values.commitment === true) {
      const latest = (await use.commitments()).latestFor(rows.map((r) => String(r.SOPInstanceUID)));
      rows = rows.map((r) => ({ ...r, Commitment: describeCommitment(latest.get(String(r.SOPInstanceUID))) }));
      columns = [...columns, 'Commitment'];
    }
    if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
    else ctx.out(rows.length === 0 ? (warnings ? '(nothing stored with warnings matches)' : '(nothing matches)') : printTable(rows, columns));
    return 0;
  },
});

/**
 * The filter options (each checked as it comes, in {@link FILTERS} order) and the `--key`
 * terms of a listing, as matching keys of `level`. @throws UsageError naming the option.
 */
async function checkedKeys(opts: Record<string, string | string[] | boolean | undefined>, keyTerms: readonly string[], level: QueryLevel): Promise<{ filters: Record<string, string>; terms: Record<string, string> }> {
  const { checkLocalQuery, queryTerms } = await import('../query-terms.js');
  const filters: Record<string, string> = {};
  for (const [opt, keyword] of Object.entries(FILTERS)) {
    const v = opts[opt];
    if (typeof v !== 'string') continue;
    // Modality at series and instance level is the series' own attribute.
    const key = keyword === 'ModalitiesInStudy' && level !== 'STUDY' && level !== 'PATIENT' ? 'Modality' : keyword;
    checkLocalQuery(`--${opt}`, level, { [key]: v });
    filters[key] = v;
  }
  return { filters, terms: queryTerms('--key', keyTerms, level) };
}

/** An instance's latest storage commitment, one cell: `committed by AE`, `failed at AE (0112)`, `pending at AE`, or ''. */
function describeCommitment(c: InstanceCommitment | undefined): string {
  if (!c) return '';
  if (c.result === 'committed') return `committed by ${c.ae}`;
  return c.result === 'failed' ? `failed at ${c.ae}${c.failureReason === undefined ? '' : ` (${hexStatus(c.failureReason)})`}` : `pending at ${c.ae}`;
}

/** The warnings recorded with an instance row of an IMAGE-level query, one line. */
function instanceWarnings(index: Index, row: QueryResult): string {
  const stored = index.getInstance(String(row.SeriesInstanceUID), String(row.SOPInstanceUID));
  return (stored?.warnings ?? []).map((w) => w.message).join('; ');
}
