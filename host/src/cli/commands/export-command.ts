import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkstation } from '../../store/open-workstation.js';
import type { Command } from '../cli-context.js';
import { resolveUid } from '../../db/resolve-uid.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'atrium export <uid> --out <dir>',
  summary: 'Copy a study, series or instance out of the store, byte for byte as stored',
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
    const uid = positionals[0];
    if (!uid || !values.out) {
      ctx.err('atrium export: usage: atrium export <uid> --out <dir>');
      return 2;
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
