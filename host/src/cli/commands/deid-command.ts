import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from '../parse-args.js';
import type { DeidOption } from '@atrium/sdk';
import { query } from '../../db/query-engine.js';
import { checkOutputFolder, type ProtectedFolder } from '../../io/check-output-folder.js';
import { DEID_PRESETS, type DeidOptions, type DeidPreset, type PixelMaskRegion, type Replacements } from '../../deid/deid-options.js';
import { DAR_9500F_LABEL, dar9500fRoots } from '../../deid/dar-9500f-preset.js';
import { SettingTable } from '../../db/setting-table.js';
import { DEID_OPTION_NAMES, optionByName } from '../../deid/deid-option-names.js';
import { deidentifyBatch, type DeidBatchInput, type DeidBatchSummary } from '../../deid/deidentify-batch.js';
import { GCA_9300R_LABEL } from '../../deid/gca-9300r-preset.js';
import { loadOrCreateKey } from '../../deid/key-file.js';
import { readPatientMap } from '../../deid/patient-map-csv.js';
import { UidMapper } from '../../deid/uid-mapper.js';
import { parseUserValue } from '../../deid/user-values.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { collectInputs, type DicomdirSeen } from '../../importer/collect-inputs.js';
import { Index } from '../../db/dicom-index.js';
import { FileStore } from '../../store/file-store.js';
import { defineCommand, type CliContext, type Services } from '../cli-context.js';
import { configuredUidRoot } from '../configured-uid-root.js';
import { printTable } from '../print-table.js';
import { ProgressBar } from '../progress-bar.js';
import { queryTerms } from '../query-terms.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'atrium deid <in-path...|--where Keyword=value ...> --out <dir> [--profile basic] [--option <name>...] [--preset gca-9300r|dar-9500f] [--key-file <file>] [--uid-root <root>] [--map <csv>] [--set Keyword=value ...] [--patient-name v] [--patient-id v] [--date-shift days] [--mask x,y,w,h ...]';

/** What one run does: its inputs, output folder and engine options. */
interface DeidPlan {
  readonly paths: readonly string[];
  readonly where: readonly string[] | undefined;
  readonly out: string;
  readonly options: DeidOptions;
  readonly keyNote: string;
}

/**
 * `atrium deid`: de-identify files, folders, DICOMDIRs or stored instances matching a query into
 * `--out` (`<study>/<series>/<sop>.dcm` under the new UIDs), by the whole PS3.15 Table E.1-1, or
 * by the Canon GCA-9300R's Table 7-1 (`--preset gca-9300r`); `--preset dar-9500f` keeps the Basic
 * Profile and makes SOP Instance UIDs under `<uidRoot>.66` (Shimadzu DAR-9500f statement §5.2.2). `--out` must be outside every input
 * and the store; no file is ever overwritten (see deidentifyBatch). The secret comes from
 * `--key-file` (created with a random 32-byte key when absent; reuse it to get the same UIDs and
 * date shifts across runs), else a random key for this run only. Exit 0 all written, 1 some not
 * written (refused, unreadable, duplicate, failed) or no DICOM file found, 2 usage.
 */
export const deidCommand = defineCommand({
  name: 'deid',
  usage: USAGE,
  summary: 'De-identify (PS3.15 Basic Profile + options, or the GCA-9300R preset; the DAR-9500f preset: SOP Instance UIDs under <uidRoot>.66) files, folders or a store query into a folder; originals untouched',
  uses: { index: Index, files: FileStore, settings: SettingTable },
  async run(args, ctx, use) {
    // A refused argument (a key file, map, --set value, --out) keeps its own code and is reported
    // as a usage problem (exit 2) by the CLI.
    const plan = planOf(args, ctx, await configuredUidRoot(ctx.store, use.settings));
    return await runBatch(plan, ctx, use);
  },
});

