/**
 * `atrium media`: File-set Creator / Updater / Reader (PS3.10, PS3.11 STD-GEN-CD and the general
 * DVD profiles, PS3.12), refereed by dicom3tools' dciodvfy, DCMTK's dcmdump and pydicom's FileSet;
 * a round trip through an empty store; the ISO image read back by xorriso.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringElement } from '../../host/src/io/element-factory.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { havePeers, runPeer, runPydicom } from '../support/peers.js';
import { samplePath } from '../support/samples.js';
import { dciodvfy } from '../support/dciodvfy.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

/** Clean sources (no dciodvfy Error of their own): Explicit VR LE, JPEG Lossless, RLE, Implicit VR, SR, ISO 2022 Japanese, a CT series. */
const SOURCES = ['mr/MR_small.dcm', 'nm/NM1_JPLL.dcm', 'sc/SC_rgb_rle.dcm', 'rt-seg-sr/test-SR.dcm', 'charsets/chrGerm.dcm', 'charsets/chrH31.dcm', 'rt-seg-sr/rtplan.dcm', 'dicomdir/98892001'];
/** The sources whose study has no Study Date or Study Time (Type 1 in the STUDY record, PS3.3 Table F.5-2): refused as they are. */
const UNDATED = ['rt-seg-sr/test-SR.dcm', 'charsets/chrGerm.dcm', 'charsets/chrH31.dcm'];

