/**
 * `atrium deid` from the attacker's side: an output folder that is the input, two inputs with one
 * identity, damaged files, key files and folders that are not what they seem. Originals are never
 * touched, nothing is overwritten, every input is accounted for, and every error is coded.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { samplePath } from '../support/samples.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const STACK = /\n\s+at /;

/** A store holding MR_small and its export (`<exp>/<study>/<series>/<sop>.dcm`). */
async function exportedStudy(): Promise<{ store: string; exp: string; exported: string; bytes: Buffer }> {
  const root = tempDir('atrium-deid-safety-');
  const store = join(root, 'store');
  const exp = join(root, 'exp');
  expect((await atrium('--store', store, 'import', samplePath('mr/MR_small.dcm'))).code).toBe(0);
  expect((await atrium('--store', store, 'export', MR_STUDY, '--out', exp)).code).toBe(0);
  const [exported] = filesUnder(exp);
  return { store, exp, exported: exported!, bytes: readFileSync(exported!) };
}

const bad = async (...args: string[]): Promise<string> => {
  const r = await atrium('deid', ...args);
  expect(r.code, args.join(' ')).toBe(2);
  expect(r.err).not.toMatch(STACK);
  return r.err;
};

describe('atrium deid never touches an original', () => {
  it('refuses --out equal to an input, inside one, linked into one, or inside the store; the export stays byte-identical', async () => {
    const { store, exp, exported, bytes } = await exportedStudy();
    expect(await bad(exp, '--out', exp, '--option', 'retain-uids')).toMatch(/output folder .* is an input .*\[ATRIUM_ERR_DEID_OUT\]/);
    expect(await bad(exp, '--out', join(exp, 'deid'))).toContain('is inside an input');
    const link = join(tempDir(), 'link');
    symlinkSync(exp, link);
    expect(await bad(exp, '--out', join(link, 'deid'))).toContain('is inside an input');
    expect(await bad(join(exp, MR_STUDY), '--out', join(exp, MR_STUDY, 'x'))).toContain('is inside an input');
    const where = await atrium('--store', store, 'deid', '--where', `StudyInstanceUID=${MR_STUDY}`, '--out', join(store, 'files', 'copy'), '--option', 'retain-uids');
    expect(where.code).toBe(2);
    expect(where.err).toContain('is inside the store that holds the inputs');
    expect(filesUnder(exp)).toEqual([exported]);
    expect(readFileSync(exported).equals(bytes)).toBe(true);
    expect(existsSync(join(exp, 'deid'))).toBe(false);
  });

  it('refuses --out the folder an input file is in (a copy beside its original), naming both; a new folder inside it is taken', async () => {
    const dir = tempDir('atrium-deid-beside-');
    const file = join(dir, 'MR_small.dcm');
    copyFileSync(samplePath('mr/MR_small.dcm'), file);
    const bytes = readFileSync(file);
    const r = await atrium('--json', 'deid', file, '--out', dir);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(JSON.parse(r.err).error).toEqual({
      code: 'ATRIUM_ERR_DEID_OUT',
      message: `output folder ${dir} is the folder of the input file ${file} (${dir}): a de-identified copy beside its identified original invites mix-ups; choose another folder (a new one inside it will do)`,
      details: { out: dir },
    });
    expect(filesUnder(dir)).toEqual([file]);
    const inside = await atrium('deid', file, '--out', join(dir, 'anon'));
    expect(inside.code, inside.err).toBe(0);
    expect(filesUnder(join(dir, 'anon'))).toHaveLength(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('never replaces an existing file: an input inside --out whose copy keeps its name is a duplicate', async () => {
    const { exp, exported, bytes } = await exportedStudy();
    const r = await atrium('--json', 'deid', join(exp, MR_STUDY), '--out', exp, '--option', 'retain-uids');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ written: 0, duplicate: 1 });
    expect(report.files[0]).toMatchObject({ status: 'duplicate', input: exported, output: exported, reason: expect.stringContaining('already exists in the output folder (not overwritten)') });
    expect(readFileSync(exported).equals(bytes)).toBe(true);
    expect(filesUnder(exp)).toEqual([exported]);
  });
});

describe('atrium deid accounts for every input: the counts equal the files on disk', () => {
  it('two inputs with one SOP Instance UID: written 1, duplicate 1 naming the first; again into the same folder: duplicate 2', async () => {
    const input = tempDir('atrium-deid-dup-');
    copyFileSync(samplePath('mr/MR_small.dcm'), join(input, 'a.dcm'));
    copyFileSync('test/fixtures/deid/MR_small_PN_CompressedSamples.dcm', join(input, 'b.dcm')); // same UIDs, another name
    const out = join(tempDir(), 'out');
    const key = join(tempDir(), 'k.key');
    const first = await atrium('--json', 'deid', input, '--out', out, '--key-file', key);
    expect(first.code).toBe(1);
    const r1 = JSON.parse(first.out);
    expect(r1).toMatchObject({ written: 1, duplicate: 1, refused: 0, unreadable: 0, failed: 0, skipped: 0 });
    const written = r1.files.find((f: { status: string }) => f.status === 'written');
    expect(r1.files.find((f: { status: string }) => f.status === 'duplicate')).toMatchObject({ input: join(input, 'b.dcm'), output: written.output, reason: `same de-identified UIDs as ${join(input, 'a.dcm')}, written first to ${written.output}` });
    expect(filesUnder(out)).toEqual([written.output]);
    const bytes = readFileSync(written.output);
    const again = await atrium('deid', input, '--out', out, '--key-file', key);
    expect(again.out).toContain('written 0, duplicate 2, refused 0, unreadable 0, failed 0, skipped (not DICOM) 0');
    expect(filesUnder(out)).toEqual([written.output]);
    expect(readFileSync(written.output).equals(bytes)).toBe(true);
  });

  it('refuses a file whose value length reads 0x7FFF (its study and series UIDs swallowed); writes nothing for it', async () => {
    const input = tempDir('atrium-deid-damaged-');
    const bytes = Buffer.from(readFileSync(samplePath('nm/UNIFORMIDAD_1.dcm')));
    const at = bytes.indexOf(Buffer.from([0x09, 0x00, 0x11, 0x10, 0x46, 0x44])); // (0009,1011) FD, Explicit VR Little Endian
    expect(at).toBeGreaterThan(132);
    bytes.writeUInt16LE(0x7fff, at + 6);
    writeFileSync(join(input, 'damaged.dcm'), bytes);
    const out = join(tempDir(), 'out');
    const r = await atrium('deid', input, '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toContain('written 0, duplicate 0, refused 1');
    expect(r.out).toContain('StudyInstanceUID (0020,000D) is missing');
    expect(r.out).toContain('[ATRIUM_ERR_DEID_IDENTITY]');
    expect(existsSync(out)).toBe(false);
  });

  it('names a DICOMDIR input; says "no DICOM files found" for an empty folder or one without DICOM', async () => {
    const r = await atrium('deid', samplePath('dicomdir/DICOMDIR'), '--out', join(tempDir(), 'out'));
    expect(r.out).toContain('written 31,');
    expect(r.out).toContain(`DICOMDIR ${samplePath('dicomdir/DICOMDIR')}: 31 referenced file(s)`);
    const walked = await atrium('deid', samplePath('dicomdir'), '--out', join(tempDir(), 'out'));
    expect(walked.out).toContain(`DICOMDIR ${samplePath('dicomdir/DICOMDIR')}: met in a folder, not an instance`);
    const empty = tempDir('atrium-deid-empty-');
    const none = await atrium('deid', empty, '--out', join(tempDir(), 'out'));
    expect(none.code).toBe(1);
    expect(none.out.split('\n')[0]).toBe(`no DICOM files found in ${empty}`);
    writeFileSync(join(empty, 'notes.txt'), 'not DICOM');
    expect((await atrium('deid', empty, '--out', join(tempDir(), 'out'))).out).toContain('no DICOM files found');
  });
});

describe('atrium deid: files that are not what they seem get coded errors, never a stack trace or a hang', () => {
  const dir = tempDir('atrium-deid-odd-');
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'file'), 'x');
  const mr = samplePath('mr/MR_small.dcm');

  it('key file: a folder, a FIFO, a symbolic link loop, in a missing folder', async () => {
    const out = join(tempDir(), 'out');
    expect(await bad(mr, '--out', out, '--key-file', join(dir, 'folder'))).toMatch(/key file .*folder is a folder, not a file \[ATRIUM_ERR_DEID_KEY_FILE\]/);
    expect(await bad(mr, '--out', out, '--key-file', fifo)).toContain('is a FIFO (named pipe), not a file [ATRIUM_ERR_DEID_KEY_FILE]');
    expect(await bad(mr, '--out', out, '--key-file', join(dir, 'loop-a'))).toContain('is a symbolic link loop [ATRIUM_ERR_DEID_KEY_FILE]');
    expect(await bad(mr, '--out', out, '--key-file', join(dir, 'missing', 'k.key'))).toContain(`its folder ${join(dir, 'missing')} does not exist [ATRIUM_ERR_DEID_KEY_FILE]`);
    expect(existsSync(out)).toBe(false);
  });

  it('output: a file, a FIFO, a symbolic link loop, a path through a file; mapping file: a folder, a FIFO, missing', async () => {
    expect(await bad(mr, '--out', join(dir, 'file'))).toContain('is a file, not a folder [ATRIUM_ERR_DEID_OUT]');
    expect(await bad(mr, '--out', fifo)).toContain('is a FIFO (named pipe), not a folder [ATRIUM_ERR_DEID_OUT]');
    expect(await bad(mr, '--out', join(dir, 'loop-a'))).toContain('is a symbolic link loop [ATRIUM_ERR_DEID_OUT]');
    expect(await bad(mr, '--out', join(dir, 'file', 'out'))).toContain('has a file where a folder should be in its path [ATRIUM_ERR_DEID_OUT]');
    // A new folder is made in an existing one (as mkdir would); a mistyped parent chain is never created.
    const missing = join(dir, 'no', 'such');
    expect(await bad(mr, '--out', join(missing, 'out'))).toContain(`output folder ${join(missing, 'out')} is in a missing folder (${missing} does not exist): create that first`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
    const created = await atrium('deid', mr, '--out', join(dir, 'new-out'));
    expect(created.code, created.err).toBe(0);
    expect(filesUnder(join(dir, 'new-out'))).toHaveLength(1);
    expect(await bad(mr, '--out', join(tempDir(), 'out'), '--map', join(dir, 'folder'))).toContain('is a folder, not a file [ATRIUM_ERR_DEID_MAP]');
    expect(await bad(mr, '--out', join(tempDir(), 'out'), '--map', fifo)).toContain('is a FIFO (named pipe), not a file [ATRIUM_ERR_DEID_MAP]');
    expect(await bad(mr, '--out', join(tempDir(), 'out'), '--map', join(dir, 'no.csv'))).toContain('does not exist [ATRIUM_ERR_DEID_MAP]');
  });

  it('inputs: a FIFO and a link loop, named or met in a folder, are unreadable with the reason; the other files are written', async () => {
    const input = tempDir('atrium-deid-in-');
    copyFileSync(mr, join(input, 'mr.dcm'));
    execFileSync('mkfifo', [join(input, 'pipe')]);
    symlinkSync(join(input, 'self'), join(input, 'self'));
    const r = await atrium('--json', 'deid', input, fifo, '--out', join(tempDir(), 'out'));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ written: 1, unreadable: 3 });
    const reasons = Object.fromEntries(report.files.filter((f: { status: string }) => f.status === 'unreadable').map((f: { input: string; reason: string; code: string }) => [f.input, `${f.reason} [${f.code}]`]));
    expect(reasons).toEqual({
      [join(input, 'pipe')]: 'is a FIFO (named pipe), not a file [ATRIUM_ERR_DEID_READ]',
      [join(input, 'self')]: 'is a symbolic link loop [ATRIUM_ERR_DEID_READ]',
      [fifo]: 'is a FIFO (named pipe), not a file [ATRIUM_ERR_DEID_READ]',
    });
  });
});