/** Parse and check the arguments; the key file is read (or created) last, once everything else is valid. */
function planOf(args: string[], ctx: CliContext, configuredUidRoot: string | undefined): DeidPlan {
  const { positionals, values } = parsedArgs(args);
  if (!values.out) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--out <dir> is required', {});
  if (positionals.length === 0 && !values.where) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give files/folders/DICOMDIRs or --where Keyword=value', {});
  if (positionals.length > 0 && values.where) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give either paths or --where, not both', {});
  if (values.profile !== 'basic') throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--profile: only "basic" exists (Basic Application Confidentiality Profile), not "${values.profile}"`, {});
  const preset = values.preset as DeidPreset | undefined;
  if (preset !== undefined && !DEID_PRESETS.includes(preset)) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--preset must be ${DEID_PRESETS.join(' or ')}, not "${values.preset}"`, { option: '--preset', value: values.preset });
  const selected = (values.option ?? []).flatMap((o) => o.split(',')).map((name): DeidOption => {
    const o = optionByName(name);
    if (o === undefined) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `unknown --option "${name}"; options: ${[...DEID_OPTION_NAMES.keys()].join(', ')}`, {});
    return o;
  });
  if (preset === 'gca-9300r' && selected.length > 0) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--preset gca-9300r is the Canon GCA-9300R\'s own de-identification, not the PS3.15 Basic Profile: --option does not apply to it', {});
  const dateShift = values['date-shift'] === undefined ? undefined : Number(values['date-shift']);
  if (dateShift !== undefined && !Number.isInteger(dateShift)) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--date-shift expects a whole number of days, got "${values['date-shift']}"`, {});
  const masks = (values.mask ?? []).map(parseMask);
  if (values['uid-root'] !== undefined) {
    try { new UidMapper('check', values['uid-root']); } catch (e) { throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--uid-root: ${(e as Error).message}`, {}); }
  }
  // The dar-9500f preset's roots: --uid-root, else the store's uidRoot setting (atrium config set uidRoot).
  const uidRoot = values['uid-root'] ?? (preset === 'dar-9500f' ? configuredUidRoot : undefined);
  if (preset === 'dar-9500f') usageCheck(() => dar9500fRoots(uidRoot), '--preset dar-9500f');
  const replacements = userValuesOf(values.set ?? [], values['patient-name'], values['patient-id']);
  const patientMap = values.map ? readPatientMap(values.map) : undefined;
  const out = checkOutputFolder(values.out, protectedFolders(positionals, values.where !== undefined, ctx.store), 'ATRIUM_ERR_DEID_OUT');
  const key = values['key-file'] ? loadOrCreateKey(resolve(values['key-file'])) : undefined;
  const keyNote = key ? `key ${values['key-file']}${key.created ? ' (created: keep it to get the same UIDs and date shifts next time)' : ''}` : 'key: random, this run only (give --key-file to keep UIDs and date shifts consistent across runs)';
  const options: DeidOptions = {
    secret: key?.secret ?? randomBytes(32).toString('hex'),
    options: selected,
    ...(uidRoot !== undefined ? { uidRoot } : {}),
    ...(configuredUidRoot !== undefined ? { implementationUidRoot: configuredUidRoot } : {}),
    ...(Object.keys(replacements).length > 0 ? { replacements } : {}),
    ...(patientMap ? { patientMap } : {}),
    ...(preset ? { preset } : {}),
    ...(dateShift !== undefined ? { dateShiftDays: dateShift } : {}),
    ...(masks.length > 0 ? { pixelMaskRegions: masks } : {}),
  };
  return { paths: positionals, where: values.where, out, options, keyNote };
}

/** The command line, parsed; a missing option value or an unknown option is a usage error. */
function parsedArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, where: { type: 'string', multiple: true }, profile: { type: 'string', default: 'basic' },
      option: { type: 'string', multiple: true }, preset: { type: 'string' }, 'key-file': { type: 'string' }, 'uid-root': { type: 'string' },
      map: { type: 'string' }, set: { type: 'string', multiple: true }, 'patient-name': { type: 'string' }, 'patient-id': { type: 'string' },
      'date-shift': { type: 'string' }, mask: { type: 'string', multiple: true },
    },
  });
}

/** `--set Keyword=value` terms and the `--patient-name` / `--patient-id` shorthands; a keyword given twice is a usage error. */
function userValuesOf(terms: readonly string[], patientName: string | undefined, patientID: string | undefined): Replacements {
  const all = [...terms, ...(patientName !== undefined ? [`PatientName=${patientName}`] : []), ...(patientID !== undefined ? [`PatientID=${patientID}`] : [])];
  const values: Record<string, string> = {};
  for (const term of all) {
    const { keyword, value } = parseUserValue(term);
    if (keyword in values) throw new UsageError('ATRIUM_ERR_CLI_USAGE', `${keyword} is given twice (--set ${keyword}=… or --patient-name/--patient-id)`, {});
    values[keyword] = value;
  }
  return values;
}

/** The folders `--out` must stay out of: each input (a DICOMDIR: its media folder), the folder an input file is in (itself only), and the store. */
function protectedFolders(paths: readonly string[], fromStore: boolean, store: string): ProtectedFolder[] {
  const isDicomdir = (p: string): boolean => {
    try {
      return basename(p).toUpperCase() === 'DICOMDIR' && statSync(p).isFile();
    } catch {
      return false; // missing or a link loop: reported with the inputs
    }
  };
  const isFile = (p: string): boolean => {
    try {
      return statSync(p).isFile();
    } catch {
      return false; // reported with the inputs
    }
  };
  const inputs = paths.map((p) => ({ path: isDicomdir(p) ? dirname(p) : p, what: 'an input' }));
  // A file's own folder: a copy beside its original is refused (a folder inside it is not).
  const beside = paths.filter((p) => !isDicomdir(p) && isFile(p)).map((p) => ({ path: dirname(resolve(p)), what: `the folder of the input file ${p}`, exact: true }));
  return [...inputs, ...beside, { path: store, what: fromStore ? 'the store that holds the inputs' : 'the store' }];
}

