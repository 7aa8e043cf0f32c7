import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeidOption } from '@atrium/sdk';
import { query } from '../../db/query-engine.js';
import type { DeidOptions, PixelMaskRegion } from '../../deid/deid-options.js';
import { DEID_OPTION_NAMES, optionByName } from '../../deid/deid-option-names.js';
import { deidentifyBatch, type DeidBatchInput } from '../../deid/deidentify-batch.js';
import { loadOrCreateKey } from '../../deid/key-file.js';
import { readPatientMap } from '../../deid/patient-map-csv.js';
import { UidMapper } from '../../deid/uid-mapper.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { collectInputs } from '../../importer/collect-inputs.js';
import { openWorkstation } from '../../workstation.js';
import type { CliContext, Command } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { ProgressBar } from '../progress-bar.js';
import { queryTerms } from '../query-terms.js';

const USAGE = 'atrium deid <in-path...|--where Keyword=value ...> --out <dir> [--profile basic] [--option <name>...] [--preset gca-9300r] [--key-file <file>] [--uid-root <root>] [--map <csv>] [--patient-name v] [--patient-id v] [--date-shift days] [--mask x,y,w,h ...]';

/** A usage problem: message for stderr, exit code 2. */
class UsageError extends Error {}

/**
 * `atrium deid`: de-identify files, folders, DICOMDIRs or stored instances matching a query into
 * `--out` (`<study>/<series>/<sop>.dcm` under the new UIDs), by the whole PS3.15 Table E.1-1.
 * The secret comes from `--key-file` (created with a random 32-byte key when absent; reuse it to
 * get the same UIDs and date shifts across runs), else a random key for this run only.
 * Exit 0 all written, 1 some refused/unreadable, 2 usage.
 */
export const deidCommand: Command = {
  name: 'deid',
  usage: USAGE,
  summary: 'De-identify (PS3.15 Basic Profile + options) files, folders or a store query into a folder; originals untouched',
  async run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' }, where: { type: 'string', multiple: true }, profile: { type: 'string', default: 'basic' },
        option: { type: 'string', multiple: true }, preset: { type: 'string' }, 'key-file': { type: 'string' }, 'uid-root': { type: 'string' },
        map: { type: 'string' }, 'patient-name': { type: 'string' }, 'patient-id': { type: 'string' }, 'date-shift': { type: 'string' },
        mask: { type: 'string', multiple: true },
      },
    });
    let options: DeidOptions;
    let keyNote: string;
    try {
      if (!values.out) throw new UsageError('--out <dir> is required');
      if (positionals.length === 0 && !values.where) throw new UsageError('give files/folders/DICOMDIRs or --where Keyword=value');
      if (positionals.length > 0 && values.where) throw new UsageError('give either paths or --where, not both');
      if (values.profile !== 'basic') throw new UsageError(`--profile: only "basic" exists (Basic Application Confidentiality Profile), not "${values.profile}"`);
      if (values.preset !== undefined && values.preset !== 'gca-9300r') throw new UsageError(`--preset: only "gca-9300r" exists, not "${values.preset}"`);
      const selected = (values.option ?? []).flatMap((o) => o.split(',')).map((name): DeidOption => {
        const o = optionByName(name);
        if (o === undefined) throw new UsageError(`unknown --option "${name}"; options: ${[...DEID_OPTION_NAMES.keys()].join(', ')}`);
        return o;
      });
      const dateShift = values['date-shift'] === undefined ? undefined : Number(values['date-shift']);
      if (dateShift !== undefined && !Number.isInteger(dateShift)) throw new UsageError(`--date-shift expects a whole number of days, got "${values['date-shift']}"`);
      const masks = (values.mask ?? []).map(parseMask);
      if (values['uid-root'] !== undefined) {
        try { new UidMapper('check', values['uid-root']); } catch (e) { throw new UsageError(`--uid-root: ${(e as Error).message}`); }
      }
      const key = values['key-file'] ? loadOrCreateKey(resolve(values['key-file'])) : undefined;
      keyNote = key ? `key ${values['key-file']}${key.created ? ' (created: keep it to get the same UIDs and date shifts next time)' : ''}` : 'key: random, this run only (give --key-file to keep UIDs and date shifts consistent across runs)';
      const replacements = { ...(values['patient-name'] !== undefined ? { PatientName: values['patient-name'] } : {}), ...(values['patient-id'] !== undefined ? { PatientID: values['patient-id'] } : {}) };
      options = {
        secret: key?.secret ?? randomBytes(32).toString('hex'),
        options: selected,
        ...(values['uid-root'] !== undefined ? { uidRoot: values['uid-root'] } : {}),
        ...(Object.keys(replacements).length > 0 ? { replacements } : {}),
        ...(values.map ? { patientMap: readPatientMap(values.map) } : {}),
        ...(values.preset ? { preset: 'gca-9300r' as const } : {}),
        ...(dateShift !== undefined ? { dateShiftDays: dateShift } : {}),
        ...(masks.length > 0 ? { pixelMaskRegions: masks } : {}),
      };
    } catch (e) {
      return usageFailure(e, ctx);
    }
    try {
      return await runBatch(positionals, values.where, values.out, options, keyNote, ctx);
    } catch (e) {
      return usageFailure(e, ctx);
    }
  },
};

