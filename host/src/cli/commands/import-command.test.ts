import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../test-support/cli-harness.js';

const { atrium, scratch, store } = useCliStore('atrium-import-cli-');

describe('atrium import', () => {
  it('MR_small, a D1 reproducer, SC_rgb: the bad file is refused and kept, the others stored, the summary lists all three (exit 1)', async () => {
    const files = ['samples/mr/MR_small.dcm', 'test/fixtures/repro/D1_invalid-VR-on-StudyUID_aborts-import.dcm', 'samples/sc/SC_rgb.dcm'];
    const r = await atrium('import', ...files);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('stored 2, replaced 0, duplicate 0, rejected 1, not read 0, skipped (not DICOM) 0 [validation safety]');
    expect(lines.find((l) => l.includes(resolve(files[0]!)))).toMatch(/^stored /);
    expect(lines.find((l) => l.includes(resolve(files[1]!)))).toMatch(/^rejected .* ATRIUM_ERR_VALIDATE_BAD_VR: StudyInstanceUID \(0020,000D\) has invalid VR bytes \(57 49\) instead of UI$/);
    expect(lines.find((l) => l.includes(resolve(files[2]!)))).toMatch(/^stored /);
    expect(r.err).toBe('');
    const q = JSON.parse((await atrium('--json', 'quarantine')).out) as { reasonCode: string; source: string }[];
    expect(q.map((e) => [e.reasonCode, e.source])).toEqual([['ATRIUM_ERR_VALIDATE_BAD_VR', `import:${resolve(files[1]!)}`]]);
  });

  it('a file imported again with the same bytes is a duplicate, unchanged: nothing written (exit 0); other bytes under the same UID replace it', async () => {
    const mr = 'samples/mr/MR_small.dcm';
    const first = await atrium('--json', 'import', mr);
    const stored = (JSON.parse(first.out) as { items: { path: string }[] }).items[0]!.path;
    const path = join(store, stored);
    const before = statSync(path);
    const again = await atrium('import', mr);
    expect(again.code, again.err).toBe(0);
    expect(again.out.split('\n')[0]).toBe('stored 0, replaced 0, duplicate 1 (1 unchanged: stored already with the same bytes), rejected 0, not read 0, skipped (not DICOM) 0 [validation safety]');
    const json = JSON.parse((await atrium('--json', 'import', mr)).out) as { items: Record<string, unknown>[]; duplicate: number; unchanged: number; replaced: number };
    expect([json.duplicate, json.unchanged, json.replaced]).toEqual([1, 1, 0]);
    expect(json.items[0]).toMatchObject({ status: 'duplicate', unchanged: true, file: resolve(mr), path: stored });
    const after = statSync(path);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // The same SOP Instance UID with other bytes (its last byte changed): replaced.
    const bytes = readFileSync(mr);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    const changed = join(scratch, 'changed.dcm');
    writeFileSync(changed, bytes);
    const replaced = await atrium('import', changed);
    expect([replaced.code, replaced.out.split('\n')[0]]).toEqual([0, 'stored 0, replaced 1, duplicate 0, rejected 0, not read 0, skipped (not DICOM) 0 [validation safety]']);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
