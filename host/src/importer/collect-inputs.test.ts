import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { collectInputs, type DicomdirSeen } from './collect-inputs.js';
import { dicomdirFiles } from '../media/dicomdir-files.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = makeTempDir('atrium-dicomdir-');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeTempDir));

/** The D2 reproducer laid out as a user would meet it: `m/media/DICOMDIR` and a DICOM file at `m/OUTSIDE/MR_SMALL.DCM`. */
function traversalMedia(): { media: string; outside: string } {
  const m = tempDir();
  const media = join(m, 'media');
  mkdirSync(media);
  cpSync('test/fixtures/repro/D2_dicomdir-path-traversal/DICOMDIR', join(media, 'DICOMDIR'));
  mkdirSync(join(m, 'OUTSIDE'));
  cpSync('samples/mr/MR_small.dcm', join(m, 'OUTSIDE', 'MR_SMALL.DCM'));
  return { media, outside: join(m, 'OUTSIDE', 'MR_SMALL.DCM') };
}

describe('collectInputs', () => {
  it('expands a DICOMDIR into the 31 files it references', () => {
    const files = dicomdirFiles('samples/dicomdir/DICOMDIR');
    expect(files.length).toBe(31);
    expect(files).toContainEqual({ path: resolve('samples/dicomdir', '77654033', 'CR1', '6154') });
    expect(collectInputs(['samples/dicomdir/DICOMDIR']).every((i) => !('error' in i))).toBe(true);
  });

  it('walks folders recursively, skips DICOMDIR files and lists each file once', () => {
    const inputs = collectInputs(['samples/dicomdir', 'samples/dicomdir/77654033/CR1/6154']);
    expect(inputs.length).toBe(31);
    expect(inputs.some((i) => i.path.endsWith('DICOMDIR'))).toBe(false);
  });

  it('reports missing paths and missing DICOMDIR references instead of dropping them', () => {
    const dir = tempDir();
    cpSync('samples/dicomdir', dir, { recursive: true });
    rmSync(join(dir, '77654033', 'CR1', '6154'));
    const inputs = collectInputs([join(dir, 'DICOMDIR'), 'no/such/path']);
    const errors = inputs.filter((i) => 'error' in i);
    expect(errors.map((e) => [e.path, 'code' in e && e.code])).toEqual([
      [join(dir, '77654033', 'CR1', '6154'), 'ATRIUM_ERR_DICOMDIR_MISSING_FILE'],
      [resolve('no/such/path'), 'ATRIUM_ERR_IMPORT_NOT_FOUND'],
    ]);
    expect(inputs.length - errors.length).toBe(30);
  });

  it('a missing path typed as a UID says it looks like one and where stored objects are named; another missing path does not', () => {
    const [uid, path] = collectInputs(['1.2.840.113619.2.55', 'no/such/path']);
    expect(uid).toEqual({ path: resolve('1.2.840.113619.2.55'), code: 'ATRIUM_ERR_IMPORT_NOT_FOUND', error: 'no such file or folder (1.2.840.113619.2.55 looks like a UID: this command takes files and folders; atrium deid --where StudyInstanceUID=<uid> de-identifies a stored study)' });
    expect(path).toEqual({ path: resolve('no/such/path'), code: 'ATRIUM_ERR_IMPORT_NOT_FOUND', error: 'no such file or folder' });
  });

  it('a file called DICOMDIR that is not a Media Storage Directory is an input to quarantine', () => {
    const dir = tempDir();
    cpSync('samples/mr/MR_small.dcm', join(dir, 'DICOMDIR'));
    const [input] = collectInputs([join(dir, 'DICOMDIR')]);
    expect(input).toMatchObject({ path: join(dir, 'DICOMDIR'), code: 'ATRIUM_ERR_DICOMDIR_INVALID', quarantine: true });
    expect(input && 'error' in input ? input.error : '').toContain('is not a DICOMDIR');
  });

  it('refuses Referenced File IDs that leave the media (D2 reproducer): named, never listed as files to read', () => {
    const { media, outside } = traversalMedia();
    const inputs = collectInputs([join(media, 'DICOMDIR')]);
    const refused = inputs.filter((i) => 'code' in i && i.code === 'ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA');
    expect(refused.map((i) => 'error' in i && i.error.replace(/;.*/, ''))).toEqual([
      'Referenced File ID "..\\..\\..\\etc\\passwd" has the component "..", which could leave the media',
      'Referenced File ID "..\\OUTSIDE\\MR_SMALL.DCM" has the component "..", which could leave the media',
    ]);
    expect(refused.every((i) => i.path === join(media, 'DICOMDIR'))).toBe(true);
    expect(inputs.map((i) => i.path)).not.toContain(outside);
    expect(inputs.some((i) => i.path.includes('etc'))).toBe(false);
  });

  it('refuses a referenced file that is a link out of the media', () => {
    const { media, outside } = traversalMedia();
    mkdirSync(join(media, '77654033', 'CR3'), { recursive: true });
    symlinkSync(outside, join(media, '77654033', 'CR3', '6278'));
    const refused = collectInputs([join(media, 'DICOMDIR')]).filter((i) => 'error' in i && i.error.includes('77654033\\CR3\\6278'));
    expect(refused).toEqual([expect.objectContaining({ code: 'ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA', error: expect.stringContaining('is a link to a file outside the media') })]);
  });

  it('names a dangling link met in a folder and goes on', () => {
    const dir = tempDir();
    cpSync('samples/mr/MR_small.dcm', join(dir, 'a.dcm'));
    symlinkSync(join(dir, 'gone.dcm'), join(dir, 'b.dcm'));
    const inputs = collectInputs([dir]);
    expect(inputs).toEqual([{ path: join(dir, 'a.dcm'), found: true }, expect.objectContaining({ path: join(dir, 'b.dcm'), code: 'ATRIUM_ERR_IMPORT_READ' })]);
  });

  it('reports FIFOs and symbolic link loops met in a folder or named, goes on walking, and tells every DICOMDIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-collect-'));
    try {
      copyFileSync('samples/mr/MR_small.dcm', join(dir, 'a.dcm'));
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
      const seen: DicomdirSeen[] = [];
      const inputs = collectInputs([dir, join(dir, 'loop'), 'samples/dicomdir/DICOMDIR', 'samples/dicomdir/77654033'], (d) => seen.push(d));
      expect(inputs.filter((i) => 'error' in i)).toEqual([
        { path: join(dir, 'loop'), code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a symbolic link loop' },
        { path: join(dir, 'pipe'), code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a FIFO (named pipe), not a file' },
        { path: join(dir, 'loop'), code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a symbolic link loop' },
      ]);
      expect(inputs.filter((i) => !('error' in i))).toHaveLength(1 + 31);
      expect(seen).toEqual([{ path: resolve('samples/dicomdir/DICOMDIR'), files: 31 }]);
      expect(collectInputs(['samples/dicomdir'], (d) => seen.push(d))).toHaveLength(31);
      expect(seen.at(-1)).toEqual({ path: resolve('samples/dicomdir/DICOMDIR') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('walks each folder once: a link back up is one loop entry, a link out of the folders given (to /) is not followed', () => {
    const dir = tempDir();
    copyFileSync('samples/mr/MR_small.dcm', join(dir, 'ok.dcm'));
    mkdirSync(join(dir, 'sub.dcm'));
    symlinkSync('..', join(dir, 'sub.dcm', 'up'));
    symlinkSync('/', join(dir, 'root'));
    symlinkSync('/etc/hostname', join(dir, 'outside.dcm'));
    const inputs = collectInputs([dir]);
    expect(inputs).toEqual([
      { path: join(dir, 'ok.dcm'), found: true },
      { path: join(dir, 'outside.dcm'), code: 'ATRIUM_ERR_IMPORT_READ', error: `is a symbolic link to ${realpathSync('/etc/hostname')}, outside the folders given: not followed (name it to read it)` },
      { path: join(dir, 'root'), code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a symbolic link to /, outside the folders given: not followed (name it to read it)' },
      { path: join(dir, 'sub.dcm', 'up'), code: 'ATRIUM_ERR_IMPORT_READ', error: `is a symbolic link loop: it leads back to ${dir}, which is being read` },
    ]);
  });

  it('follows links inside the folders given and links named as arguments; a folder or file reached twice is listed once', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'b', 'c'), { recursive: true });
    copyFileSync('samples/mr/MR_small.dcm', join(dir, 'b', 'c', 'mr.dcm'));
    symlinkSync(join(dir, 'b'), join(dir, 'a-link-to-b'));
    symlinkSync(join('c', 'mr.dcm'), join(dir, 'b', 'same.dcm'));
    expect(collectInputs([dir, join(dir, 'b')])).toEqual([{ path: join(dir, 'a-link-to-b', 'c', 'mr.dcm'), found: true }]);
    const other = tempDir();
    copyFileSync('samples/sc/SC_rgb.dcm', join(other, 'sc.dcm'));
    symlinkSync(other, join(dir, 'other'));
    expect(collectInputs([join(dir, 'other')])).toEqual([{ path: join(dir, 'other', 'sc.dcm'), found: true }]);
    // `other` is named too: the link to it is followed where it is met, and the folder not walked again
    expect(collectInputs([dir, other])).toEqual([{ path: join(dir, 'a-link-to-b', 'c', 'mr.dcm'), found: true }, { path: join(dir, 'other', 'sc.dcm'), found: true }]);
  });

  it('reports a FIFO or a device named as an input (never opened)', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo.dcm')]);
    expect(collectInputs([join(dir, 'fifo.dcm'), '/dev/zero'])).toEqual([
      { path: join(dir, 'fifo.dcm'), code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a FIFO (named pipe), not a file' },
      { path: '/dev/zero', code: 'ATRIUM_ERR_IMPORT_READ', error: 'is a device, not a file' },
    ]);
  });
});