/** Usage errors and unusable --map/--key-file contents: message and exit 2; anything else rethrown. */
function usageFailure(e: unknown, ctx: CliContext): number {
  if (e instanceof UsageError || (isAtriumError(e) && (e.code === 'ATRIUM_ERR_DEID_MAP' || e.code === 'ATRIUM_ERR_DEID_KEY_FILE'))) {
    ctx.err(`atrium deid: ${(e as Error).message}${e instanceof UsageError ? `\nusage: ${USAGE}` : ` [${(e as { code: string }).code}]`}`);
    return 2;
  }
  throw e;
}

async function runBatch(paths: string[], where: string[] | undefined, out: string, options: DeidOptions, keyNote: string, ctx: CliContext): Promise<number> {
  const unusable: { path: string; error: string }[] = [];
  let inputs: DeidBatchInput[];
  if (where) {
    inputs = storeInputs(where, ctx.store);
  } else {
    inputs = [];
    for (const i of collectInputs(paths)) {
      if ('error' in i) unusable.push(i);
      else inputs.push(i);
    }
  }
  const bar = new ProgressBar('de-identifying');
  const summary = await deidentifyBatch(inputs, out, options, { keepReports: ctx.json, onProgress: (done, total, file) => bar.update(done, total, file) });
  bar.done();
  const unreadable = summary.unreadable + unusable.length;
  if (ctx.json) {
    ctx.out(JSON.stringify({ out: resolve(out), written: summary.written, refused: summary.refused, unreadable, skipped: summary.skipped, key: keyNote, files: [...summary.entries, ...unusable.map((u) => ({ status: 'unreadable', input: u.path, reason: u.error }))] }, null, 2));
  } else {
    ctx.out(`written ${summary.written}, refused ${summary.refused}, unreadable ${unreadable}, skipped (not DICOM) ${summary.skipped} → ${resolve(out)}`);
    ctx.out(keyNote);
    const problems = [
      ...summary.entries.filter((e) => e.status === 'refused' || e.status === 'unreadable').map((e) => ({ status: e.status, file: e.input, reason: 'code' in e ? `${e.reason} [${e.code}]` : '' })),
      ...unusable.map((u) => ({ status: 'unreadable', file: u.path, reason: u.error })),
    ];
    if (problems.length > 0) ctx.out(`\nnot written:\n${printTable(problems, ['status', 'file', 'reason'])}`);
  }
  return summary.refused + unreadable > 0 || inputs.length === 0 ? 1 : 0;
}

/** The stored files of the instances matching `--where` terms (IMAGE-level query). */
function storeInputs(where: readonly string[], store: string): DeidBatchInput[] {
  const keys = queryTerms('--where', where, 'IMAGE', { split: true });
  const ws = openWorkstation(store);
  try {
    return query(ws.index, 'IMAGE', { ...keys, SeriesInstanceUID: keys.SeriesInstanceUID ?? '', SOPInstanceUID: keys.SOPInstanceUID ?? '' }).flatMap((r) => {
      const stored = ws.index.getInstance(String(r.SeriesInstanceUID), String(r.SOPInstanceUID));
      return stored ? [{ path: ws.files.absolute(stored.file.path) }] : [];
    });
  } catch (e) {
    if (isAtriumError(e) && e.code.startsWith('ATRIUM_ERR_QUERY')) throw new UsageError(`--where: ${e.message}`);
    throw e;
  } finally {
    ws.close();
  }
}

function parseMask(text: string): PixelMaskRegion {
  const n = text.split(',').map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isInteger(v) || v < 0) || n[2] === 0 || n[3] === 0) {
    throw new UsageError(`--mask expects x,y,width,height (whole numbers, width and height > 0), got "${text}"`);
  }
  return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
}
