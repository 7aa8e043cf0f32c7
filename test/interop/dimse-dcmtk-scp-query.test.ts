import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { datasetBytes, runTool, startDicomServer, storedFile, type DicomServerFixture, type ToolRun } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * Our SCP's C-FIND / C-MOVE / C-GET against DCMTK's findscu, movescu and getscu, with
 * DCMTK storescp as the C-MOVE destination. Expected matches come from dcmdump of the
 * samples, not from our index. The tools call as DCMTK_SCU, registered in the AE table at
 * 127.0.0.1; a caller that is not is refused query and retrieve (the default policy) but
 * may store.
 */
const ok = havePeers('findscu', 'movescu', 'getscu', 'storescp', 'storescu', 'echoscu', 'dcmdump');
const SAMPLES = [
  'samples/mr/MR_small.dcm', 'samples/mr/MR2_J2KI.dcm', 'samples/us/US1_UNCR.dcm', 'samples/sc/SC_rgb.dcm',
  'samples/dx-cr/dx_image.dcm', 'samples/nm/NM_GATED_planar_16slots.dcm', 'samples/nm/UNIFORMIDAD_1.dcm',
];
const KEYS = { PatientID: '0010,0020', StudyInstanceUID: '0020,000d', SeriesInstanceUID: '0020,000e', SOPInstanceUID: '0008,0018', StudyDate: '0008,0020', Modality: '0008,0060' } as const;
type Facts = Record<keyof typeof KEYS, string>;

/** Values of the KEYS in a DICOM file, read by dcmdump. */
function facts(file: string): Facts {
  const out = runPeer('dcmdump', ['-q', ...Object.values(KEYS).flatMap((t) => ['+P', t]), file]);
  const get = (tag: string): string => new RegExp(`\\(${tag}\\) \\w\\w \\[([^\\]]*)\\]`).exec(out)?.[1]?.replace(/\0/g, '').trim() ?? '';
  return Object.fromEntries(Object.entries(KEYS).map(([k, t]) => [k, get(t)])) as Facts;
}

/** Synthetic instances of MR_small's series: same bytes, a different SOP Instance UID of the same length. */
function syntheticInstances(count: number): Uint8Array[] {
  const bytes = readFileSync('samples/mr/MR_small.dcm');
  const uid = facts('samples/mr/MR_small.dcm').SOPInstanceUID;
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const next = `${uid.slice(0, -5)}${String(10000 + i)}`;
    out.push(Buffer.from(bytes.toString('latin1').split(uid).join(next), 'latin1'));
  }
  return out;
}

