/**
 * The store's refusals from the attacker's side: the reproducers of known defects
 * (test/fixtures/repro, see its README) must end in a refusal with the bytes in
 * quarantine, or in a store of the bytes exactly as received — never in a stored file
 * overwritten by a malformed instance.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { sampleRecord } from '../db/sample-record.js';
import { parseDicom } from '../io/parse-part10.js';
import { openWorkstation, type Workstation } from './open-workstation.js';
import { reconcileStore } from './reconcile-store.js';

const REPRO = 'test/fixtures/repro';
const repro = (name: string): Uint8Array => new Uint8Array(readFileSync(join(REPRO, name)));
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const dirs: string[] = [];
function open(options: Parameters<typeof openWorkstation>[1] = {}): Workstation {
  const dir = makeTempDir('atrium-instance-store-');
  dirs.push(dir);
  return openWorkstation(dir, options);
}
afterEach(() => dirs.splice(0).forEach(removeTempDir));

/** Every file under files/ with its sha256. */
const storedFiles = (ws: Workstation): Record<string, string> => Object.fromEntries(ws.files.listInstanceFiles().map((p) => [p, sha(ws.files.read(p))]));

describe('InstanceStore: no overwrite by a malformed instance', () => {
  it('D4b then D4: SOP Instance UID 1.2.3\\1.2.4 is refused before a byte is written; 1.2.3.dcm keeps its bytes and the index agrees', () => {
    const ws = open();
    const plain = repro('D4b_plain-UID-1.2.3_same-series_collides.dcm');
    const first = ws.store.receive(plain, 'test:D4b');
    expect(first).toMatchObject({ status: 'stored', SOPInstanceUID: '1.2.3' });
    const before = storedFiles(ws);
    const multi = repro('D4_SOPInstanceUID-multivalued_unaddressable.dcm');
    const second = ws.store.receive(multi, 'test:D4');
    expect(second).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_VALIDATE_MULTI_VALUED' });
    expect('reason' in second && second.reason).toBe('SOPInstanceUID (0008,0018) has 2 values ("1.2.3\\1.2.4"); an identity UID has exactly one');
    expect(storedFiles(ws)).toEqual(before);
    expect(Object.values(before)).toEqual([sha(plain)]);
    expect(readdirSync(ws.files.tmpDir)).toEqual([]);
    const quarantined = 'quarantinePath' in second && second.quarantinePath ? ws.files.read(second.quarantinePath) : undefined;
    expect(quarantined && sha(quarantined)).toBe(sha(multi));
    expect(ws.index.getInstances({ SOPInstanceUID: '1.2.3' }).map((r) => r.file.sha256)).toEqual([sha(plain)]);
    const full = reconcileStore(ws.files, ws.index, ws.intents, true);
    expect(full.damaged).toEqual([]);
    ws.close();
  });

  it('D5 then D5b: SOP Instance UIDs of backslashes are refused; no undefined.dcm', () => {
    const ws = open();
    for (const name of ['D5_SOPInstanceUID-only-backslashes_stored-as-undefined.dcm', 'D5b_second-backslash-UID_same-series_PATH_IN_USE-abort.dcm']) {
      expect(ws.store.receive(repro(name), `test:${name}`)).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_VALIDATE_MULTI_VALUED' });
    }
    expect(ws.files.listInstanceFiles()).toEqual([]);
    expect(ws.index.listQuarantine()).toHaveLength(2);
    ws.close();
  });

  it('a file path the index holds for another instance is never written (an index from before identity validation)', () => {
    const ws = open();
    const plain = repro('D4b_plain-UID-1.2.3_same-series_collides.dcm');
    const ds = parseDicom(plain).dataset;
    const study = ds.string(Tag.StudyInstanceUID)!;
    const series = ds.string(Tag.SeriesInstanceUID)!;
    const path = ws.files.instancePath(study, series, '1.2.3');
    const legacy = new TextEncoder().encode('the bytes of another instance');
    ws.files.writeAtomic(path, legacy);
    ws.index.upsertInstance(sampleRecord({ study: { StudyInstanceUID: study }, series: { SeriesInstanceUID: series }, instance: { SOPInstanceUID: 'undefined' }, file: { path, sha256: sha(legacy), size: legacy.length } }));
    const outcome = ws.store.receive(plain, 'test:D4b');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_INDEX_PATH_IN_USE' });
    expect(sha(ws.files.read(path))).toBe(sha(legacy));
    expect(readdirSync(ws.files.tmpDir)).toEqual([]);
    ws.close();
  });
});

