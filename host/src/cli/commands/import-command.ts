import { parseArgs } from 'node:util';
import { importPaths } from '../../importer/import-paths.js';
import { openWorkstation } from '../../workstation.js';
import type { Command } from '../cli-context.js';
import { ProgressBar } from '../progress-bar.js';
import { printTable } from '../print-table.js';

export const importCommand: Command = {
  name: 'import',
  usage: 'atrium import <paths...>',
  summary: 'Import files, folders (recursively) and DICOMDIRs into the store',
  run(args, ctx) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length === 0) {
      ctx.err('atrium import: give at least one file, folder or DICOMDIR');
      return 2;
    }
    const ws = openWorkstation(ctx.store, { validation: ctx.validation });
    try {
      const bar = new ProgressBar('importing');
      const summary = importPaths(ws.store, positionals, (done, total, file) => bar.update(done, total, file));
      bar.done();
      if (ctx.json) {
        ctx.out(JSON.stringify(summary, null, 2));
      } else {
        const problems = [
          ...summary.items.filter((i) => i.status === 'rejected' || i.status === 'duplicate').map((i) => ({ status: i.status, file: i.file, reason: 'reason' in i ? `${i.code}: ${i.reason}` : '' })),
          ...summary.unreadable.map((u) => ({ status: 'unreadable', file: u.file, reason: u.reason })),
        ];
        const changes = summary.items.flatMap((i) => ('changes' in i ? i.changes.map((c) => ({ file: i.file, ...c })) : []));
        ctx.out(`stored ${summary.stored}, replaced ${summary.replaced}, duplicate ${summary.duplicate}, rejected ${summary.rejected}, unreadable ${summary.unreadable.length}, skipped (not DICOM) ${summary.skipped.length}`);
        if (changes.length > 0) {
          ctx.out('\ndemographic updates:');
          ctx.out(printTable(changes.map((c) => ({ level: c.level, field: c.field, old: c.old, new: c.new })), ['level', 'field', 'old', 'new']));
        }
        if (summary.skipped.length > 0) ctx.out(`\nskipped, not DICOM: ${summary.skipped.map((s) => s.file).join(', ')}`);
        if (problems.length > 0) {
          ctx.out('\nnot stored (bytes kept in quarantine):');
          ctx.out(printTable(problems, ['status', 'file', 'reason']));
        }
      }
      return summary.rejected + summary.duplicate + summary.unreadable.length > 0 ? 1 : 0;
    } finally {
      ws.close();
    }
  },
};
