/**
 * Query/Retrieve between Atrium and Orthanc 1.10.1, both directions, on 127.0.0.1:
 * - `atrium find ORTHANC` at study, series and image level with a wildcard name and a date
 *   returns what Orthanc's own `/tools/find` says it holds; `--limit` under the match count
 *   sends C-CANCEL and reports a truncated result; a non-ASCII key (ISO_IR 192 on the wire)
 *   matches Orthanc's Latin-1 name;
 * - `atrium move ORTHANC <study>` (to us) and `atrium get ORTHANC <series>` put Orthanc's
 *   instances in our store with the data set bytes Orthanc sent; a move to a destination
 *   Orthanc does not know fails (Orthanc answers C000, not A801) as a failed job, not retried;
 * - Orthanc's `/modalities/atrium/query` lists our studies (also for a Latin-1 key); its
 *   retrieve of an answer and its `/modalities/atrium/move` make our C-MOVE SCP send the
 *   studies to Orthanc (the JPEG 2000 one as stored); a move to a target we do not know is
 *   answered A801.
 * Every SCU operation above is a job in `atrium jobs`.
 * Needs Orthanc and dcmconv (under CI=true their absence fails) and the CLI built (`npx tsc -b`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { havePeers, runPeer } from '../support/peers.js';
import { readSample } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { datasetOf, startOrthancInterop, type OrthancInterop } from './dimse-orthanc-harness.js';

const ok = havePeers('Orthanc', 'dcmconv');

/** Orthanc's content: Doe^Peter CT (2 series, 7 images, 2001), Doe^Archibald CR (2001) and CT (1995), an MR, a Latin-1 name. */
const ORTHANC_HOLDS = [
  ...['CT5N/2062', 'CT5N/2392', 'CT5N/2693', 'CT5N/3023', 'CT5N/3353', 'CT2N/6293', 'CT2N/6924'].map((f) => `dicomdir/98892001/${f}`),
  ...['CR1/6154', 'CR2/6247', 'CT2/17106', 'CT2/17136', 'CT2/17166', 'CT2/17196'].map((f) => `dicomdir/77654033/${f}`),
  'mr/MR_small.dcm',
  'charsets/chrGerm.dcm', // Äneas^Rüdiger, ISO_IR 100
];
const PETER_STUDY = '1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1';
const ARCHIBALD_CR_STUDY = '1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.1';
const ARCHIBALD_CT_SERIES = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2';
/** Only we hold the MR (JPEG 2000) and the NM (Orthanc retrieves them from us); the German name is on both sides. */
const WE_HOLD = ['mr/MR2_J2KI.dcm', 'nm/UNIFORMIDAD_1.dcm', 'charsets/chrGerm.dcm'];

type Match = Record<string, string>;
interface OrthancResource { ID: string; MainDicomTags: Record<string, string>; PatientMainDicomTags?: Record<string, string>; Instances?: string[] }

