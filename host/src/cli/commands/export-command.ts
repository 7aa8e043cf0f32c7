import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { storedSeriesVolume } from '../../apps/stored-series-volume.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { writeVolumeFile, type VolumeFileFormat } from '../../io/volume-file/write-volume-file.js';
import { openWorkstation } from '../../workstation.js';
import type { CliContext, Command } from '../cli-context.js';
import { resolveUid } from '../../db/resolve-uid.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'atrium export <uid> --out <dir> | atrium export <series> --format nifti|nrrd --out <file> [--resample]',
  summary: 'Copy a study, series or instance out of the store, byte for byte as stored; or a series as a NIfTI / NRRD volume',
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, format: { type: 'string' }, resample: { type: 'boolean', default: false } } });
    const uid = positionals[0];
    if (!uid || !values.out) {
      ctx.err(`atrium export: usage: ${exportCommand.usage}`);
      return 2;
    }
    if (values.format !== undefined) {
      if (values.format !== 'nifti' && values.format !== 'nrrd') {
        ctx.err(`atrium export: --format must be nifti or nrrd (got ${values.format})`);
        return 2;
      }
      return exportVolume(ctx, uid, values.out, values.format, values.resample);
    }
    const ws = openWorkstation(ctx.store);
    try {
      const { instances } = resolveUid(ws.index, uid);
      const written: string[] = [];
      for (const inst of instances) {
        const dir = join(values.out, inst.study.StudyInstanceUID, inst.series.SeriesInstanceUID);
        mkdirSync(dir, { recursive: true });
        const target = join(dir, `${inst.instance.SOPInstanceUID}.dcm`);
        copyFileSync(ws.files.absolute(inst.file.path), target);
        written.push(target);
      }
      ctx.out(ctx.json ? JSON.stringify({ exported: written }, null, 2) : `exported ${written.length} instance(s) to ${values.out}`);
      return 0;
    } finally {
      ws.close();
    }
  },
};

/**
 * `--format nifti|nrrd`: the series as one volume file (ITK image IO), orientation kept (see
 * `writeVolumeFile`); never into the store itself. Refusals are coded errors, reported by the CLI.
 */
async function exportVolume(ctx: CliContext, uid: string, out: string, format: VolumeFileFormat, resample: boolean): Promise<number> {
  const target = resolve(out);
  if ((target + sep).startsWith(resolve(ctx.store) + sep)) {
    throw new AtriumError('ATRIUM_ERR_EXPORT_TARGET', `--out ${out} lies inside the store (${ctx.store}); write the volume elsewhere`, { out });
  }
  const ws = openWorkstation(ctx.store);
  try {
    const volume = await storedSeriesVolume(ws, uid, resample ? { unevenSpacing: 'resample' } : {});
    mkdirSync(dirname(target), { recursive: true });
    await writeVolumeFile(volume, target, format);
    const summary = { exported: target, format, dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction, unit: volume.unit };
    ctx.out(ctx.json ? JSON.stringify(summary, null, 2) : `exported series ${uid} as ${format === 'nifti' ? 'NIfTI' : 'NRRD'} ${volume.dimensions.join('×')} (${volume.spacing.map((s) => +s.toFixed(4)).join(' × ')} mm) to ${target}`);
    return 0;
  } finally {
    ws.close();
  }
}
