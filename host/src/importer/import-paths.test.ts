import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { openWorkstation, type Workstation } from '../store/open-workstation.js';
import { importPaths } from './import-paths.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = makeTempDir('atrium-import-');
  dirs.push(d);
  return d;
};
const open = (): Workstation => openWorkstation(tempDir());
afterEach(() => dirs.splice(0).forEach(removeTempDir));

describe('importPaths', () => {
  it('skips non-DICOM files met in a folder, but receives (and quarantines) one named explicitly', async () => {
    const dir = tempDir();
    copyFileSync('samples/mr/MR_small.dcm', join(dir, 'a.dcm'));
    writeFileSync(join(dir, 'README.md'), '# not DICOM\n');
    const ws = open();
    try {
      const walked = await importPaths(ws.store, [dir]);
      expect(walked.stored).toBe(1);
      expect(walked.skipped.map((s) => s.file)).toEqual([join(dir, 'README.md')]);
      expect(ws.index.listQuarantine()).toEqual([]);
      const named = await importPaths(ws.store, [join(dir, 'README.md')]);
      expect(named.rejected).toBe(1);
      expect(named.items[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_NOT_DICOM' });
      expect(ws.index.listQuarantine().length).toBe(1);
    } finally {
      ws.close();
    }
  });

  it('one bad file never stops a batch (D1 reproducers between good files): each refused with its reason and kept, the others stored, every input named', async () => {
    const bad = ['D1_invalid-VR-on-StudyUID_aborts-import.dcm', 'D1b_SOPClassUID-only-NULs_aborts-import.dcm', 'D1c_StudyUID-only-spaces_implicit-bare_aborts-import.dcm', 'D1d_SeriesUID-VR-bytes-0000_aborts-import.dcm', 'D1e_SOPInstanceUID-VR-ob_aborts-import.dcm'].map((n) => `test/fixtures/repro/${n}`);
    const inputs = ['samples/mr/MR_small.dcm', ...bad, 'samples/sc/SC_rgb.dcm'];
    const ws = open();
    try {
      const summary = await importPaths(ws.store, inputs);
      expect(summary.items.map((i) => [i.file, i.status === 'rejected' ? i.code : i.status])).toEqual([
        [resolve(inputs[0]!), 'stored'],
        [resolve(bad[0]!), 'ATRIUM_ERR_VALIDATE_BAD_VR'],
        [resolve(bad[1]!), 'ATRIUM_ERR_VALIDATE_EMPTY'],
        [resolve(bad[2]!), 'ATRIUM_ERR_VALIDATE_EMPTY'],
        [resolve(bad[3]!), 'ATRIUM_ERR_VALIDATE_BAD_VR'],
        [resolve(bad[4]!), 'ATRIUM_ERR_VALIDATE_BAD_VR'],
        [resolve(inputs[6]!), 'stored'],
      ]);
      expect([summary.stored, summary.rejected, summary.unreadable.length]).toEqual([2, 5, 0]);
      const kept = ws.index.listQuarantine();
      expect(kept.map((q) => q.source)).toEqual(bad.map((b) => `import:${resolve(b)}`));
      kept.forEach((q, i) => expect(Buffer.from(ws.files.read(q.path!)).equals(readFileSync(bad[i]!))).toBe(true));
    } finally {
      ws.close();
    }
  });

  it('a DICOMDIR whose Referenced File IDs leave the media (D2): the IDs are named, nothing outside is read, stored or kept', async () => {
    const m = tempDir();
    mkdirSync(join(m, 'media'));
    cpSync('test/fixtures/repro/D2_dicomdir-path-traversal/DICOMDIR', join(m, 'media', 'DICOMDIR'));
    mkdirSync(join(m, 'OUTSIDE'));
    copyFileSync('samples/mr/MR_small.dcm', join(m, 'OUTSIDE', 'MR_SMALL.DCM'));
    const ws = open();
    try {
      const summary = await importPaths(ws.store, [join(m, 'media', 'DICOMDIR')]);
      const outside = summary.unreadable.filter((u) => u.code === 'ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA');
      expect(outside.map((u) => [u.file, u.reason.slice(0, u.reason.indexOf(' has'))])).toEqual([
        [join(m, 'media', 'DICOMDIR'), 'Referenced File ID "..\\..\\..\\etc\\passwd"'],
        [join(m, 'media', 'DICOMDIR'), 'Referenced File ID "..\\OUTSIDE\\MR_SMALL.DCM"'],
      ]);
      expect([summary.stored, summary.items.length]).toEqual([0, 0]);
      expect(ws.index.getInstances({})).toEqual([]);
      expect(ws.index.listQuarantine()).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('a DICOMDIR that cannot be read is refused and its bytes kept in quarantine', async () => {
    const dir = tempDir();
    const cut = readFileSync('samples/dicomdir/DICOMDIR').subarray(0, 700);
    writeFileSync(join(dir, 'DICOMDIR'), cut);
    const ws = open();
    try {
      const summary = await importPaths(ws.store, [join(dir, 'DICOMDIR')]);
      expect(summary.items).toEqual([expect.objectContaining({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_TRUNCATED', file: join(dir, 'DICOMDIR') })]);
      const [entry] = ws.index.listQuarantine();
      expect(Buffer.from(ws.files.read(entry!.path!)).equals(cut)).toBe(true);
    } finally {
      ws.close();
    }
  });
});
