import { parseArgs } from '../parse-args.js';
import { reconcileLog, reconcileFoundSomething } from '../../store/reconcile-log.js';
import { reconcileStore, type ReconcileReport } from '../../store/reconcile-store.js';
import { Index } from '../../db/dicom-index.js';
import { HostDatabase } from '../../db/host-database.js';
import { ReconcileLogTable } from '../../db/reconcile-log-table.js';
import { FileStore } from '../../store/file-store.js';
import { InstanceStore } from '../../store/instance-store.js';
import { StoreIntents } from '../../store/store-intents.js';
import { defineCommand } from '../cli-context.js';

export const reconcileCommand = defineCommand({
  name: 'reconcile',
  usage: 'atrium reconcile [--full]',
  summary: 'Bring index and files into agreement and report what the start-up passes repaired (--full also reads back every file: size, sha256, parse, identity)',
  uses: { index: Index, files: FileStore, store: InstanceStore, database: HostDatabase, log: ReconcileLogTable },
  async run(args, ctx, use) {
    const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } } });
    const log = await use.log(); // opening the database runs the start-up pass, whose repairs are logged
    const startup = reconcileLog.unshown(log);
    const report = values.full ? reconcileStore(await use.files(), await use.index(), new StoreIntents((await use.database()).intents, (await use.database()).liveness), true, (await use.store()).limits) : undefined;
    if (ctx.json) ctx.out(JSON.stringify({ startupRepairs: startup.map(({ at, report }) => ({ at, ...report })), ...(report ? { full: report } : {}) }, null, 2));
    else {
      if (startup.length === 0) ctx.out('start-up passes: nothing repaired since the last report');
      for (const s of startup) printReport(`start-up pass of ${s.at}`, s.report, ctx.out);
      if (report) printReport('full pass', report, ctx.out);
    }
    reconcileLog.markShown(log, startup.map((s) => s.id));
    const problems = [...startup.map((s) => s.report), ...(report ? [report] : [])].some((r) => r.unreadable.length + r.damaged.length > 0);
    return problems ? 1 : 0;
  },
});

function printReport(title: string, r: ReconcileReport, out: (text: string) => void): void {
  const checked = title === 'full pass' ? `checked ${r.checked} file(s), ` : '';
  out(`${title}: ${checked}${reconcileFoundSomething(r) ? '' : 'all in agreement; '}temp files removed ${r.tmpRemoved}, recovered ${r.recovered.length}, dropped ${r.dropped.length}, missing ${r.missing.length}, unreadable ${r.unreadable.length}, damaged ${r.damaged.length}`);
  for (const p of r.recovered) out(`  recovered (indexed): ${p}`);
  for (const p of r.dropped) out(`  dropped (never reached its place, never acknowledged): ${p}`);
  for (const p of r.missing) out(`  missing file, row removed: ${p}`);
  for (const u of r.unreadable) out(`  unreadable, left in place: ${u.path}: ${u.reason}`);
  for (const d of r.damaged) out(`  damaged (${d.problem}), left in place: ${d.path}: ${d.detail}`);
}
