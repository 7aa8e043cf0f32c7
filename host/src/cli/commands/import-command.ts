import { parseArgs } from '../parse-args.js';
import { importPaths, type ImportSummary } from '../../importer/import-paths.js';
import { defineCommand } from '../cli-context.js';
import { ProgressBar } from '../progress-bar.js';
import { printTable } from '../print-table.js';
import { InstanceStore } from '../../store/instance-store.js';
import { UsageError } from '../usage-error.js';

/** Up to this many inputs, the summary lists every one of them; `--json` always does. */
const LIST_EVERY_INPUT = 20;

export const importCommand = defineCommand({
  name: 'import',
  usage: 'atrium import <paths...>',
  summary: 'Import files, folders (recursively) and DICOMDIRs into the store',
  uses: { store: InstanceStore },
  async run(args, ctx, use) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length === 0) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give at least one file, folder or DICOMDIR', {});
    }
    const store = await use.store();
    const validation = store.validation; // a stored setting that cannot be read stops here, before any file
    const bar = new ProgressBar('importing');
    const summary = await importPaths(store, positionals, (done, total, file) => bar.update(done, total, file));
    bar.done();
    if (ctx.json) ctx.out(JSON.stringify({ validation, ...summary }, null, 2));
    else printSummary(summary, validation, ctx.out);
    return summary.rejected + summary.duplicate - summary.unchanged + summary.unreadable.length > 0 ? 1 : 0;
  },
});

function printSummary(summary: ImportSummary, validation: string, out: (text: string) => void): void {
  const warned = summary.withWarnings > 0 ? ` (${summary.withWarnings} with warnings)` : '';
  out(`stored ${summary.stored}, replaced ${summary.replaced}${warned}, duplicate ${summary.duplicate}${summary.unchanged > 0 ? ` (${summary.unchanged} unchanged: stored already with the same bytes)` : ''}, rejected ${summary.rejected}, not read ${summary.unreadable.length}, skipped (not DICOM) ${summary.skipped.length} [validation ${validation}]`);
  const total = summary.items.length + summary.unreadable.length + summary.skipped.length;
  if (total <= LIST_EVERY_INPUT) {
    const rows = [
      ...summary.items.map((i) => ({ status: i.status, file: i.file, detail: 'code' in i ? `${i.code}: ${i.reason}` : 'unchanged' in i ? i.reason : (i.warnings ?? []).map((w) => `warning ${w.code}: ${w.message}`).join('; ') })),
      ...summary.unreadable.map((u) => ({ status: 'not read', file: u.file, detail: `${u.code}: ${u.reason}` })),
      ...summary.skipped.map((s) => ({ status: 'skipped', file: s.file, detail: s.reason })),
    ];
    if (rows.length > 0) out(`\n${printTable(rows, ['status', 'file', 'detail'])}`);
  } else {
    const problems = [
      ...summary.items.flatMap((i) => ('code' in i ? [{ status: i.status, file: i.file, reason: `${i.code}: ${i.reason}` }] : [])),
      ...summary.unreadable.map((u) => ({ status: 'not read', file: u.file, reason: `${u.code}: ${u.reason}` })),
    ];
    if (problems.length > 0) out(`\nnot stored (the bytes of refused files are kept in quarantine):\n${printTable(problems, ['status', 'file', 'reason'])}`);
    const groups = new Map<string, number>();
    for (const i of summary.items) if ('warnings' in i && i.warnings?.length) groups.set(i.warnings.map((w) => w.message).join('; '), (groups.get(i.warnings.map((w) => w.message).join('; ')) ?? 0) + 1);
    if (groups.size > 0) out(`\nstored with warnings (atrium ls instances --warnings):\n${printTable([...groups].map(([warnings, files]) => ({ files, warnings })), ['files', 'warnings'])}`);
    if (summary.skipped.length > 0) out(`\nskipped, not DICOM: ${summary.skipped.map((s) => s.file).join(', ')}`);
    out(`\n(--json lists every file)`);
  }
  const changes = summary.items.flatMap((i) => ('changes' in i ? i.changes.map((c) => ({ file: i.file, ...c })) : []));
  if (changes.length > 0) out(`\ndemographic updates:\n${printTable(changes.map((c) => ({ level: c.level, field: c.field, old: c.old, new: c.new })), ['level', 'field', 'old', 'new'])}`);
}
