import { parseArgs } from '../parse-args.js';
import { withFileWindow } from '../../io/byte-window.js';
import { dumpFile, type FileListing } from '../../io/dump-file.js';
import type { RecordWarning } from '../../db/instance-record.js';
import { WIDEST_PARSE_LIMITS } from '../../store/store-settings.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { writeLines } from '../write-lines.js';
import { Index } from '../../db/dicom-index.js';
import { FileStore } from '../../store/file-store.js';
import { InstanceStore } from '../../store/instance-store.js';
import { UsageError } from '../usage-error.js';

export const showCommand = defineCommand({
  name: 'show',
  usage: 'atrium show <uid> [--max-value <chars>]',
  summary: 'Show an instance as a dcmdump-like listing (private tags included); a study or series as its instances',
  uses: { index: Index, files: FileStore, store: InstanceStore },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'max-value': { type: 'string' } } });
    const uid = positionals[0];
    if (!uid) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give a study, series or SOP instance UID', {});
    }
    const maxValueChars = values['max-value'] === undefined ? 64 : Number(values['max-value']);
    if (!Number.isInteger(maxValueChars) || maxValueChars < 1) {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--max-value must be a whole number of characters ≥ 1, not "${values['max-value']}"`, {});
    }
    const [index, files, store] = await Promise.all([use.index(), use.files(), use.store()]);
    const { level, instances } = resolveUid(index, uid);
    if (level !== 'IMAGE' || instances.length > 1) {
      const rows = instances.map((i) => ({ ...i.study, ...i.series, ...i.instance, path: i.file.path, warnings: i.warnings?.length ?? 0 }));
      if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
      else ctx.out(printTable(rows, ['SeriesInstanceUID', 'Modality', 'InstanceNumber', 'SOPInstanceUID', 'path', 'warnings']));
      return 0;
    }
    const inst = instances[0]!;
    const warnings = inst.warnings ?? [];
    // The listing is streamed from the file: memory does not grow with the object.
    await withFileWindow(files.absolute(inst.file.path), async (window) => {
      // Whatever was stored is listed: nesting as deep as any setting lets in.
      const listing = dumpFile(window, { maxValueChars, limits: { ...store.limits, maxDepth: WIDEST_PARSE_LIMITS.maxDepth }, tempDir: files.tmpDir });
      await writeLines(ctx.out, ctx.json ? jsonLines(inst.file.path, warnings, listing) : textLines(inst.file.path, warnings, listing));
    });
    return 0;
  },
});

function* textLines(path: string, warnings: readonly RecordWarning[], listing: FileListing): Generator<string> {
  yield `# ${path}`;
  yield `# Transfer Syntax: ${listing.preface.transferSyntax.uid}`;
  if (listing.meta.length > 0) yield* ['# File Meta Information', ...listing.meta];
  yield '# Dataset';
  yield* listing.dataset;
  if (warnings.length > 0) yield* [`# Stored with ${warnings.length} validation warning(s)`, ...warnings.map((w) => `#   ${w.code}: ${w.message}`)];
}

/** `{ path, warnings, meta: [lines], dataset: [lines] }` as `JSON.stringify(..., null, 2)` writes it, a line at a time. */
function* jsonLines(path: string, warnings: readonly RecordWarning[], listing: FileListing): Generator<string> {
  yield `{\n  "path": ${JSON.stringify(path)},`;
  yield `  "warnings": ${JSON.stringify(warnings, null, 2).replace(/\n/g, '\n  ')},`;
  yield* jsonArray('meta', listing.meta, ',');
  yield* jsonArray('dataset', listing.dataset, '');
  yield '}';
}

function* jsonArray(name: string, lines: Iterable<string>, after: string): Generator<string> {
  let previous: string | undefined;
  for (const line of lines) {
    yield previous === undefined ? `  "${name}": [` : `    ${JSON.stringify(previous)},`;
    previous = line;
  }
  yield previous === undefined ? `  "${name}": []${after}` : `    ${JSON.stringify(previous)}\n  ]${after}`;
}
