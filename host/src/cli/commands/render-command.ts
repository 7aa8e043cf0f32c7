import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../parse-args.js';
import type { StoredInstance } from '../../db/dicom-index.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { checkOutputFile } from '../../io/check-output-file.js';
import { openImageFile } from '../../io/image-file.js';
import { encodePng } from '../../render/encode-png.js';
import { byPosition, isImage } from '../../render/images-in-order.js';
import { renderFrame, type VoiWindow } from '../../render/render-frame.js';
import { defineCommand } from '../cli-context.js';
import { parseWindow } from '../option-values.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { Index } from '../../db/dicom-index.js';
import { FileStore } from '../../store/file-store.js';
import { InstanceStore } from '../../store/instance-store.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

/** One PNG written by `atrium render`. */
export interface RenderedFile {
  readonly sopInstanceUID: string;
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly window?: VoiWindow;
}

export const renderCommand = defineCommand({
  name: 'render',
  usage: 'atrium render <uid> --out <file.png | folder/> [--frame <n>] [--window <center>,<width>]',
  summary: 'Render a stored image to PNG (window/level for greyscale); a series or study uid renders its first image, or every image into a folder',
  uses: { index: Index, files: FileStore, store: InstanceStore },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, frame: { type: 'string' }, window: { type: 'string' } } });
    const uid = positionals[0];
    if (!uid || !values.out) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const frame = values.frame === undefined ? 1 : Number(values.frame);
    if (!Number.isInteger(frame) || frame < 1) {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--frame must be a frame number from 1, not "${values.frame}"`, {});
    }
    const window = values.window === undefined ? undefined : parseWindow(values.window);
    if (window === null) {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--window must be <center>,<width> with a width ≥ 1, not "${values.window}"`, {});
    }
    const out = values.out;
    const toFolder = out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
    usageCheck(() => checkOutputFile(out, [{ path: ctx.store, what: 'the store' }], 'ATRIUM_ERR_CLI_OUT', toFolder), '--out');
    const [index, files, store] = await Promise.all([use.index(), use.files(), use.store()]);
    const { instances } = resolveUid(index, uid);
    const images = instances.filter(isImage).sort(byPosition);
    if (images.length === 0) throw new AtriumError('ATRIUM_ERR_RENDER_NOT_IMAGE', `nothing that ${uid} names is an image (no Rows/Columns): ${instances.length} instance(s), none renderable`, { uid });
    const chosen = toFolder ? images : images.slice(0, 1);
    if (toFolder) mkdirSync(out, { recursive: true });
    const used = new Set<string>();
    const written: RenderedFile[] = [];
    for (const inst of chosen) {
      // Only the header and the one frame are read from the file, whatever its size.
      const file = openImageFile(files.absolute(inst.file.path), store.limits, files.tmpDir);
      let image;
      try {
        image = await renderFrame(file, { frame: frame - 1, ...(window ? { window } : {}) });
      } finally {
        file.close();
      }
      const path = toFolder ? join(out, fileName(inst, used)) : out;
      writeFileSync(path, encodePng(image));
      written.push({ sopInstanceUID: inst.instance.SOPInstanceUID, path, width: image.width, height: image.height, channels: image.channels, ...(image.window ? { window: image.window } : {}) });
    }
    if (ctx.json) ctx.out(JSON.stringify({ written }, null, 2));
    else for (const w of written) ctx.out(`${w.path}  ${w.width}×${w.height} ${w.channels === 1 ? `grey, window ${w.window!.center},${w.window!.width}` : 'RGB'}  ${w.sopInstanceUID}`);
    return 0;
  },
});

/** `c,w` → window; null when malformed. */
/** `<series number>-<instance number>.png`, or the SOP Instance UID when that is taken or unknown. */
function fileName(inst: StoredInstance, used: Set<string>): string {
  const s = inst.series.SeriesNumber;
  const n = inst.instance.InstanceNumber;
  let name = s !== undefined && n !== undefined ? `${s}-${String(n).padStart(4, '0')}.png` : `${inst.instance.SOPInstanceUID}.png`;
  if (used.has(name)) name = `${inst.instance.SOPInstanceUID}.png`;
  used.add(name);
  return name;
}
