import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Index } from '../../db/dicom-index.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { checkOutputFile } from '../../io/check-output-file.js';
import { FileStore } from '../../store/file-store.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { parseArgs } from '../parse-args.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

interface StoredFiles { readonly index: Index; readonly files: FileStore }

const USAGE = 'atrium export <uid> --out <dir> | atrium export <series> --format nifti|nrrd --out <file> [--resample]';

export const exportCommand = defineCommand({
  name: 'export',
  usage: USAGE,
  summary: 'Copy a study, series or instance out of the store, byte for byte as stored; or a series as a NIfTI / NRRD volume',
  uses: { index: Index, files: FileStore },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, format: { type: 'string' }, resample: { type: 'boolean', default: false } } });
    const uid = positionals[0];
    if (!uid || !values.out) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'a UID and --out are needed', {});
    }
    const stored = async (): Promise<StoredFiles> => {
      const [index, files] = await Promise.all([use.index(), use.files()]);
      return { index, files };
    };
    if (values.format !== undefined) {
      if (values.format !== 'nifti' && values.format !== 'nrrd') {
        throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--format must be nifti or nrrd (got ${values.format})`, {});
      }
      return exportVolume(ctx, stored, uid, values.out, values.format, values.resample);
    }
    usageCheck(() => checkOutputFile(values.out!, [{ path: ctx.store, what: 'the store' }], 'ATRIUM_ERR_EXPORT_TARGET', true), '--out');
    const { index, files } = await stored();
    const { instances } = resolveUid(index, uid);
    const written: string[] = [];
    for (const inst of instances) {
      const dir = join(values.out, inst.study.StudyInstanceUID, inst.series.SeriesInstanceUID);
      mkdirSync(dir, { recursive: true });
      const target = join(dir, `${inst.instance.SOPInstanceUID}.dcm`);
      copyFileSync(files.absolute(inst.file.path), target);
      written.push(target);
    }
    ctx.out(ctx.json ? JSON.stringify({ exported: written }, null, 2) : `exported ${written.length} instance(s) to ${values.out}`);
    return 0;
  },
});

/**
 * `--format nifti|nrrd`: the series as one volume file (ITK image IO), orientation kept (see
 * `writeVolumeFile`); never into the store itself. Refusals are coded errors, reported by the CLI.
 */
async function exportVolume(ctx: CliContext, stored: () => Promise<StoredFiles>, uid: string, out: string, format: 'nifti' | 'nrrd', resample: boolean): Promise<number> {
  const target = usageCheck(() => checkOutputFile(out, [{ path: ctx.store, what: 'the store' }], 'ATRIUM_ERR_EXPORT_TARGET'), '--out');
  const [{ storedSeriesVolume }, { writeVolumeFile }] = await Promise.all([import('../../apps/stored-series-volume.js'), import('../../io/volume-file/write-volume-file.js')]);
  const volume = await storedSeriesVolume(await stored(), uid, resample ? { unevenSpacing: 'resample' } : {});
  mkdirSync(dirname(target), { recursive: true });
  await writeVolumeFile(volume, target, format);
  const summary = { exported: target, format, dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction, unit: volume.unit };
  ctx.out(ctx.json ? JSON.stringify(summary, null, 2) : `exported series ${uid} as ${format === 'nifti' ? 'NIfTI' : 'NRRD'} ${volume.dimensions.join('×')} (${volume.spacing.map((s) => +s.toFixed(4)).join(' × ')} mm) to ${target}`);
  return 0;
}