describe('atrium deid --preset gca-9300r: the Canon GCA-9300R Table 7-1, user values for every "N, U" row', () => {
  it('takes --set for each "N, U" row, adds nothing else and says it is not the Basic Profile', async () => {
    const out = join(tempDir(), 'out');
    const values = { PatientName: 'SUBJECT^SEVEN', PatientID: 'S7', PatientBirthDate: '19700101', AccessionNumber: 'ACC7', SeriesDescription: 'SERIES SEVEN', InstitutionalDepartmentName: 'DEPT SEVEN' };
    const r = await atrium('deid', samplePath('mr/MR_small.dcm'), '--out', out, '--preset', 'gca-9300r', ...Object.entries(values).flatMap(([k, v]) => ['--set', `${k}=${v}`]));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('not the PS3.15 Basic Profile');
    const [file] = filesUnder(out);
    const ds = parseDicom(readFileSync(file!)).dataset;
    expect(Object.fromEntries(Object.keys(values).map((k) => [k, ds.string(Tag[k as keyof typeof values])]))).toEqual(values);
    expect([ds.has(Tag.PatientIdentityRemoved), ds.has(Tag.DeidentificationMethodCodeSequence), ds.has(Tag.LongitudinalTemporalInformationModified)]).toEqual([false, false, false]);
    const input = parseDicom(readFileSync(samplePath('mr/MR_small.dcm'))).dataset;
    expect(ds.string(Tag.StudyTime)).toBe(input.string(Tag.StudyTime)); // not in Table 7-1: unchanged
  });

  it('refuses a keyword that takes no user value, a value invalid for its VR, a keyword given twice, and options with the preset', async () => {
    const args = [samplePath('mr/MR_small.dcm'), '--out', join(tempDir(), 'out')];
    expect(await bad(...args, '--set', 'StudyDescription=x')).toContain('with Keyword one of PatientName, PatientID, PatientBirthDate, AccessionNumber, SeriesDescription, InstitutionalDepartmentName [ATRIUM_ERR_DEID_USER_VALUE]');
    expect(await bad(...args, '--set', 'PatientBirthDate=1970-01-01')).toContain('must be a date YYYYMMDD');
    expect(await bad(...args, '--set', 'AccessionNumber=12345678901234567')).toContain('VR SH allows 16');
    expect(await bad(...args, '--set', 'PatientID=A\\B')).toContain('must be one value');
    expect(await bad(...args, '--set', 'PatientName=A', '--patient-name', 'B')).toContain('PatientName is given twice');
    expect(await bad(...args, '--preset', 'gca-9300r', '--option', 'retain-uids')).toContain('--option does not apply to it');
    expect(await bad(...args, '--set')).toContain('--set needs a value [ATRIUM_ERR_CLI_BAD_OPTION]');
  });
});

