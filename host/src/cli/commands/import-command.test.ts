import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../test-support/cli-harness.js';

const { atrium } = useCliStore('atrium-import-cli-');

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
});
