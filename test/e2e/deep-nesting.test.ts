/**
 * Sequence nesting through the CLI: the reproducer nested 65 deep (refused before, read by
 * DCMTK and pydicom) is stored and listed; 257 levels are refused naming maxDepth and
 * where; a site that raises maxDepth stores them.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestedObject } from '../support/bulk-objects.js';
import { REPO_ROOT } from '../support/samples.js';
import { useTempDir } from '../support/temp-dir.js';
import { atrium } from './cli-helpers.js';

const dir = useTempDir('atrium-nesting-');
const D9 = 'D9_nesting-65-deep_rejected-but-readable-by-dcmtk-pydicom.dcm';

describe('nesting depth', () => {
  it('stores and lists the 65-deep reproducer', async () => {
    const store = join(dir(), 'store-d9');
    const file = join(dir(), D9);
    copyFileSync(join(REPO_ROOT, 'test/fixtures/repro', D9), file);
    const imported = await atrium('--store', store, '--json', 'import', file);
    expect(JSON.parse(imported.out)).toMatchObject({ stored: 1, rejected: 0 });
    const sop = JSON.parse(imported.out).items[0].SOPInstanceUID as string;
    const shown = await atrium('--store', store, 'show', sop);
    expect(shown.code).toBe(0);
    // The deepest items are indented 4 spaces per level.
    expect(shown.out.split('\n').some((l) => l.startsWith(`${' '.repeat(4 * 64)}  (FFFE,E000) na (Item`))).toBe(true);
  });

  it('refuses 257 levels naming maxDepth and the offset; stores them once maxDepth is raised', async () => {
    const store = join(dir(), 'store-deep');
    const file = join(dir(), 'deep-257.dcm');
    writeFileSync(file, nestedObject(257));
    const refused = await atrium('--store', store, '--json', 'import', file);
    expect(refused.code).toBe(1);
    const [item] = JSON.parse(refused.out).items;
    expect(item).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_LIMIT' });
    // One readable line: the first and last three of the 257 steps of the path, and its depth.
    expect(item.reason).toMatch(
      /^sequences nested deeper than 256 \(limit maxDepth = 256\) in \(0009,1010\) > \(0009,1010\) > \(0009,1010\) > … 251 more … > \(0009,1010\) > \(0009,1010\) > \(0009,1010\) \(257 levels\) at byte offset \d+; a site that needs more raises it with `atrium config set maxDepth <n>`$/,
    );
    const [kept] = JSON.parse((await atrium('--store', store, '--json', 'quarantine')).out);
    expect(kept.reason).toBe(item.reason);
    expect((await atrium('--store', store, 'config', 'set', 'maxDepth', '300')).code).toBe(0);
    expect(JSON.parse((await atrium('--store', store, '--json', 'import', file)).out)).toMatchObject({ stored: 1 });
  });
});
