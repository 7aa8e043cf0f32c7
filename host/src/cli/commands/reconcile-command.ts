import { parseArgs } from 'node:util';
import { reconcileStore } from '../../store/reconcile-store.js';
import { openWorkstation } from '../../workstation.js';
import type { Command } from '../cli-context.js';

export const reconcileCommand: Command = {
  name: 'reconcile',
  usage: 'atrium reconcile [--full]',
  summary: 'Bring index and files into agreement (runs at every start; --full compares every file and row)',
  run(args, ctx) {
    const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } } });
    const ws = openWorkstation(ctx.store);
    try {
      const report = values.full ? reconcileStore(ws.files, ws.index, ws.intents, true, ws.limits) : ws.startup;
      if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        ctx.out(`temp files removed ${report.tmpRemoved}, recovered ${report.recovered.length}, dropped ${report.dropped.length}, missing ${report.missing.length}, unreadable ${report.unreadable.length}`);
        for (const u of report.unreadable) ctx.out(`unreadable: ${u.path}: ${u.reason}`);
        for (const m of report.missing) ctx.out(`missing file, row removed: ${m}`);
      }
      return report.unreadable.length > 0 ? 1 : 0;
    } finally {
      ws.close();
    }
  },
};
