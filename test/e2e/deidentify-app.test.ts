/**
 * `atrium run deidentify --study <uid>` end to end: a small study (the DICOMDIR sample's CT study
 * of Doe^Peter: a 2-image scout series and a 5-image series, plus two crafted instances: a CT
 * whose Referenced Image / Source Image Sequences point at a scout image, and a Secondary Capture
 * without Burned In Annotation NO, which must be refused) is imported into a temp store and
 * de-identified by the deidentify plugin in a worker thread. Checked through the store's index:
 * a new study with new UIDs, one new UID per original UID everywhere (references intact), no
 * residual identity, the refused instance reported with its reason, the originals byte-identical.
 * Workers run from the compiled host and plugin (`npx tsc -b` first).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SopClass, Tag } from '@atrium/sdk';
import type { DataElement } from '../../host/src/io/data-element.js';
import { DataSet } from '../../host/src/io/data-set.js';
import { stringElement } from '../../host/src/io/element-factory.js';
import { parseDicom, type DicomFile } from '../../host/src/io/parse-part10.js';
import { buildFileMeta, writePart10 } from '../../host/src/io/write-part10.js';
import { openWorkstation, type Workstation } from '../../host/src/store/open-workstation.js';
import { identifyingValues, indexOfBytes, residualHits, retainedValueBytes } from '../../host/src/deid/test-support/residual-identity.js';
import { readSample } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { atrium } from './cli-helpers.js';

const STUDY = '1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1';
const CT_FILES = ['CT2N/6293', 'CT2N/6924', 'CT5N/2062', 'CT5N/2392', 'CT5N/2693', 'CT5N/3023', 'CT5N/3353'].map((f) => `dicomdir/98892001/${f}`);
const CRAFTED_CT = '2.25.1111111111111111111111111111111';
const CRAFTED_SC = '2.25.2222222222222222222222222222222';
const SECRET = 'e2e-deidentify-secret';

function withChanges(file: DicomFile, changes: Map<number, DataElement | undefined>): Uint8Array {
  const dataset = file.dataset.with(changes);
  return writePart10({ ...file, dataset, meta: buildFileMeta(dataset, file.transferSyntax.uid) });
}

function sequence(tag: number, items: DataElement[][], encoding: DataSet['encoding']): DataElement {
  return { tag, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: items.map((elements) => ({ undefinedLength: false, dataset: new DataSet(elements, encoding) })) };
}

/**
 * A copy of one CT image in a new series, referencing the scout image 6924 from Referenced Image
 * Sequence and Source Image Sequence (X/Z/U* in Table E.1-1: Type 3 in the CT Image IOD, so
 * removed) and from Referenced Instance Sequence (not in the table: kept, its UIDs replaced).
 */
