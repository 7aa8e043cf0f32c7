import { parseArgs } from 'node:util';
import { dumpDataset } from '../../io/dump-dataset.js';
import { parseDicom } from '../../io/parse-part10.js';
import { openWorkstation } from '../../workstation.js';
import type { Command } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { resolveUid } from '../../db/resolve-uid.js';

export const showCommand: Command = {
  name: 'show',
  usage: 'atrium show <uid> [--max-value <chars>]',
  summary: 'Show an instance as a dcmdump-like listing (private tags included); a study or series as its instances',
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'max-value': { type: 'string' } } });
    const uid = positionals[0];
    if (!uid) {
      ctx.err('atrium show: give a study, series or SOP instance UID');
      return 2;
    }
    const ws = openWorkstation(ctx.store);
    try {
      const { level, instances } = resolveUid(ws.index, uid);
      if (level !== 'IMAGE' || instances.length > 1) {
        const rows = instances.map((i) => ({ ...i.study, ...i.series, ...i.instance, path: i.file.path, warnings: i.warnings?.length ?? 0 }));
        if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
        else ctx.out(printTable(rows, ['SeriesInstanceUID', 'Modality', 'InstanceNumber', 'SOPInstanceUID', 'path', 'warnings']));
        return 0;
      }
      const inst = instances[0]!;
      const file = parseDicom(ws.files.read(inst.file.path));
      const warnings = inst.warnings ?? [];
      if (ctx.json) {
        ctx.out(JSON.stringify({ path: inst.file.path, warnings, meta: file.meta ? dumpDataset(file.meta).split('\n') : [], dataset: dumpDataset(file.dataset).split('\n') }, null, 2));
        return 0;
      }
      const maxValueChars = values['max-value'] === undefined ? 64 : Number(values['max-value']);
      ctx.out(`# ${inst.file.path}`);
      ctx.out(`# Transfer Syntax: ${file.transferSyntax.uid}`);
      if (file.meta) ctx.out(`# File Meta Information\n${dumpDataset(file.meta, { maxValueChars })}`);
      ctx.out(`# Dataset\n${dumpDataset(file.dataset, { maxValueChars })}`);
      if (warnings.length > 0) ctx.out(`# Stored with ${warnings.length} validation warning(s)\n${warnings.map((w) => `#   ${w.code}: ${w.message}`).join('\n')}`);
      return 0;
    } finally {
      ws.close();
    }
  },
};