describe('InstanceStore: every failure with one object is that object\'s refusal', () => {
  it.each([
    ['D1_invalid-VR-on-StudyUID_aborts-import.dcm', 'ATRIUM_ERR_VALIDATE_BAD_VR', 'StudyInstanceUID (0020,000D) has invalid VR bytes (57 49) instead of UI'],
    ['D1b_SOPClassUID-only-NULs_aborts-import.dcm', 'ATRIUM_ERR_VALIDATE_EMPTY', 'Type 1 attribute SOPClassUID (0008,0016) is empty (nothing but padding)'],
    ['D1c_StudyUID-only-spaces_implicit-bare_aborts-import.dcm', 'ATRIUM_ERR_VALIDATE_EMPTY', 'Type 1 attribute StudyInstanceUID (0020,000D) is empty (nothing but padding)'],
    ['D1d_SeriesUID-VR-bytes-0000_aborts-import.dcm', 'ATRIUM_ERR_VALIDATE_BAD_VR', 'SeriesInstanceUID (0020,000E) has invalid VR bytes (00 00) instead of UI'],
    ['D1e_SOPInstanceUID-VR-ob_aborts-import.dcm', 'ATRIUM_ERR_VALIDATE_BAD_VR', 'SOPInstanceUID (0008,0018) has invalid VR bytes (6f 62) instead of UI'],
    ['D8_TransferSyntaxUID-garbage_accepted.dcm', 'ATRIUM_ERR_PARSE_TRANSFER_SYNTAX', 'Transfer Syntax UID is not a valid UID ("garbage\xff"): only digits and dots are allowed in (0002,0010) at byte offset 338'],
  ])('%s is refused with its reason, its bytes in quarantine', (name, code, reason) => {
    const ws = open();
    const bytes = repro(name);
    const outcome = ws.store.receive(bytes, `test:${name}`);
    expect(outcome).toMatchObject({ status: 'rejected', code, reason });
    const [entry] = ws.index.listQuarantine();
    expect(entry).toMatchObject({ reasonCode: code, reason, sha256: sha(bytes) });
    expect(sha(ws.files.read(entry!.path!))).toBe(sha(bytes));
    expect(ws.files.listInstanceFiles()).toEqual([]);
    ws.close();
  });

  it('an index that throws for one object refuses that object (bytes in quarantine, nothing in files/) and stores the next', () => {
    const ws = open();
    const classify = ws.index.classify.bind(ws.index);
    let calls = 0;
    ws.index.classify = (record) => {
      if (calls++ === 0) throw new Error('disk I/O error');
      return classify(record);
    };
    const mr = new Uint8Array(readFileSync('samples/mr/MR_small.dcm'));
    expect(ws.store.receive(mr, 'test:first')).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_FAILED', reason: 'storing failed: disk I/O error' });
    expect(ws.files.listInstanceFiles()).toEqual([]);
    expect(readdirSync(ws.files.tmpDir)).toEqual([]);
    expect(ws.store.receive(mr, 'test:second')).toMatchObject({ status: 'stored' });
    ws.close();
  });
});

describe('InstanceStore: bytes as received, always', () => {
  it('D3b (no File Meta, an Item Delimitation Item with a non-zero length): the data set bytes are stored exactly, after a generated File Meta', () => {
    const ws = open();
    const name = 'D3b_nometa-ItemDelim-nonzero-length_rewritten.dcm';
    const bytes = repro(name);
    const outcome = ws.store.receive(bytes, `test:${name}`);
    expect(outcome.status).toBe('stored');
    const stored = ws.files.read('path' in outcome ? outcome.path : '');
    const file = parseDicom(stored);
    expect(Buffer.from(file.datasetBytes).equals(Buffer.from(bytes))).toBe(true);
    expect(file.meta?.string(Tag.TransferSyntaxUID)).toBe(parseDicom(bytes).transferSyntax.uid);
    expect(file.dataset.size).toBe(parseDicom(bytes).dataset.size);
    ws.close();
  });

  it('D3 (no File Meta, a stray Sequence Delimitation Item at the top level, which DCMTK and pydicom cannot read) is refused and kept in quarantine', () => {
    const ws = open();
    const bytes = repro('D3_nometa-stray-SeqDelim_stored-but-unreadable.dcm');
    const outcome = ws.store.receive(bytes, 'test:D3');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_MALFORMED', reason: expect.stringContaining('found a Sequence Delimitation Item (FFFE,E0DD), which ends no sequence here') });
    expect(ws.files.listInstanceFiles()).toEqual([]);
    expect(sha(ws.files.read('quarantinePath' in outcome ? outcome.quarantinePath! : ''))).toBe(sha(bytes));
    ws.close();
  });

  it('a Part 10 file is stored byte for byte, preamble and File Meta included', () => {
    const ws = open();
    const bytes = new Uint8Array(readFileSync('samples/us/US1_UNCR.dcm'));
    const outcome = ws.store.receive(bytes, 'test:us');
    expect(sha(ws.files.read('path' in outcome ? outcome.path : ''))).toBe(sha(bytes));
    ws.close();
  });
});