function craftedCt(scoutSop: string): Uint8Array {
  const ct = parseDicom(readSample(CT_FILES[3]!));
  const ref = (): DataElement[] => [stringElement(Tag.ReferencedSOPClassUID, 'UI', SopClass.CTImageStorage), stringElement(Tag.ReferencedSOPInstanceUID, 'UI', scoutSop)];
  return withChanges(ct, new Map([
    [Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', `${CRAFTED_CT}.1`)],
    [Tag.SeriesInstanceUID, stringElement(Tag.SeriesInstanceUID, 'UI', CRAFTED_CT)],
    [Tag.SeriesNumber, stringElement(Tag.SeriesNumber, 'IS', '9')],
    [Tag.ReferencedImageSequence, sequence(Tag.ReferencedImageSequence, [ref()], ct.dataset.encoding)],
    [Tag.SourceImageSequence, sequence(Tag.SourceImageSequence, [ref()], ct.dataset.encoding)],
    [Tag.ReferencedInstanceSequence, sequence(Tag.ReferencedInstanceSequence, [ref()], ct.dataset.encoding)],
  ]));
}

/** A Secondary Capture of the same patient and study, Burned In Annotation absent: the engine refuses it. */
function craftedSc(): Uint8Array {
  const sc = parseDicom(readSample('sc/SC_rgb.dcm'));
  return withChanges(sc, new Map([
    [Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', `${CRAFTED_SC}.1`)],
    [Tag.SeriesInstanceUID, stringElement(Tag.SeriesInstanceUID, 'UI', CRAFTED_SC)],
    [Tag.StudyInstanceUID, stringElement(Tag.StudyInstanceUID, 'UI', STUDY)],
    [Tag.PatientName, stringElement(Tag.PatientName, 'PN', 'Doe^Peter')],
    [Tag.PatientID, stringElement(Tag.PatientID, 'LO', '98890234')],
    [Tag.BurnedInAnnotation, undefined],
  ]));
}

/** Every UI value at any depth, by path (`(0008,1140)[0]/(0008,1155)`). */
function uidsByPath(ds: DataSet, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of ds.elements) {
    const path = `${prefix}(${(e.tag >>> 16).toString(16).padStart(4, '0')},${(e.tag & 0xffff).toString(16).padStart(4, '0')})`;
    if (e.items) e.items.forEach((item, i) => uidsByPath(item.dataset, `${path}[${i}]/`).forEach((v, k) => out.set(k, v)));
    else if (e.vr === 'UI') out.set(path, ds.string(e.tag) ?? '');
  }
  return out;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('atrium run deidentify --study', () => {
  let store = '';
  let inputs = '';
  let ws: Workstation | undefined;
  const originalHashes = new Map<string, string>();
  let run: { code: number; out: string; err: string } = { code: -1, out: '', err: '' };
  let result: { written: { output: string; status: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }[]; warnings: string[]; studyInstanceUID: string; summary: string; data: { series: { seriesInstanceUID: string; data: { refused: { sopInstanceUID: string; code: string; reason: string }[]; written: number } }[] } };

  beforeAll(async () => {
    store = makeTempDir('atrium-deid-store-');
    inputs = makeTempDir('atrium-deid-inputs-');
    const scout = parseDicom(readSample(CT_FILES[1]!)).dataset.string(Tag.SOPInstanceUID)!;
    CT_FILES.forEach((f, i) => writeFileSync(join(inputs, `ct${i}.dcm`), readSample(f)));
    writeFileSync(join(inputs, 'crafted-ct.dcm'), craftedCt(scout));
    writeFileSync(join(inputs, 'crafted-sc.dcm'), craftedSc());
    const imported = await atrium('--store', store, 'import', inputs);
    expect(imported.code, imported.err).toBe(0);
    ws = openWorkstation(store);
    for (const i of ws.index.getInstances({ StudyInstanceUID: STUDY })) originalHashes.set(i.file.path, sha256(readFileSync(ws.files.absolute(i.file.path))));
    expect(originalHashes.size).toBe(9);
    run = await atrium('--store', store, '--json', 'run', 'deidentify', '--study', STUDY, '--param', `secret=${SECRET}`, '--param', 'PatientName=ANON^E2E', '--param', 'PatientID=ANON-E2E');
    result = JSON.parse(run.out || '{}');
  }, 60_000);
  afterAll(() => {
    ws?.close();
    removeTempDir(store);
    removeTempDir(inputs);
  });

  it('runs on every series of the study and writes 8 objects into one new study', () => {
    expect(run.code, run.err + run.out).toBe(0);
    expect(result.studyInstanceUID).toBe(STUDY);
    expect(result.written).toHaveLength(8);
    const studies = new Set(result.written.map((w) => w.studyInstanceUID));
    expect(studies.size).toBe(1);
    const [newStudy] = studies;
    expect(newStudy).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(result.written.every((w) => w.output === 'deidentified' && w.status === 'stored')).toBe(true);
    const stored = ws!.index.getInstances({ StudyInstanceUID: newStudy! });
    expect(stored).toHaveLength(8);
    expect(new Set(stored.map((i) => i.series.SeriesInstanceUID)).size).toBe(3);
    expect(stored.every((i) => i.patient.PatientID === 'ANON-E2E' && i.patient.PatientName === 'ANON^E2E')).toBe(true);
  });

  it('reports the Secondary Capture as refused, with the reason, and writes nothing for it', () => {
    const refused = result.data.series.flatMap((s) => s.data.refused);
    expect(refused).toEqual([{ sopInstanceUID: `${CRAFTED_SC}.1`, code: 'ATRIUM_ERR_DEID_BURNED_IN', reason: expect.stringContaining('Secondary Capture') }]);
    expect(result.warnings.filter((w) => w.startsWith('refused '))).toEqual([expect.stringContaining(`refused ${CRAFTED_SC}.1: `)]);
    expect(result.summary).toContain('refused 1: ATRIUM_ERR_DEID_BURNED_IN');
  });

  it('replaces every UID by one new UID, the same everywhere: references and Frame of Reference stay consistent', () => {
    const newStudy = result.written[0]!.studyInstanceUID;
    const originals = new Map(ws!.index.getInstances({ StudyInstanceUID: STUDY }).map((i) => [i.instance.SOPInstanceUID, parseDicom(readFileSync(ws!.files.absolute(i.file.path))).dataset]));
    const outputs = ws!.index.getInstances({ StudyInstanceUID: newStudy }).map((i) => parseDicom(readFileSync(ws!.files.absolute(i.file.path))).dataset);
    // pair each output with its original by (Series Number, Instance Number), kept by the profile
    const key = (ds: DataSet): string => `${ds.string(Tag.SeriesNumber)}/${ds.string(Tag.InstanceNumber)}`;
    const byKey = new Map([...originals.values()].map((ds) => [key(ds), ds]));
    const mapping = new Map<string, string>();
    for (const out of outputs) {
      const original = byKey.get(key(out));
      expect(original, key(out)).toBeDefined();
      const before = uidsByPath(original!);
      for (const [path, uid] of uidsByPath(out)) {
        const was = before.get(path);
        if (was === undefined || was === '' || was.startsWith('1.2.840.10008.')) continue; // well-known UIDs (SOP Class) are kept
        expect(uid, path).not.toBe(was);
        expect(mapping.get(was) ?? uid, `${was} at ${path}`).toBe(uid);
        mapping.set(was, uid);
      }
      expect(out.string(Tag.PatientIdentityRemoved)).toBe('YES');
    }
    expect(new Set(mapping.values()).size).toBe(mapping.size); // injective
    const ct = outputs.find((ds) => ds.string(Tag.SeriesNumber) === '9')!;
    const scoutSop = parseDicom(readSample(CT_FILES[1]!)).dataset.string(Tag.SOPInstanceUID)!;
    const newScout = mapping.get(scoutSop)!;
    expect(outputs.map((ds) => ds.string(Tag.SOPInstanceUID))).toContain(newScout);
    expect(ct.items(Tag.ReferencedInstanceSequence)[0]?.dataset.string(Tag.ReferencedSOPInstanceUID)).toBe(newScout);
    expect(ct.items(Tag.ReferencedInstanceSequence)[0]?.dataset.string(Tag.ReferencedSOPClassUID)).toBe(SopClass.CTImageStorage);
    expect([ct.has(Tag.ReferencedImageSequence), ct.has(Tag.SourceImageSequence)]).toEqual([false, false]); // X for Type 3
    const frames = new Set(outputs.map((ds) => ds.string(Tag.FrameOfReferenceUID)));
    expect(frames.size).toBe(new Set([...originals.values()].filter((ds) => ds.string(Tag.SOPInstanceUID) !== `${CRAFTED_SC}.1`).map((ds) => ds.string(Tag.FrameOfReferenceUID))).size);
  });

  it('leaves no identifying value of the inputs in any output (residual-identity scan)', () => {
    const newStudy = result.written[0]!.studyInstanceUID;
    const originals = ws!.index.getInstances({ StudyInstanceUID: STUDY }).map((i) => parseDicom(readFileSync(ws!.files.absolute(i.file.path))).dataset);
    const values = originals.flatMap((ds) => {
      const kept = retainedValueBytes(ds);
      return identifyingValues(ds).filter((v) => indexOfBytes(kept, v.bytes) < 0);
    });
    expect(values.map((v) => v.text)).toEqual(expect.arrayContaining(['Doe^Peter', '98890234', '20010101', STUDY]));
    const outputs = ws!.index.getInstances({ StudyInstanceUID: newStudy });
    for (const o of outputs) {
      const hits = residualHits(values, readFileSync(ws!.files.absolute(o.file.path))).map((v) => `${v.path} ${v.vr} ${JSON.stringify(v.text)}`);
      expect(hits, o.instance.SOPInstanceUID).toEqual([]);
    }
  });

  it('refuses retainUIDs (copies keeping UIDs never go into the store of the originals): originals intact, nothing stored or quarantined', async () => {
    const studiesBefore = ws!.index.getInstances({}).length;
    const r = await atrium('--store', store, 'run', 'deidentify', '--study', STUDY, '--param', `secret=${SECRET}`, '--param', 'retainUIDs=true');
    expect(r.code).toBe(1);
    expect(r.err).toContain('ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE');
    expect(r.err).toContain(`atrium deid --where StudyInstanceUID=${STUDY} --option retain-uids --out`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(ws!.index.getInstances({})).toHaveLength(studiesBefore);
    for (const i of ws!.index.getInstances({ StudyInstanceUID: STUDY })) {
      expect(sha256(readFileSync(ws!.files.absolute(i.file.path))), i.file.path).toBe(originalHashes.get(i.file.path));
      expect(i.file.receivedFrom).not.toMatch(/^app:/);
    }
    expect(ws!.index.listQuarantine()).toEqual([]);
  });

  it('never modifies the originals: the stored files are byte-identical and still indexed', () => {
    const now = ws!.index.getInstances({ StudyInstanceUID: STUDY });
    expect(now).toHaveLength(9);
    for (const i of now) expect(sha256(readFileSync(ws!.files.absolute(i.file.path))), i.file.path).toBe(originalHashes.get(i.file.path));
  });

  it('re-runs idempotently (same key: same UIDs, objects replaced) and refuses a run without a secret', async () => {
    const again = await atrium('--store', store, '--json', 'run', 'deidentify', '--study', STUDY, '--param', `secret=${SECRET}`, '--param', 'PatientName=ANON^E2E', '--param', 'PatientID=ANON-E2E');
    expect(again.code, again.err).toBe(0);
    const r = JSON.parse(again.out) as typeof result;
    expect(r.written.map((w) => w.sopInstanceUID).sort()).toEqual(result.written.map((w) => w.sopInstanceUID).sort());
    expect(r.written.every((w) => w.status === 'replaced')).toBe(true);
    const missing = await atrium('--store', store, 'run', 'deidentify', '--study', STUDY);
    expect(missing.code).toBe(2); // a parameter the app needs: a usage problem, even when the app finds it
    expect(missing.err).toContain('ATRIUM_ERR_PARAM_MISSING');
  });

  it('takes its key from a key file (created when absent), which never lands in the job table', async () => {
    const keyFile = join(inputs, 'deid.key');
    const first = await atrium('--store', store, '--json', 'run', 'deidentify', '--study', STUDY, '--param', `keyFile=${keyFile}`);
    expect(first.code, first.err).toBe(0);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const second = await atrium('--store', store, '--json', 'run', 'deidentify', '--study', STUDY, '--param', `keyFile=${keyFile}`);
    const uids = (out: string): string[] => (JSON.parse(out) as typeof result).written.map((w) => w.sopInstanceUID).sort();
    expect(uids(second.out)).toEqual(uids(first.out)); // same key file, same UIDs
    expect(uids(first.out)).not.toEqual(result.written.map((w) => w.sopInstanceUID).sort()); // another key than SECRET
    const jobs = await atrium('--store', store, '--json', 'jobs', '--limit', '100');
    expect(jobs.out).toContain('deid.key');
    expect(jobs.out).not.toContain(key);
  });
});