/** A source as a study would be that has a date and time: an undated one is given its own (never today's). */
function dated(source: string, folder: string): string {
  if (!UNDATED.includes(source)) return samplePath(source);
  const { meta: _, ...file } = parseDicom(new Uint8Array(readFileSync(samplePath(source))));
  const path = join(folder, source.replace(/\//g, '-'));
  writeFileSync(path, writePart10({ ...file, dataset: file.dataset.with(new Map([[Tag.StudyDate, stringElement(Tag.StudyDate, 'DA', '20010213')], [Tag.StudyTime, stringElement(Tag.StudyTime, 'TM', '184746')]])) }));
  return path;
}

const PYDICOM_FILESET = `
import sys, json
from pydicom import dcmread
from pydicom.fileset import FileSet
fs = FileSet(dcmread(sys.argv[1]))
out = []
for inst in fs:
    ds = inst.load()
    assert ds.SOPInstanceUID == inst.ReferencedSOPInstanceUIDInFile, inst.path
    out.append([ds.SOPInstanceUID, str(ds.file_meta.TransferSyntaxUID), inst.ReferencedFileID if isinstance(inst.ReferencedFileID, str) else '/'.join(inst.ReferencedFileID)])
print(json.dumps(out))
`;

async function run(...argv: string[]): Promise<string> {
  const r = await atrium(...argv);
  expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(0);
  return r.out;
}

/** Study UIDs of a store. */
async function studies(store: string): Promise<string[]> {
  return JSON.parse(await run('--store', store, '--json', 'ls', 'studies')).map((r: { StudyInstanceUID: string }) => r.StudyInstanceUID);
}

/** SOP Instance UID → bytes of every stored instance. */
async function storedBytes(store: string): Promise<Map<string, Buffer>> {
  const rows: { SOPInstanceUID: string }[] = JSON.parse(await run('--store', store, '--json', 'ls', 'instances'));
  const out = new Map<string, Buffer>();
  for (const f of filesUnder(join(store, 'files'))) {
    const sop = parseDicom(new Uint8Array(readFileSync(f)), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!;
    if (rows.some((r) => r.SOPInstanceUID === sop)) out.set(sop, readFileSync(f));
  }
  return out;
}

/** What pydicom's FileSet reads: [SOP Instance UID, transfer syntax, File ID] of every instance. */
const pydicomFileSet = (dicomdir: string): string[][] => JSON.parse(runPydicom(PYDICOM_FILESET, [dicomdir]));

describe.runIf(havePeers('dciodvfy', 'dcmdump', 'pydicom'))('atrium media write (File-set Creator, STD-GEN-CD)', () => {
  const store = tempDir('atrium-media-store-');
  const medium = join(tempDir('atrium-media-'), 'CD');
  let originals: Map<string, Buffer>;
  let written: { sopInstanceUid: string; fileId: string; convertedFrom?: string; transferSyntax: string }[];

  beforeAll(async () => {
    const folder = tempDir('atrium-media-sources-');
    await run('--store', store, 'import', ...SOURCES.map((source) => dated(source, folder)));
    originals = await storedBytes(store);
    const result = JSON.parse(await run('--store', store, '--json', 'media', 'write', ...(await studies(store)), '--out', medium, '--file-set-id', 'ATRIUM_TEST'));
    written = result.written;
  }, 120_000);

  it('writes every stored instance once, under PS3.12 File IDs, in Explicit VR Little Endian (converted where it was not)', () => {
    expect(written.length).toBe(originals.size);
    for (const f of written) {
      const components = f.fileId.split('/');
      expect(components.length).toBeLessThanOrEqual(8);
      for (const c of components) expect(c).toMatch(/^[A-Z0-9_]{1,8}$/);
      expect(f.transferSyntax).toBe(TransferSyntax.ExplicitVRLittleEndian);
      const source = parseDicom(new Uint8Array(originals.get(f.sopInstanceUid)!), { headerOnly: true }).transferSyntax.uid;
      expect(f.convertedFrom).toBe(source === TransferSyntax.ExplicitVRLittleEndian ? undefined : source);
    }
    expect(written.filter((f) => f.convertedFrom).map((f) => f.convertedFrom).sort()).toEqual([TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.JPEGLosslessSV1, TransferSyntax.RLELossless].sort());
  });

  it('writes a DICOMDIR dciodvfy finds no Error in, and files it finds none in either', () => {
    const report = dciodvfy(new Uint8Array(readFileSync(join(medium, 'DICOMDIR'))));
    expect(report.errors, report.output).toEqual([]);
    expect(report.output).toMatch(/BasicDirectory/);
  });

  it('is read by DCMTK dcmdump (every record at the offset the DICOMDIR names) and by pydicom FileSet (every referenced file)', () => {
    const dump = runPeer('dcmdump', ['-q', join(medium, 'DICOMDIR')]);
    const ids = [...dump.matchAll(/refFileID="([^"]+)"/g)].map((m) => m[1]!.replace(/\\/g, '/'));
    expect(ids.sort()).toEqual(written.map((f) => f.fileId).sort());
    for (const f of written) expect(runPeer('dcmdump', ['-q', '+P', 'SOPInstanceUID', join(medium, ...f.fileId.split('/'))])).toContain(f.sopInstanceUid);
    const read = pydicomFileSet(join(medium, 'DICOMDIR'));
    expect(read.map((r) => r[0]).sort()).toEqual([...originals.keys()].sort());
    for (const [, ts] of read) expect(ts).toBe(TransferSyntax.ExplicitVRLittleEndian);
  });

  it('round trip: importing the medium into an empty store gives the same instances, byte-identical where nothing was converted', async () => {
    const again = tempDir('atrium-media-again-');
    await run('--store', again, 'import', join(medium, 'DICOMDIR'));
    const back = await storedBytes(again);
    expect([...back.keys()].sort()).toEqual([...originals.keys()].sort());
    for (const f of written) {
      if (f.convertedFrom) continue;
      expect(back.get(f.sopInstanceUid)!.equals(originals.get(f.sopInstanceUid)!), f.fileId).toBe(true);
    }
  });

  it('lists the medium without importing it (File-set Reader): patient, study, series and instance records', async () => {
    const listed = JSON.parse(await run('--json', 'media', 'ls', medium));
    expect(listed.id).toBe('ATRIUM_TEST');
    const files = listed.entries.filter((e: { file?: string }) => e.file);
    expect(files.map((e: { file: string }) => e.file).sort()).toEqual(written.map((f) => f.fileId).sort());
    expect(listed.entries[0].type).toBe('PATIENT');
    const text = await run('media', 'ls', join(medium, 'DICOMDIR'));
    expect(text).toMatch(/^File-set ATRIUM_TEST 2\.25\.\d+: \d+ file\(s\)/);
    expect(text).toContain('RT PLAN');
    expect(text).toContain('SR DOCUMENT');
    expect(text).toContain('PatientName=Yamada^Tarou=山田^太郎=やまだ^たろう PatientID=H31EXAMPLE');
  });
});

describe.runIf(havePeers('dciodvfy', 'pydicom'))('atrium media add / rm (File-set Updater)', () => {
  it('adds to a medium, keeps what was there byte for byte, then removes a study with its emptied parents and folders', async () => {
    const store = tempDir('atrium-media-store-');
    const medium = join(tempDir('atrium-media-'), 'USB');
    await run('--store', store, 'import', samplePath('mr/MR_small.dcm'), samplePath('nm/NM1_JPLL.dcm'), samplePath('dicomdir/98892001'));
    const [first, ...others] = await studies(store);
    await run('--store', store, 'media', 'write', first!, '--out', medium, '--profile', 'STD-GEN-DVD-JPEG');
    const before = new Map(filesUnder(medium).filter((f) => !f.endsWith('DICOMDIR')).map((f) => [f, readFileSync(f)]));
    const added = JSON.parse(await run('--store', store, '--json', 'media', 'add', medium, ...others, '--profile', 'STD-GEN-DVD-JPEG'));
    expect(added.updated).toBe(true);
    // STD-GEN-DVD-JPEG keeps JPEG Lossless files as they are.
    expect(added.written.every((f: { convertedFrom?: string }) => f.convertedFrom === undefined)).toBe(true);
    for (const [f, bytes] of before) expect(readFileSync(f).equals(bytes)).toBe(true);
    const all = pydicomFileSet(join(medium, 'DICOMDIR'));
    expect(all.length).toBe(before.size + added.written.length);
    expect(dciodvfy(new Uint8Array(readFileSync(join(medium, 'DICOMDIR')))).errors).toEqual([]);
    // Adding again writes nothing: the instances are on the medium.
    const again = JSON.parse(await run('--store', store, '--json', 'media', 'add', medium, ...others, '--profile', 'STD-GEN-DVD-JPEG'));
    expect([again.written.length, again.present.length]).toEqual([0, added.written.length]);

    const removed = JSON.parse(await run('--json', 'media', 'rm', medium, first!));
    expect(removed.files.length).toBe(before.size);
    for (const f of before.keys()) expect(existsSync(f)).toBe(false);
    // The patient of that study had nothing else: its record and its folder went with it.
    expect(existsSync(join(medium, ...removed.files[0].split('/').slice(0, 2)))).toBe(false);
    const left = pydicomFileSet(join(medium, 'DICOMDIR'));
    expect(left.length).toBe(added.written.length);
    const listed = JSON.parse(await run('--json', 'media', 'ls', medium));
    expect(listed.entries.filter((e: { type: string }) => e.type === 'PATIENT').length).toBe(new Set(listed.entries.filter((e: { type: string }) => e.type === 'PATIENT').map((e: { keys: { PatientID: string } }) => e.keys.PatientID)).size);
    expect(listed.entries.some((e: { keys: { StudyInstanceUID?: string } }) => e.keys.StudyInstanceUID === first)).toBe(false);
    expect(dciodvfy(new Uint8Array(readFileSync(join(medium, 'DICOMDIR')))).errors).toEqual([]);
  }, 120_000);
});

describe.runIf(havePeers('dcmmkdir', 'dciodvfy', 'pydicom'))('atrium media add to a DICOMDIR DCMTK made', () => {
  it('follows dcmmkdir’s offsets, keeps its records and File-set identification, and adds its own', async () => {
    const store = tempDir('atrium-media-store-');
    const medium = join(tempDir('atrium-media-'), 'CD');
    await run('--store', store, 'import', samplePath('mr/MR_small.dcm'), samplePath('dicomdir/98892001'));
    const [first, second] = await studies(store);
    await run('--store', store, 'media', 'write', first!, '--out', medium);
    rmSync(join(medium, 'DICOMDIR'));
    const made = spawnSync('dcmmkdir', ['+r', '+id', medium, '--output-file', join(medium, 'DICOMDIR'), '--fileset-id', 'DCMTK_MADE'], { encoding: 'utf8', cwd: medium });
    expect(made.status, made.stderr).toBe(0);
    const fileSetUid = JSON.parse(await run('--json', 'media', 'ls', medium)).uid;
    const before = pydicomFileSet(join(medium, 'DICOMDIR')).length; // the instances of the study written first
    const added = JSON.parse(await run('--store', store, '--json', 'media', 'add', medium, second!));
    const listed = JSON.parse(await run('--json', 'media', 'ls', medium));
    expect([listed.id, listed.uid]).toEqual(['DCMTK_MADE', fileSetUid]);
    expect(pydicomFileSet(join(medium, 'DICOMDIR')).length).toBe(before + added.written.length);
    expect(dciodvfy(new Uint8Array(readFileSync(join(medium, 'DICOMDIR')))).errors).toEqual([]);
  });
});

describe('atrium conformance --media', () => {
  it('lists the profiles with the FSC, FSU and FSR roles, the transfer syntaxes written and the record keys', async () => {
    const text = await run('conformance', '--media');
    for (const role of ['FSC', 'FSU', 'FSR']) expect(text).toMatch(new RegExp(`\\| STD-GEN-CD, STD-GEN-DVD-JPEG[^|]* \\| [^|]+ \\| ${role} \\|`));
    expect(text).toContain('| STD-GEN-CD | Explicit VR Little Endian (1.2.840.10008.1.2.1) |');
    expect(text).toMatch(/\| IMAGE \| InstanceNumber \(1\)/);
  });
});

describe('atrium media refusals', () => {
  it('refuses a folder in the store, a non-empty folder without DICOMDIR, an unknown profile, an ISO inside the medium, a UID not on the medium — changing nothing', async () => {
    const store = tempDir('atrium-media-store-');
    await run('--store', store, 'import', samplePath('mr/MR_small.dcm'));
    const [study] = await studies(store);
    const refused = async (code: string, ...argv: string[]): Promise<void> => {
      const r = await atrium('--store', store, ...argv);
      // A bad output folder or ISO path is a usage problem (2); what cannot be written, a refusal (1).
      expect(r.code, r.out).toBe(code === 'ATRIUM_ERR_MEDIA_OUT' || code === 'ATRIUM_ERR_MEDIA_ISO' ? 2 : 1);
      expect(r.err).toContain(code);
      expect(r.err).not.toMatch(/\n\s+at /);
    };
    await refused('ATRIUM_ERR_MEDIA_OUT', 'media', 'write', study!, '--out', join(store, 'cd'));
    const busy = tempDir('atrium-media-busy-');
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    await refused('ATRIUM_ERR_MEDIA_OUT', 'media', 'write', study!, '--out', busy);
    expect(filesUnder(busy).map((f) => relative(busy, f))).toEqual(['notes.txt']);
    const medium = join(tempDir('atrium-media-'), 'CD');
    const floppy = await atrium('--store', store, 'media', 'write', study!, '--out', medium, '--profile', 'STD-GEN-FLOPPY');
    expect([floppy.code, floppy.err]).toEqual([2, expect.stringContaining('[ATRIUM_ERR_MEDIA_PROFILE]\nusage: atrium media write')]);
    await refused('ATRIUM_ERR_MEDIA_ISO', 'media', 'write', study!, '--out', medium, '--iso', join(medium, 'x.iso'));
    expect(existsSync(medium)).toBe(false);
    const lost = join(tempDir('atrium-media-iso-'), 'no-such-folder', 'cd.iso');
    const iso = await atrium('--store', store, 'media', 'write', study!, '--out', medium, '--iso', lost);
    expect([iso.code, iso.err.split('\n')[0]]).toEqual([2, `atrium media: the folder ${join(lost, '..')} of the ISO image ${lost} does not exist: create it, or choose a path in an existing folder [ATRIUM_ERR_MEDIA_ISO]`]);
    expect(existsSync(medium)).toBe(false);
    await refused('ATRIUM_ERR_MEDIA_OUT', 'media', 'add', medium, study!);
    // An object the profile's syntax cannot hold (a retired JPEG it cannot decode): nothing of the run stays.
    const bytes = readFileSync(samplePath('sc/SC_rgb_jpeg_dcmtk.dcm'));
    const at = bytes.indexOf(TransferSyntax.JPEGBaseline8Bit);
    const retired = join(tempDir('atrium-media-retired-'), 'sc53.dcm');
    writeFileSync(retired, Buffer.concat([bytes.subarray(0, at), Buffer.from(TransferSyntax.JPEGSpectralSelectionNonHierarchical68), bytes.subarray(at + TransferSyntax.JPEGBaseline8Bit.length)]));
    await run('--store', store, 'import', retired);
    const all = await studies(store);
    await refused('ATRIUM_ERR_TRANSCODE_UNSUPPORTED', 'media', 'write', ...all, '--out', medium);
    expect(existsSync(medium) ? filesUnder(medium) : []).toEqual([]);
    await run('--store', store, 'media', 'write', study!, '--out', medium);
    const dicomdir = readFileSync(join(medium, 'DICOMDIR'));
    await refused('ATRIUM_ERR_MEDIA_NOT_ON_MEDIUM', 'media', 'rm', medium, '1.2.3.4');
    expect(readFileSync(join(medium, 'DICOMDIR')).equals(dicomdir)).toBe(true);
    // A study without its own Study Date is refused by name; nothing of the run stays, no date is invented.
    await run('--store', store, 'import', samplePath('rt-seg-sr/test-SR.dcm'));
    const undated = join(tempDir('atrium-media-undated-'), 'CD');
    const sr = await atrium('--store', store, 'media', 'write', study!, '1.2.276.0.7230010.3.1.4.2139363186.7819.982086466.2', '--out', undated);
    expect([sr.code, sr.err]).toEqual([1, expect.stringMatching(/^atrium media: study 1\.2\.276\.0\.7230010\.3\.1\.4\.2139363186\.7819\.982086466\.2: instance \S+ has no StudyDate, a Type 1 key of the STUDY directory record .*\[ATRIUM_ERR_MEDIA_MISSING_KEY\]\n$/)]);
    expect(existsSync(undated) ? filesUnder(undated) : []).toEqual([]);
    expect((await atrium('--store', store, 'media', 'write')).code).toBe(2);
    expect((await atrium('--store', store, 'media', 'write', study!)).code).toBe(2);
  });
});

describe.runIf(havePeers('xorriso'))('atrium media write --iso', () => {
  it('makes an ISO 9660 image whose files are the medium’s, byte for byte', async () => {
    const store = tempDir('atrium-media-store-');
    await run('--store', store, 'import', samplePath('dicomdir/98892001'));
    const medium = join(tempDir('atrium-media-'), 'CD');
    const iso = join(tempDir('atrium-media-iso-'), 'cd.iso');
    await run('--store', store, 'media', 'write', ...(await studies(store)), '--out', medium, '--file-set-id', 'ISO_TEST', '--iso', iso);
    const extracted = tempDir('atrium-media-extract-');
    const r = spawnSync('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', extracted], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const mine = filesUnder(medium).map((f) => relative(medium, f));
    expect(filesUnder(extracted).map((f) => relative(extracted, f))).toEqual(mine);
    for (const f of mine) expect(readFileSync(join(extracted, f)).equals(readFileSync(join(medium, f))), f).toBe(true);
    expect(spawnSync('xorriso', ['-indev', iso, '-pvd_info'], { encoding: 'utf8' }).stdout).toMatch(/Volume Id\s*:\s*ISO_TEST/);
  });
});
