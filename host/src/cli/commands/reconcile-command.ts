import { parseArgs } from 'node:util';
import { reconcileLog, reconcileFoundSomething } from '../../store/reconcile-log.js';
import { reconcileStore, type ReconcileReport } from '../../store/reconcile-store.js';
import { openWorkstation } from '../../workstation.js';
import type { Command } from '../cli-context.js';

export const reconcileCommand: Command = {
  name: 'reconcile',
  usage: 'atrium reconcile [--full]',
  summary: 'Bring index and files into agreement and report what the start-up passes repaired (--full also reads back every file: size, sha256, parse, identity)',
  run(args, ctx) {
    const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } } });
    const ws = openWorkstation(ctx.store);
    try {
      const startup = reconcileLog.unshown(ws.index.db);
      const report = values.full ? reconcileStore(ws.files, ws.index, ws.intents, true, ws.store.limits) : undefined;
      if (ctx.json) ctx.out(JSON.stringify({ startupRepairs: startup.map(({ at, report }) => ({ at, ...report })), ...(report ? { full: report } : {}) }, null, 2));
      else {
        if (startup.length === 0) ctx.out('start-up passes: nothing repaired since the last report');
        for (const s of startup) printReport(`start-up pass of ${s.at}`, s.report, ctx.out);
        if (report) printReport('full pass', report, ctx.out);
      }
      reconcileLog.markShown(ws.index.db, startup.map((s) => s.id));
      const problems = [...startup.map((s) => s.report), ...(report ? [report] : [])].some((r) => r.unreadable.length + r.damaged.length > 0);
      return problems ? 1 : 0;
    } finally {
      ws.close();
    }
  },
};

function printReport(title: string, r: ReconcileReport, out: (text: string) => void): void {
  const checked = title === 'full pass' ? `checked ${r.checked} file(s), ` : '';
  out(`${title}: ${checked}${reconcileFoundSomething(r) ? '' : 'all in agreement; '}temp files removed ${r.tmpRemoved}, recovered ${r.recovered.length}, dropped ${r.dropped.length}, missing ${r.missing.length}, unreadable ${r.unreadable.length}, damaged ${r.damaged.length}`);
  for (const p of r.recovered) out(`  recovered (indexed): ${p}`);
  for (const p of r.dropped) out(`  dropped (never reached its place, never acknowledged): ${p}`);
  for (const p of r.missing) out(`  missing file, row removed: ${p}`);
  for (const u of r.unreadable) out(`  unreadable, left in place: ${u.path}: ${u.reason}`);
  for (const d of r.damaged) out(`  damaged (${d.problem}), left in place: ${d.path}: ${d.detail}`);
}
