/**
 * Bad input through the store (`store.receive`, the path of import and C-STORE): what the
 * parser refuses and instances missing Type 1 UIDs are rejected with a code and a reason
 * naming what was wrong; the bytes are kept in quarantine, identical, with a `.json`
 * reason beside them and a row in the index; the store goes on storing good files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { garbageInputs, truncatedDeflatedInputs, truncatedInputs, wrongLengthInputs, type BadInput } from '../../../test/support/bad-inputs.js';
import { encodeDataset, el, FIXTURE_EXPLICIT_LE, item, minimalInstance, part10, sq } from '../../../test/support/dicom-fixture.js';
import { allSampleFiles, readSample, REPO_ROOT } from '../../../test/support/samples.js';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { AtriumError } from '../errors/atrium-error.js';
import { importPaths } from './import-paths.js';
import type { StoreOutcome } from '../store/store-outcome.js';
import { openWorkstation, type Workstation } from '../store/open-workstation.js';
import type { DataElement } from '../io/data-element.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';

let root: string;
let ws: Workstation;

beforeAll(() => {
  root = makeTempDir('atrium-store-bad-');
  ws = openWorkstation(join(root, 'store'));
});
afterAll(() => {
  ws.close();
  removeTempDir(root);
});

/** Good instances to receive between bad ones (the store must keep working). */
const GOOD = allSampleFiles().filter((f) => f.startsWith('dicomdir/9'));
let goodIndex = 0;

function expectStoresGoodFile(): void {
  const rel = GOOD[goodIndex++ % GOOD.length] as string;
  const bytes = readSample(rel);
  const outcome = ws.store.receive(bytes, `test:${rel}`);
  if ('code' in outcome) throw new Error(`good file ${rel} was ${outcome.status}: ${outcome.code} ${outcome.reason}`);
  expect(Buffer.from(ws.files.read(outcome.path)).equals(Buffer.from(bytes))).toBe(true);
}

/** A rejection kept its bytes identical, with the reason beside them and in the index. */
function expectQuarantined(outcome: StoreOutcome, bytes: Uint8Array): asserts outcome is Extract<StoreOutcome, { code: string }> {
  if (outcome.status !== 'rejected') throw new Error(`expected a rejection, got ${outcome.status}`);
  expect(outcome.code).toMatch(/^ATRIUM_ERR_/);
  expect(outcome.reason.length).toBeGreaterThan(10);
  const kept = join(ws.root, ...(outcome.quarantinePath ?? '').split('/'));
  expect(existsSync(kept)).toBe(true);
  expect(Buffer.from(readFileSync(kept)).equals(Buffer.from(bytes))).toBe(true);
  const reason = JSON.parse(readFileSync(kept.replace(/\.dcm$/, '.json'), 'utf8')) as Record<string, unknown>;
  expect(reason.code).toBe(outcome.code);
  expect(reason.reason).toBe(outcome.reason);
  const entry = ws.index.listQuarantine().find((q) => q.path === outcome.quarantinePath);
  expect(entry?.reasonCode).toBe(outcome.code);
  expect(entry?.reason).toBe(outcome.reason);
  expect(entry?.sha256).toBe(reason.sha256);
}

/** Receive a bad input: the outcome is what the parser says about the same bytes. */
function receiveBad(input: BadInput): void {
  let parseError: AtriumError | undefined;
  try {
    parseDicom(input.bytes);
  } catch (e) {
    if (!(e instanceof AtriumError)) throw e;
    parseError = e;
  }
  const outcome = ws.store.receive(input.bytes, `test:${input.name}`);
  if (parseError) {
    expectQuarantined(outcome, input.bytes);
    expect(outcome.code).toBe(parseError.code);
    expect(outcome.reason).toBe(parseError.message);
  } else if (outcome.status === 'rejected') {
    // A cut between elements parses; what it lost makes the instance invalid.
    expect(input.expect).toBe('boundary');
    expectQuarantined(outcome, input.bytes);
    expect(outcome.code).toMatch(/^ATRIUM_ERR_VALIDATE_/);
  } else {
    // A cut that lost nothing the store requires (e.g. trailing padding) is an instance.
    expect(input.expect).toBe('boundary');
    expect(['stored', 'replaced']).toContain(outcome.status);
  }
}

