import { parseArgs } from 'node:util';
import type { RemovalResult } from '../../db/dicom-index.js';
import { openWorkstation } from '../../store/open-workstation.js';
import type { Command } from '../cli-context.js';
import { resolveUid } from '../../db/resolve-uid.js';

export const rmCommand: Command = {
  name: 'rm',
  usage: 'atrium rm <uid>',
  summary: 'Remove a study, series or instance (index rows and files)',
  run(args, ctx) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const uid = positionals[0];
    if (!uid) {
      ctx.err('atrium rm: give a study, series or SOP instance UID');
      return 2;
    }
    const ws = openWorkstation(ctx.store);
    try {
      const { level, instances } = resolveUid(ws.index, uid);
      let result: RemovalResult;
      if (level === 'STUDY') result = ws.index.removeStudy(uid);
      else if (level === 'SERIES') result = ws.index.removeSeries(uid);
      else result = ws.index.removeInstance({ SOPInstanceUID: uid, SeriesInstanceUID: instances[0]!.series.SeriesInstanceUID });
      // The index commit comes first: a crash here leaves files that `reconcile --full` re-indexes, never rows without files.
      for (const p of result.paths) ws.files.remove(p);
      ctx.out(ctx.json ? JSON.stringify(result, null, 2) : `removed ${result.instances} instance(s), ${result.series} series, ${result.studies} study(ies), ${result.patients} patient(s)`);
      return 0;
    } finally {
      ws.close();
    }
  },
};
