import { parseArgs } from '../parse-args.js';
import { defineCommand } from '../cli-context.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { Index, type RemovalResult } from '../../db/dicom-index.js';
import { FileStore } from '../../store/file-store.js';
import { UsageError } from '../usage-error.js';

export const rmCommand = defineCommand({
  name: 'rm',
  usage: 'atrium rm <uid>',
  summary: 'Remove a study, series or instance (index rows and files)',
  uses: { index: Index, files: FileStore },
  async run(args, ctx, use) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const uid = positionals[0];
    if (!uid) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give a study, series or SOP instance UID', {});
    }
    const [index, files] = await Promise.all([use.index(), use.files()]);
    const { level, instances } = resolveUid(index, uid);
    let result: RemovalResult;
    if (level === 'STUDY') result = index.removeStudy(uid);
    else if (level === 'SERIES') result = index.removeSeries(uid);
    else result = index.removeInstance({ SOPInstanceUID: uid, SeriesInstanceUID: instances[0]!.series.SeriesInstanceUID });
    // The index commit comes first: a crash here leaves files that `reconcile --full` re-indexes, never rows without files.
    for (const p of result.paths) files.remove(p);
    ctx.out(ctx.json ? JSON.stringify(result, null, 2) : `removed ${result.instances} instance(s), ${result.series} series, ${result.studies} study(ies), ${result.patients} patient(s)`);
    return 0;
  },
});