describe('store.receive on what the parser refuses', () => {
  it('truncated files (a sample of the cuts): rejected with the parse error, kept in quarantine', () => {
    const inputs = truncatedInputs().filter((_, i) => i % 40 === 0);
    expect(inputs.length).toBeGreaterThan(150);
    const before = ws.index.listQuarantine().length;
    for (const input of inputs) receiveBad(input);
    expect(ws.index.listQuarantine().length - before).toBeGreaterThan(inputs.length * 0.9);
    expectStoresGoodFile();
  });

  it('a truncated deflated file', () => {
    for (const input of truncatedDeflatedInputs()) receiveBad(input);
    expectStoresGoodFile();
  });

  it('garbage: empty, text, PNG, zeros, random bytes', () => {
    for (const input of garbageInputs()) {
      receiveBad(input);
    }
    const empty = ws.store.receive(new Uint8Array(0), 'test:empty');
    expectQuarantined(empty, new Uint8Array(0));
    expect(empty.code).toBe('ATRIUM_ERR_PARSE_NOT_DICOM');
    expectStoresGoodFile();
  });

  it('lengths that lie: the reason names the element and the offset', () => {
    for (const input of wrongLengthInputs()) {
      const outcome = ws.store.receive(input.bytes, `test:${input.name}`);
      expectQuarantined(outcome, input.bytes);
      expect(outcome.code).toMatch(/^ATRIUM_ERR_PARSE_(TRUNCATED|MALFORMED)$/);
      expect(outcome.reason).toContain(input.tag ?? '');
      expect(outcome.reason).toMatch(/at byte offset \d+$/);
      expectStoresGoodFile();
    }
  });
});