describe('atrium conformance --app deidentify describes what the engine keeps', () => {
  it('lists the safe private attributes kept under Retain Safe Private, and the preset with the document\'s actions', async () => {
    const safe = JSON.parse((await atrium('--json', 'conformance', '--app', 'deidentify', '--option', 'retain-safe-private')).out);
    expect(safe.safePrivate).toHaveLength(130);
    expect(safe.safePrivate).toContainEqual({ tag: '(0043,xx27)', creator: 'GEMS_PARM_01', vr: 'SH', meaning: 'Scan Pitch Ratio in the form "n.nnn:1"' });
    expect(safe.rules.find((r: { tag: string }) => r.tag === '(gggg,eeee) odd group')).toMatchObject({ effective: 'C', source: 'retain-safe-private' });
    const preset = JSON.parse((await atrium('--json', 'conformance', '--app', 'deidentify', '--preset', 'gca-9300r')).out);
    expect(preset.rules.find((r: { keyword: string }) => r.keyword === 'ReferencedImageSequence')).toMatchObject({ effective: 'K', source: 'gca-9300r: unchanged' });
    expect(preset.rules.find((r: { keyword: string }) => r.keyword === 'ReferencedSOPInstanceUID')).toMatchObject({ effective: 'U', source: 'gca-9300r: M' });
    const both = await atrium('conformance', '--app', 'deidentify', '--preset', 'gca-9300r', '--option', 'retain-uids');
    expect(both.code).toBe(2);
  });
});