async function runBatch(plan: DeidPlan, ctx: CliContext, use: Services<{ index: typeof Index; files: typeof FileStore }>): Promise<number> {
  const unusable: { path: string; error: string }[] = [];
  const dicomdirs: DicomdirSeen[] = [];
  let inputs: DeidBatchInput[];
  if (plan.where) {
    inputs = storeInputs(plan.where, await use.index(), await use.files());
  } else {
    inputs = [];
    for (const i of collectInputs(plan.paths, (d) => dicomdirs.push(d))) {
      if ('error' in i) unusable.push(i);
      else inputs.push(i);
    }
  }
  const bar = new ProgressBar('de-identifying');
  const summary = await deidentifyBatch(inputs, plan.out, plan.options, { keepReports: ctx.json, onProgress: (done, total, file) => bar.update(done, total, file) });
  bar.done();
  const unreadable = summary.unreadable + unusable.length;
  const nothingFound = summary.written + summary.duplicate + summary.refused + unreadable + summary.failed === 0;
  const source = plan.where ? `the store query ${plan.where.join(' ')}` : plan.paths.join(', ');
  if (ctx.json) {
    const { entries, ...counts } = summary;
    ctx.out(JSON.stringify({ out: plan.out, ...counts, unreadable, dicomdirs, key: plan.keyNote, ...(nothingFound ? { note: `no DICOM files found in ${source}` } : {}), files: [...entries, ...unusable.map((u) => ({ status: 'unreadable', input: u.path, code: 'ATRIUM_ERR_DEID_READ', reason: u.error }))] }, null, 2));
  } else {
    if (nothingFound) ctx.out(`no DICOM files found in ${source}`);
    printSummary(summary, unusable, dicomdirs, plan, ctx);
  }
  return summary.refused + summary.duplicate + summary.failed + unreadable > 0 || nothingFound ? 1 : 0;
}

function printSummary(summary: DeidBatchSummary, unusable: readonly { path: string; error: string }[], dicomdirs: readonly DicomdirSeen[], plan: DeidPlan, ctx: CliContext): void {
  const unreadable = summary.unreadable + unusable.length;
  ctx.out(`written ${summary.written}, duplicate ${summary.duplicate}, refused ${summary.refused}, unreadable ${unreadable}, failed ${summary.failed}, skipped (not DICOM) ${summary.skipped} → ${plan.out}`);
  for (const d of dicomdirs) {
    ctx.out(d.files === undefined ? `DICOMDIR ${d.path}: met in a folder, not an instance (the folder's files are de-identified as files)` : `DICOMDIR ${d.path}: ${d.files} referenced file(s)`);
  }
  if (plan.options.preset === 'gca-9300r') ctx.out(`${GCA_9300R_LABEL}: not the PS3.15 Basic Profile; every attribute outside the table is unchanged, nothing is added but --set values`);
  if (plan.options.preset === 'dar-9500f') {
    const { root, instanceRoot } = dar9500fRoots(plan.options.uidRoot);
    ctx.out(`${DAR_9500F_LABEL}: the PS3.15 Basic Profile; SOP Instance UIDs replaced under ${instanceRoot}, study, series and every other UID under ${root}`);
  }
  ctx.out(plan.keyNote);
  const problems = [
    ...summary.entries.filter((e) => e.status !== 'written' && e.status !== 'skipped').map((e) => ({ status: e.status, file: e.input, reason: 'code' in e ? `${e.reason} [${e.code}]` : 'reason' in e ? e.reason : '' })),
    ...unusable.map((u) => ({ status: 'unreadable', file: u.path, reason: `${u.error} [ATRIUM_ERR_DEID_READ]` })),
  ];
  if (problems.length > 0) ctx.out(`\nnot written:\n${printTable(problems, ['status', 'file', 'reason'])}`);
}

/** The stored files of the instances matching `--where` terms (IMAGE-level query). */
function storeInputs(where: readonly string[], index: Index, files: FileStore): DeidBatchInput[] {
  const keys = queryTerms('--where', where, 'IMAGE', { split: true });
  try {
    return query(index, 'IMAGE', { ...keys, SeriesInstanceUID: keys.SeriesInstanceUID ?? '', SOPInstanceUID: keys.SOPInstanceUID ?? '' }).flatMap((r) => {
      const stored = index.getInstance(String(r.SeriesInstanceUID), String(r.SOPInstanceUID));
      return stored ? [{ path: files.absolute(stored.file.path) }] : [];
    });
  } catch (e) {
    if (isAtriumError(e) && e.code.startsWith('ATRIUM_ERR_QUERY')) throw UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_KEY', `--where: ${e.message}`, e.details);
    throw e;
  }
}

function parseMask(text: string): PixelMaskRegion {
  const n = text.split(',').map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isInteger(v) || v < 0) || n[2] === 0 || n[3] === 0) {
    throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--mask expects x,y,width,height (whole numbers, width and height > 0), got "${text}"`, {});
  }
  return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
}