/** DCMTK's DIMSE layer (Orthanc's SCU) sends sequences with explicit lengths: `dcmconv +e` gives those bytes. */
function onTheWire(part10: Uint8Array): Uint8Array {
  const dir = makeTempDir('atrium-dcmconv-');
  try {
    writeFileSync(join(dir, 'in.dcm'), part10);
    runPeer('dcmconv', ['+e', join(dir, 'in.dcm'), join(dir, 'out.dcm')]);
    return new Uint8Array(readFileSync(join(dir, 'out.dcm')));
  } finally {
    removeTempDir(dir);
  }
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe.skipIf(!ok)('DIMSE interop with Orthanc: C-FIND, C-MOVE, C-GET', () => {
  let node: OrthancInterop;
  /** Orthanc's resources by the level of `/tools/find`, with the query it is given. */
  let orthancFind: (level: 'Study' | 'Series' | 'Instance', query: Record<string, string>) => Promise<OrthancResource[]>;
  const find = async (...args: string[]): Promise<{ job: number; matches: Match[]; truncated: boolean; status: number }> => {
    const run = await node.cli('--json', 'find', 'ORTHANC', ...args);
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as { job: number; matches: Match[]; truncated: boolean; status: number };
  };
  /** Our stored instance with that SOP Instance UID, and Orthanc's file of it: same data set bytes as sent. */
  const expectSameAsOrthanc = async (sop: string): Promise<void> => {
    const [stored] = node.ws.index.getInstances({ SOPInstanceUID: sop });
    expect(stored, `${sop} in our store`).toBeDefined();
    const [found] = await node.orthanc.rest<{ ID: string }[]>('POST', '/tools/lookup', sop);
    const theirs = await node.orthanc.rest<Uint8Array>('GET', `/instances/${found!.ID}/file`);
    expect(Buffer.from(datasetOf(new Uint8Array(node.ws.files.read(stored!.file.path)))).equals(Buffer.from(datasetOf(onTheWire(theirs)))), sop).toBe(true);
  };

  beforeAll(async () => {
    node = await startOrthancInterop();
    for (const name of ORTHANC_HOLDS) await node.orthanc.upload(readSample(name));
    orthancFind = (level, query) => node.orthanc.rest<OrthancResource[]>('POST', '/tools/find', { Level: level, Query: query, Expand: true });
  });
  afterAll(async () => {
    await node?.stop();
  });

  it('atrium find: study, series and image level with a wildcard name and a date equal Orthanc\'s content', async () => {
    const studies = await find('--level', 'study', '--key', 'PatientName=Doe^*', '--key', 'StudyDate=20010101');
    const expected = await orthancFind('Study', { PatientName: 'Doe^*', StudyDate: '20010101' });
    expect(sorted(expected.map((s) => s.MainDicomTags.StudyInstanceUID!))).toEqual([PETER_STUDY, ARCHIBALD_CR_STUDY].sort());
    expect(sorted(studies.matches.map((m) => m.StudyInstanceUID!))).toEqual(sorted(expected.map((s) => s.MainDicomTags.StudyInstanceUID!)));
    for (const s of expected) {
      const m = studies.matches.find((x) => x.StudyInstanceUID === s.MainDicomTags.StudyInstanceUID)!;
      const instances = await node.orthanc.rest<unknown[]>('GET', `/studies/${s.ID}/instances`);
      expect(m).toMatchObject({ PatientName: s.PatientMainDicomTags?.PatientName, StudyDate: '20010101', AccessionNumber: s.MainDicomTags.AccessionNumber, NumberOfStudyRelatedInstances: String(instances.length) });
    }
    expect(studies.truncated).toBe(false);

    const series = await find('--level', 'series', '--key', 'PatientName=Doe^*', '--key', 'StudyDate=20010101', '--key', 'Modality=CT');
    const expectedSeries = await orthancFind('Series', { PatientName: 'Doe^*', StudyDate: '20010101', Modality: 'CT' });
    expect(expectedSeries).toHaveLength(2);
    expect(sorted(series.matches.map((m) => `${m.SeriesInstanceUID} ${m.SeriesNumber} ${m.NumberOfSeriesRelatedInstances}`)))
      .toEqual(sorted(expectedSeries.map((s) => `${s.MainDicomTags.SeriesInstanceUID} ${s.MainDicomTags.SeriesNumber} ${s.Instances!.length}`)));

    const images = await find('--level', 'image', '--key', 'PatientName=Doe^P*', '--key', 'StudyDate=19950101-20011231');
    const expectedImages = await orthancFind('Instance', { PatientName: 'Doe^P*', StudyDate: '19950101-20011231' });
    expect(expectedImages).toHaveLength(7);
    expect(sorted(images.matches.map((m) => `${m.SOPInstanceUID} ${m.InstanceNumber}`))).toEqual(sorted(expectedImages.map((i) => `${i.MainDicomTags.SOPInstanceUID} ${i.MainDicomTags.InstanceNumber}`)));
    expect(images.matches.every((m) => m.StudyInstanceUID === PETER_STUDY)).toBe(true);

    // a non-ASCII key (sent as ISO_IR 192), matched case-insensitively by Orthanc, decoded back
    const german = await find('--level', 'study', '--key', 'PatientName=äneas*');
    const expectedGerman = await orthancFind('Study', { PatientName: 'Äneas*' });
    expect(german.matches.map((m) => `${m.StudyInstanceUID} ${m.PatientName}`)).toEqual(expectedGerman.map((s) => `${s.MainDicomTags.StudyInstanceUID} ${s.PatientMainDicomTags?.PatientName}`));
    expect(german.matches.map((m) => m.PatientName)).toEqual(['Äneas^Rüdiger']);
  });

  it('atrium find --limit under the match count: C-CANCEL, truncated result reported', async () => {
    const all = await find('--level', 'image', '--key', 'PatientName=Doe^P*');
    expect(all.matches).toHaveLength(7);
    const cut = await find('--level', 'image', '--key', 'PatientName=Doe^P*', '--limit', '3');
    expect(cut.truncated).toBe(true);
    expect(cut.matches).toHaveLength(3);
    const allUids = all.matches.map((m) => m.SOPInstanceUID);
    expect(cut.matches.every((m) => allUids.includes(m.SOPInstanceUID))).toBe(true);
    // Orthanc sends its pending responses without waiting, so it may answer the C-CANCEL with
    // 0000 (it had finished) or FE00; either is a final non-failure status.
    expect([0x0000, 0xfe00]).toContain(cut.status);

    const table = await node.cli('find', 'ORTHANC', '--level', 'image', '--key', 'PatientName=Doe^P*', '--limit', '2');
    expect(table.code, table.err).toBe(0);
    // Orthanc may have sent every response before our C-CANCEL would go: then none is sent.
    expect(table.out).toMatch(/2 matches \(the peer has more: stopped at the limit of 2( with C-CANCEL)?;/);
  });

  it('atrium move (to us) and atrium get put Orthanc\'s instances in our store', async () => {
    const move = await node.cli('move', 'ORTHANC', PETER_STUDY);
    expect(move.code, move.err).toBe(0);
    expect(move.out).toMatch(/^ORTHANC: 7 completed, 0 failed, 0 warning \(status 0000, job \d+\)$/m);
    const peter = await orthancFind('Instance', { StudyInstanceUID: PETER_STUDY });
    expect(sorted(node.ws.index.getInstances({ StudyInstanceUID: PETER_STUDY }).map((i) => i.instance.SOPInstanceUID))).toEqual(sorted(peter.map((i) => i.MainDicomTags.SOPInstanceUID!)));
    for (const i of peter) await expectSameAsOrthanc(i.MainDicomTags.SOPInstanceUID!);

    const get = await node.cli('get', 'ORTHANC', ARCHIBALD_CT_SERIES);
    expect(get.code, get.err).toBe(0);
    expect(get.out).toMatch(/^ORTHANC: 4 completed, 0 failed, 0 warning \(status 0000, job \d+\)\nstored here: 4$/m);
    const ct = await orthancFind('Instance', { SeriesInstanceUID: ARCHIBALD_CT_SERIES });
    expect(sorted(node.ws.index.getInstances({ SeriesInstanceUID: ARCHIBALD_CT_SERIES }).map((i) => i.instance.SOPInstanceUID))).toEqual(sorted(ct.map((i) => i.MainDicomTags.SOPInstanceUID!)));
    for (const i of ct) await expectSameAsOrthanc(i.MainDicomTags.SOPInstanceUID!);
  });

  it('atrium move to a destination Orthanc does not know: Orthanc answers C000, which the GCA-9300R retries (Table 4-35); with moveRetries 0 the job fails at once', async () => {
    expect((await node.cli('config', 'set', 'moveRetries', '0')).code).toBe(0);
    const started = Date.now();
    const move = await node.cli('move', 'ORTHANC', ARCHIBALD_CR_STUDY, '--dest', 'NOWHERE');
    expect(move.code).toBe(1);
    expect(move.err).toMatch(/job \d+ failed: C-MOVE to NOWHERE at ORTHANC failed with status C000 \[ATRIUM_ERR_NET_REMOTE_FAILED\]/);
    expect(Date.now() - started).toBeLessThan(15_000); // no retry a minute later when none are allowed
    expect(node.ws.index.getInstances({ StudyInstanceUID: ARCHIBALD_CR_STUDY })).toEqual([]);
  });

  it('Orthanc queries us, retrieves an answer and moves a study from us; echo', async () => {
    for (const name of WE_HOLD) {
      const outcome = node.ws.store.receive(readSample(name), `test:${name}`);
      if ('code' in outcome) throw new Error(`${name}: ${outcome.reason}`);
    }
    const ours = new Map<string, string>(); // StudyInstanceUID → PatientName
    for (const i of node.ws.index.getInstances({})) ours.set(i.study.StudyInstanceUID, i.patient.PatientName ?? '');
    expect(ours.size).toBe(5); // Peter's CT, Archibald's CT (retrieved above), the MR, the NM, the German name

    const query = await node.orthanc.rest<{ ID: string }>('POST', '/modalities/atrium/query', { Level: 'Study', Query: { PatientName: '*' } });
    const answers = await node.orthanc.rest<Match[]>('GET', `/queries/${query.ID}/answers?expand&simplify`);
    expect(sorted(answers.map((a) => `${a.StudyInstanceUID} ${a.PatientName}`))).toEqual(sorted([...ours].map(([uid, name]) => `${uid} ${name}`)));
    expect(answers.every((a) => a.RetrieveAETitle === node.aet && a.QueryRetrieveLevel === 'STUDY')).toBe(true);
    const latin1 = await node.orthanc.rest<{ ID: string }>('POST', '/modalities/atrium/query', { Level: 'Study', Query: { PatientName: 'äneas*' } });
    expect((await node.orthanc.rest<Match[]>('GET', `/queries/${latin1.ID}/answers?expand&simplify`)).map((a) => a.PatientName)).toEqual(['Äneas^Rüdiger']);

    const sopsOf = (file: string): string => parseDicom(readSample(file), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!;
    const studyOf = (file: string): string => parseDicom(readSample(file), { headerOnly: true }).dataset.string(Tag.StudyInstanceUID)!;
    const inOrthanc = async (sop: string): Promise<boolean> => (await node.orthanc.rest<unknown[]>('POST', '/tools/lookup', sop)).length > 0;
    const [mr, nm] = WE_HOLD as [string, string];
    expect(await inOrthanc(sopsOf(nm))).toBe(false);
    const index = answers.findIndex((a) => a.StudyInstanceUID === studyOf(nm));
    await node.orthanc.rest('POST', `/queries/${query.ID}/answers/${index}/retrieve`, { TargetAet: 'ORTHANC', Synchronous: true });
    expect(await inOrthanc(sopsOf(nm))).toBe(true);

    expect(await inOrthanc(sopsOf(mr))).toBe(false);
    await node.orthanc.rest('POST', '/modalities/atrium/move', { Level: 'Study', Resources: [{ StudyInstanceUID: studyOf(mr) }], TargetAet: 'ORTHANC', Synchronous: true });
    const [found] = await node.orthanc.rest<{ ID: string }[]>('POST', '/tools/lookup', sopsOf(mr));
    const file = parseDicom(await node.orthanc.rest<Uint8Array>('GET', `/instances/${found!.ID}/file`), { headerOnly: true });
    expect(file.meta?.string(Tag.TransferSyntaxUID)).toBe('1.2.840.10008.1.2.4.91'); // sent as stored (JPEG 2000)

    // a move to a target we do not know: our SCP answers A801, which Orthanc reports
    await expect(node.orthanc.rest('POST', '/modalities/atrium/move', { Level: 'Study', Resources: [{ StudyInstanceUID: studyOf(mr) }], TargetAet: 'NOBODY', Synchronous: true }))
      .rejects.toThrow(/HTTP 500: .*DIMSE status 0xA801/s);

    expect(await node.orthanc.rest('POST', '/modalities/atrium/echo', {})).toEqual({});

    const jobs = JSON.parse((await node.cli('--json', 'jobs')).out) as { type: string; state: string; attempts: number }[];
    expect(sorted(jobs.map((j) => `${j.type} ${j.state} ${j.attempts}`))).toEqual(sorted([
      ...Array.from({ length: 7 }, () => 'net.find completed 1'), 'net.move completed 1', 'net.get completed 1', 'net.move failed 1',
    ]));
  });
});
