import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkstation } from '../workstation.js';
import { importPaths } from './import-paths.js';

describe('importPaths', () => {
  it('skips non-DICOM files met in a folder, but receives (and quarantines) one named explicitly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-import-'));
    copyFileSync('samples/mr/MR_small.dcm', join(dir, 'a.dcm'));
    writeFileSync(join(dir, 'README.md'), '# not DICOM\n');
    const ws = openWorkstation(mkdtempSync(join(tmpdir(), 'atrium-store-')));
    try {
      const walked = importPaths(ws.store, [dir]);
      expect(walked.stored).toBe(1);
      expect(walked.skipped.map((s) => s.file)).toEqual([join(dir, 'README.md')]);
      expect(ws.index.listQuarantine()).toEqual([]);
      const named = importPaths(ws.store, [join(dir, 'README.md')]);
      expect(named.rejected).toBe(1);
      expect(named.items[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_NOT_DICOM' });
      expect(ws.index.listQuarantine().length).toBe(1);
    } finally {
      ws.close();
    }
  });
});
