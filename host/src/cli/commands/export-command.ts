import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../parse-args.js';
import { defineCommand } from '../cli-context.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { Index } from '../../db/dicom-index.js';
import { FileStore } from '../../store/file-store.js';
import { UsageError } from '../usage-error.js';

export const exportCommand = defineCommand({
  name: 'export',
  usage: 'atrium export <uid> --out <dir>',
  summary: 'Copy a study, series or instance out of the store, byte for byte as stored',
  uses: { index: Index, files: FileStore },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
    const uid = positionals[0];
    if (!uid || !values.out) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'usage: atrium export <uid> --out <dir>', {});
    }
    const [index, files] = await Promise.all([use.index(), use.files()]);
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