describe.skipIf(!ok)('our SCP vs DCMTK findscu / movescu / getscu', () => {
  let dir: string;
  let fx: DicomServerFixture;
  let limited: DicomServerFixture;
  let storescp: ChildProcess | undefined;
  let storescpPort = 0;
  let runs = 0;
  const all = SAMPLES.map(facts);
  const target = (f: DicomServerFixture): string[] => ['-aet', 'DCMTK_SCU', '-aec', f.aeTitle, '127.0.0.1', String(f.port)];

  /** findscu with -X: the responses (as files, read back with dcmdump) and the tool's output. */
  async function find(model: '-P' | '-S', level: string, keys: string[], options: { server?: DicomServerFixture; extra?: string[] } = {}): Promise<{ output: string; responses: Facts[] }> {
    const out = join(dir, `find-${++runs}`);
    mkdirSync(out);
    const run = await runTool('findscu', ['-v', model, '-X', '-od', out, ...(options.extra ?? []), '-k', `QueryRetrieveLevel=${level}`, ...keys.flatMap((k) => ['-k', k]), ...target(options.server ?? fx)]);
    expect(run.code, run.output).toBe(0);
    return { output: run.output, responses: readdirSync(out).sort().map((f) => facts(join(out, f))) };
  }
  const uniq = (v: string[]): string[] => [...new Set(v)].sort();

  beforeAll(async () => {
    dir = makeTempDir('atrium-dimse-query-');
    storescpPort = await freePort();
    mkdirSync(join(dir, 'storescp'));
    storescp = spawn(peer('storescp')!, ['-aet', 'STORESCP', '+B', '+xa', '-od', join(dir, 'storescp'), String(storescpPort)], { stdio: 'ignore', env: { ...process.env, TCP_NODELAY: '1' } });
    // DCMTK_SCU (the calling AE title of every DCMTK tool below) registered at 127.0.0.1: query/retrieve is for known callers.
    fx = await startDicomServer(join(dir, 'store'), { destinations: { STORESCP: { host: '127.0.0.1', port: storescpPort } }, callers: ['DCMTK_SCU'] });
    limited = await startDicomServer(join(dir, 'limited'), { findLimit: 3, callers: ['DCMTK_SCU'] });
    for (const file of SAMPLES) {
      for (const f of [fx, limited]) expect('code' in f.ws.store.receive(readFileSync(file), 'test')).toBe(false);
    }
    for (const bytes of syntheticInstances(400)) expect('code' in fx.ws.store.receive(bytes, 'test')).toBe(false);
    for (let i = 0; i < 50; i++) {
      if ((await runTool('echoscu', ['-aec', 'STORESCP', '127.0.0.1', String(storescpPort)])).code === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(async () => {
    if (storescp?.pid) process.kill(storescp.pid, 'SIGKILL');
    await fx?.stop();
    await limited?.stop();
    removeTempDir(dir);
  });

  it('Patient Root: PATIENT level with a wildcard, STUDY level of one patient', async () => {
    const patients = await find('-P', 'PATIENT', ['PatientID=*']);
    expect(uniq(patients.responses.map((r) => r.PatientID))).toEqual(uniq(all.map((f) => f.PatientID)));
    expect(patients.responses).toHaveLength(uniq(all.map((f) => f.PatientID)).length);
    const mr = all[0]!;
    const studies = await find('-P', 'STUDY', [`PatientID=${mr.PatientID}`, 'StudyInstanceUID', 'StudyDate']);
    expect(studies.responses.map((r) => r.StudyInstanceUID)).toEqual([mr.StudyInstanceUID]);
    expect(studies.responses[0]!.StudyDate).toBe(mr.StudyDate);
  });

  it('Study Root: a date range, a UID list, SERIES and IMAGE levels, a wildcard on PatientID', async () => {
    const range = await find('-S', 'STUDY', ['StudyDate=20040101-20131231', 'StudyInstanceUID', 'PatientID']);
    expect(uniq(range.responses.map((r) => r.StudyInstanceUID))).toEqual(uniq(all.filter((f) => f.StudyDate >= '20040101' && f.StudyDate <= '20131231').map((f) => f.StudyInstanceUID)));
    const two = [all[2]!.StudyInstanceUID, all[4]!.StudyInstanceUID];
    const list = await find('-S', 'STUDY', [`StudyInstanceUID=${two.join('\\')}`]);
    expect(uniq(list.responses.map((r) => r.StudyInstanceUID))).toEqual(uniq(two));
    const us = all[2]!;
    const series = await find('-S', 'SERIES', [`StudyInstanceUID=${us.StudyInstanceUID}`, 'SeriesInstanceUID', 'Modality']);
    expect(series.responses.map((r) => [r.SeriesInstanceUID, r.Modality])).toEqual([[us.SeriesInstanceUID, us.Modality]]);
    const images = await find('-S', 'IMAGE', [`StudyInstanceUID=${us.StudyInstanceUID}`, `SeriesInstanceUID=${us.SeriesInstanceUID}`, 'SOPInstanceUID']);
    expect(images.responses.map((r) => r.SOPInstanceUID)).toEqual([us.SOPInstanceUID]);
    const wildcard = await find('-S', 'STUDY', ['PatientID=*MR*', 'StudyInstanceUID']);
    expect(uniq(wildcard.responses.map((r) => r.StudyInstanceUID))).toEqual(uniq(all.filter((f) => f.PatientID.includes('MR')).map((f) => f.StudyInstanceUID)));
  });

  it('answers FF01 when an unsupported optional key is requested', async () => {
    const plain = await find('-S', 'STUDY', [`StudyInstanceUID=${all[2]!.StudyInstanceUID}`], { extra: ['-d'] });
    expect(plain.output).toMatch(/DIMSE Status\s*: 0xff00/);
    const odd = await find('-S', 'STUDY', [`StudyInstanceUID=${all[2]!.StudyInstanceUID}`, '(0018,0050)'], { extra: ['-d'] });
    expect(odd.responses).toHaveLength(1);
    expect(odd.output).toMatch(/DIMSE Status\s*: 0xff01/);
  });

  it('stops at the find limit (3) with A700', async () => {
    const r = await find('-S', 'STUDY', ['StudyInstanceUID'], { server: limited, extra: ['-d'] });
    expect(r.responses).toHaveLength(3);
    expect(r.output).toMatch(/DIMSE Status\s*: 0xa700/);
  });

  it('honours C-CANCEL from findscu --cancel 2 with FE00', async () => {
    const mr = all[0]!;
    const r = await find('-S', 'IMAGE', [`StudyInstanceUID=${mr.StudyInstanceUID}`, `SeriesInstanceUID=${mr.SeriesInstanceUID}`, 'SOPInstanceUID'], { extra: ['-d', '--cancel', '2'] });
    expect(r.output).toMatch(/DIMSE Status\s*: 0xfe00/);
    expect(r.responses.length).toBeGreaterThanOrEqual(2);
    expect(r.responses.length).toBeLessThan(401);
  });

  it('C-MOVE to storescp: the series arrives byte for byte; an unknown destination is A801', async () => {
    const us = all[2]!;
    const run = await runTool('movescu', ['-v', '-S', '-aem', 'STORESCP', '-k', 'QueryRetrieveLevel=SERIES', '-k', `StudyInstanceUID=${us.StudyInstanceUID}`, '-k', `SeriesInstanceUID=${us.SeriesInstanceUID}`, ...target(fx)]);
    expect(run.code, run.output).toBe(0);
    const name = readdirSync(join(dir, 'storescp')).find((f) => f.endsWith(us.SOPInstanceUID));
    expect(name, run.output).toBeDefined();
    expect(datasetBytes(join(dir, 'storescp', name!)).equals(datasetBytes(storedFile(fx.ws, us.SOPInstanceUID)!))).toBe(true);
    // The sub-operation is in the send log: to the move destination, stored.
    expect(fx.ws.database.sendLog.forInstance(us.SOPInstanceUID).filter((e) => e.via === 'move')).toEqual([expect.objectContaining({ ae: 'STORESCP', status: 'success', statusCode: 0 })]);
    const unknown = await runTool('movescu', ['-d', '-S', '-aem', 'NOBODY', '-k', 'QueryRetrieveLevel=SERIES', '-k', `StudyInstanceUID=${us.StudyInstanceUID}`, '-k', `SeriesInstanceUID=${us.SeriesInstanceUID}`, ...target(fx)]);
    expect(unknown.output).toMatch(/DIMSE Status\s*: 0xa801/);
  });

  it('honours C-CANCEL from movescu --cancel 2 with FE00', async () => {
    const mr = all[0]!;
    const run = await runTool('movescu', ['-d', '-S', '--cancel', '2', '-aem', 'STORESCP', '-k', 'QueryRetrieveLevel=SERIES', '-k', `StudyInstanceUID=${mr.StudyInstanceUID}`, '-k', `SeriesInstanceUID=${mr.SeriesInstanceUID}`, ...target(fx)], { timeoutMs: 25_000 });
    expect(run.output).toMatch(/DIMSE Status\s*: 0xfe00/);
    const arrived = readdirSync(join(dir, 'storescp')).filter((f) => f.includes(mr.SOPInstanceUID.slice(0, -5))).length;
    expect(arrived).toBeLessThan(401);
  }, 30_000);

  it('C-GET: getscu receives the study in its output folder byte for byte', async () => {
    const us = all[2]!;
    const out = join(dir, 'getscu');
    mkdirSync(out);
    const run = await runTool('getscu', ['-v', '-S', '-od', out, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${us.StudyInstanceUID}`, ...target(fx)]);
    expect(run.code, run.output).toBe(0);
    const files = readdirSync(out);
    expect(files, run.output).toHaveLength(1);
    expect(datasetBytes(join(out, files[0]!)).equals(datasetBytes(storedFile(fx.ws, us.SOPInstanceUID)!))).toBe(true);
    // C-GET sub-operations go to the requester: the send log names its AE.
    expect(fx.ws.database.sendLog.forInstance(us.SOPInstanceUID).filter((e) => e.via === 'get').map((e) => [e.ae, e.status])).toEqual([['DCMTK_SCU', 'success']]);
  });

  it('C-GET of an object stored with an odd-length Pixel Data: sent padded to even length (PS3.5 §7.1.1), accepted by getscu', async () => {
    const dx = all[4]!;
    const out = join(dir, 'getscu-odd');
    mkdirSync(out);
    const run = await runTool('getscu', ['-v', '-S', '-od', out, '-k', 'QueryRetrieveLevel=IMAGE', '-k', `StudyInstanceUID=${dx.StudyInstanceUID}`, '-k', `SeriesInstanceUID=${dx.SeriesInstanceUID}`, '-k', `SOPInstanceUID=${dx.SOPInstanceUID}`, ...target(fx)]);
    expect(run.code, run.output).toBe(0);
    const files = readdirSync(out);
    expect(files, run.output).toHaveLength(1);
    const pixels = (bytes: Uint8Array): Uint8Array => parseDicom(bytes).dataset.get(0x7fe00010)!.value;
    const stored = pixels(storedFile(fx.ws, dx.SOPInstanceUID)!);
    expect(stored.length % 2).toBe(1);
    // The Pixel Data arrives with one pad byte (getscu writes its own file around it).
    expect(Buffer.from(pixels(readFileSync(join(out, files[0]!)))).equals(Buffer.concat([stored, Buffer.from([0])]))).toBe(true);
    expect(runPeer('dcmdump', ['-q', join(out, files[0]!)])).not.toMatch(/odd/i);
  });

  it('refuses C-FIND, C-MOVE and C-GET from a caller not in the AE table (Calling AE Title Not Recognized); its C-STORE is stored', async () => {
    const us = all[2]!;
    const as = (tool: string, extra: string[]): Promise<ToolRun> => runTool(tool, ['-d', '-S', '-aet', 'STRANGER', '-aec', fx.aeTitle, ...extra, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${us.StudyInstanceUID}`, '127.0.0.1', String(fx.port)]);
    for (const run of [await as('findscu', []), await as('movescu', ['-aem', 'STORESCP']), await as('getscu', ['-od', dir])]) {
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/Calling AE Title Not Recognized/i);
    }
    expect(fx.events.some((e) => e.type === 'rejected' && e.callingAeTitle === 'STRANGER' && /C-FIND, C-MOVE and C-GET are served to registered callers only/.test(e.why))).toBe(true);
    // Storage stays open: the same stranger's C-STORE is accepted (one more MR instance; the last test).
    const sample = join(dir, 'stranger.dcm');
    writeFileSync(sample, syntheticInstances(401)[400]!);
    const stored = await runTool('storescu', ['-aet', 'STRANGER', '-aec', fx.aeTitle, '127.0.0.1', String(fx.port), sample]);
    expect(stored.code, stored.output).toBe(0);
    expect(storedFile(fx.ws, facts(sample).SOPInstanceUID)).toBeDefined();
  });
});