describe('store.receive on instances missing Type 1 UIDs', () => {
  const base = parseDicom(readSample('mr/MR_small.dcm'));
  const variant = (changes: ReadonlyMap<number, DataElement | undefined>): Uint8Array => writePart10({ ...base, dataset: base.dataset.with(changes) });
  const empty = (tag: number): DataElement => ({ tag, vr: 'UI', value: new Uint8Array(0), undefinedLength: false });
  const uid65 = `1.2.826.0.1.3680043.10.1078.${'1'.repeat(65 - 28)}`;

  const cases: { name: string; bytes: () => Uint8Array; code: string; names: string[] }[] = [
    { name: 'SOPInstanceUID removed', bytes: () => variant(new Map([[Tag.SOPInstanceUID, undefined]])), code: 'ATRIUM_ERR_VALIDATE_MISSING', names: ['SOPInstanceUID (0008,0018)', 'is missing'] },
    { name: 'SOPInstanceUID empty', bytes: () => variant(new Map([[Tag.SOPInstanceUID, empty(Tag.SOPInstanceUID)]])), code: 'ATRIUM_ERR_VALIDATE_EMPTY', names: ['SOPInstanceUID (0008,0018)', 'is empty'] },
    { name: 'StudyInstanceUID removed', bytes: () => variant(new Map([[Tag.StudyInstanceUID, undefined]])), code: 'ATRIUM_ERR_VALIDATE_MISSING', names: ['StudyInstanceUID (0020,000D)'] },
    { name: 'StudyInstanceUID empty', bytes: () => variant(new Map([[Tag.StudyInstanceUID, empty(Tag.StudyInstanceUID)]])), code: 'ATRIUM_ERR_VALIDATE_EMPTY', names: ['StudyInstanceUID (0020,000D)'] },
    { name: 'SeriesInstanceUID removed', bytes: () => variant(new Map([[Tag.SeriesInstanceUID, undefined]])), code: 'ATRIUM_ERR_VALIDATE_MISSING', names: ['SeriesInstanceUID (0020,000E)'] },
    { name: 'SeriesInstanceUID empty', bytes: () => variant(new Map([[Tag.SeriesInstanceUID, empty(Tag.SeriesInstanceUID)]])), code: 'ATRIUM_ERR_VALIDATE_EMPTY', names: ['SeriesInstanceUID (0020,000E)'] },
    {
      name: 'StudyInstanceUID of 65 characters',
      bytes: () => variant(new Map([[Tag.StudyInstanceUID, stringElement(Tag.StudyInstanceUID, 'UI', uid65)]])),
      code: 'ATRIUM_ERR_VALIDATE_TOO_LONG',
      names: ['StudyInstanceUID (0020,000D)', '65 characters', 'longer than the 64'],
    },
    {
      name: 'SeriesInstanceUID with letters',
      bytes: () => variant(new Map([[Tag.SeriesInstanceUID, stringElement(Tag.SeriesInstanceUID, 'UI', '1.2.840.abc.7')]])),
      code: 'ATRIUM_ERR_VALIDATE_BAD_UID',
      names: ['SeriesInstanceUID (0020,000E)', '"1.2.840.abc.7"'],
    },
    {
      name: 'SOPInstanceUID with letters, in a file built byte by byte',
      bytes: () => {
        const elements = minimalInstance('2.25.1078', new Map([[Tag.SOPInstanceUID, el(Tag.SOPInstanceUID, 'UI', '2.25.x1')]]));
        return part10(encodeDataset(elements, FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.1' });
      },
      code: 'ATRIUM_ERR_VALIDATE_BAD_UID',
      names: ['SOPInstanceUID (0008,0018)', '"2.25.x1"'],
    },
  ];

  it('the unchanged sample and the byte-built minimal instance are accepted (the cases below differ by one attribute)', () => {
    const outcome = ws.store.receive(variant(new Map()), 'test:MR_small as written');
    expect(['stored', 'replaced']).toContain(outcome.status);
    const minimal = part10(encodeDataset(minimalInstance('2.25.1080'), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.1080.3' });
    expect(ws.store.receive(minimal, 'test:minimal').status).toBe('stored');
  });

  for (const c of cases) {
    it(`${c.name}: rejected with ${c.code}, the reason naming the attribute; the store goes on`, () => {
      const bytes = c.bytes();
      expect(parseDicom(bytes).dataset.size).toBeGreaterThan(10);
      const outcome = ws.store.receive(bytes, `test:${c.name}`);
      expectQuarantined(outcome, bytes);
      expect(outcome.code).toBe(c.code);
      for (const n of c.names) expect(outcome.reason).toContain(n);
      expectStoresGoodFile();
    });
  }

  it('a bad UID nested in a sequence item: stored with a warning naming it (safety), refused under strict', () => {
    const refs = sq(Tag.ReferencedImageSequence, [item([el(Tag.ReferencedSOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.7\0'), el(Tag.ReferencedSOPInstanceUID, 'UI', '1.2.3.ABC\0')])]);
    const elements = minimalInstance('2.25.1079', new Map([[Tag.ReferencedImageSequence, refs]]));
    const bytes = part10(encodeDataset(elements, FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.1079.3' });
    const where = 'ReferencedImageSequence (0008,1140) > ReferencedSOPInstanceUID (0008,1155)';
    const strict = openWorkstation(join(root, 'strict-store'), { validation: 'strict' });
    try {
      const refused = strict.store.receive(bytes, 'test:nested bad UID');
      expect(refused.status).toBe('rejected');
      expect('reason' in refused && refused.reason).toContain(`${where} is not a valid UID`);
    } finally {
      strict.close();
    }
    const stored = ws.store.receive(bytes, 'test:nested bad UID');
    expect(stored.status).toBe('stored');
    expect('warnings' in stored && stored.warnings?.map((w) => [w.code, w.message])).toContainEqual(['ATRIUM_ERR_VALIDATE_BAD_UID', `${where} is not a valid UID ("1.2.3.ABC"): only digits and dots are allowed`]);
    expect(ws.index.getInstances({ SOPInstanceUID: '2.25.1079.3' })[0]?.warnings).toEqual(stored.status === 'stored' ? stored.warnings : []);
  });
});

describe('importPaths over good and bad files', () => {
  it('gives each file an outcome; bad ones are quarantined and the good ones stored', async () => {
    const dir = join(root, 'import');
    mkdirSync(dir);
    const mr = readSample('mr/MR_small.dcm');
    const files: [string, Uint8Array | string][] = [
      ['cut.dcm', mr.subarray(0, 5000)],
      ['empty.dcm', new Uint8Array(0)],
      ['good-mr.dcm', mr],
      ['good-sc.dcm', readSample('sc/SC_rgb.dcm')],
      ['notes.txt', 'not DICOM\n'],
    ];
    for (const [name, content] of files) writeFileSync(join(dir, name), content);
    const summary = await importPaths(ws.store, files.map(([name]) => join(dir, name)));
    expect(summary.items.map((i) => [i.file.slice(dir.length + 1), i.status === 'rejected' ? i.code : i.status])).toEqual([
      ['cut.dcm', 'ATRIUM_ERR_PARSE_TRUNCATED'],
      ['empty.dcm', 'ATRIUM_ERR_PARSE_NOT_DICOM'],
      ['good-mr.dcm', 'duplicate'], // stored earlier in this file, with these bytes: nothing written
      ['good-sc.dcm', 'stored'],
      ['notes.txt', 'ATRIUM_ERR_PARSE_NOT_DICOM'],
    ]);
    expect(summary.rejected).toBe(3);
    const cut = summary.items[0];
    expect(cut?.status === 'rejected' && cut.reason).toMatch(/ in \(7FE0,0010\) at byte offset \d+$/);
  });
});

describe('real-world input the store must refuse', () => {
  it('a badly anonymised CT series with empty identity UIDs (test/fixtures/ct-j2k)', () => {
    const dir = join(REPO_ROOT, 'test', 'fixtures', 'ct-j2k');
    const names = readdirSync(dir).filter((n) => n.startsWith('CT.'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const outcome = ws.store.receive(bytes, `test:${name}`);
      expectQuarantined(outcome, bytes);
      expect(outcome.code).toBe('ATRIUM_ERR_VALIDATE_EMPTY');
      for (const keyword of ['SOPClassUID (0008,0016)', 'SOPInstanceUID (0008,0018)', 'StudyInstanceUID (0020,000D)', 'SeriesInstanceUID (0020,000E)']) {
        expect(outcome.reason).toContain(`Type 1 attribute ${keyword} is empty`);
      }
    }
    expectStoresGoodFile();
  });
});
