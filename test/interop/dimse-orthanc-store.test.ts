/**
 * C-ECHO and C-STORE between Atrium and Orthanc 1.10.1, both directions, on 127.0.0.1:
 * - `atrium echo ORTHANC` succeeds; Orthanc's `/modalities/atrium/echo` reaches our SCP;
 * - `atrium send <study...> ORTHANC` (a job): Orthanc holds each instance in the transfer
 *   syntax we stored it in (JPEG 2000 and JPEG Lossless sent compressed), and its file's data
 *   set is the one we sent, element for element (private tags kept);
 * - Orthanc's `/modalities/atrium/store`: our store holds every instance with the data set
 *   bytes of Orthanc's file.
 * Needs Orthanc (under CI=true its absence fails) and the CLI built (`npx tsc -b`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import type { StoreOutcome } from '../../host/src/store/store-outcome.js';
import { listAtrium } from '../support/element-listing.js';
import { havePeers } from '../support/peers.js';
import { readSample } from '../support/samples.js';
import { datasetOf, pollUntil, startOrthancInterop, type OrthancInterop } from './dimse-orthanc-harness.js';

const ok = havePeers('Orthanc');

/** We send these (one native MR, JPEG 2000 MR, JPEG Lossless XA, a CT with GE private tags). */
const OURS = ['mr/MR_small.dcm', 'mr/MR2_J2KI.dcm', 'xa/gdcm-XA-4frame-jpll.dcm', 'dicomdir/98892001/CT5N/2392'];
/** Orthanc sends these (JPEG Lossless NM, RLE SC, a native NM, two CTs of one series). */
const THEIRS = ['nm/NM1_JPLL.dcm', 'sc/SC_rgb_rle.dcm', 'nm/UNIFORMIDAD_1.dcm', 'dicomdir/77654033/CT2/17106', 'dicomdir/77654033/CT2/17136'];

/** Element listing of a data set only (no File Meta), for comparing what two sides hold. */
function datasetListing(part10: Uint8Array): string[] {
  const { meta: _meta, ...file } = parseDicom(part10);
  return listAtrium(file).map((e) => `${e.path} ${e.vr} ${e.length} ${e.value}`);
}

const isPrivate = (line: string): boolean => parseInt(line.slice(0, 4), 16) % 2 === 1;

describe.skipIf(!ok)('DIMSE interop with Orthanc: C-ECHO and C-STORE', () => {
  let node: OrthancInterop;
  beforeAll(async () => {
    node = await startOrthancInterop();
  });
  afterAll(async () => {
    await node?.stop();
  });

  it('C-ECHO both ways', async () => {
    const echo = await node.cli('echo', 'ORTHANC');
    expect(echo.code, echo.err).toBe(0);
    expect(echo.out).toMatch(/ORTHANC/);
    expect(await node.orthanc.rest('POST', '/modalities/atrium/echo', {})).toEqual({});
  });

  it('we send studies to Orthanc: same transfer syntax, same data set, private tags kept', async () => {
    const sent = new Map<string, Uint8Array>();
    const studies = new Set<string>();
    for (const name of OURS) {
      const outcome: StoreOutcome = node.ws.store.receive(readSample(name), `test:${name}`);
      if ('code' in outcome) throw new Error(`${name}: ${outcome.reason}`);
      sent.set(outcome.SOPInstanceUID, new Uint8Array(node.ws.files.read(outcome.path)));
      studies.add(outcome.StudyInstanceUID);
    }
    const run = await node.cli('--json', 'send', ...studies, 'ORTHANC');
    expect(run.code, run.err).toBe(0);

    const ids = await node.orthanc.rest<string[]>('GET', '/instances');
    expect(ids).toHaveLength(OURS.length);
    let privateSeen = 0;
    for (const id of ids) {
      const theirs = await node.orthanc.rest<Uint8Array>('GET', `/instances/${id}/file`);
      const their = parseDicom(theirs, { headerOnly: true });
      const uid = their.dataset.string(Tag.SOPInstanceUID)!;
      const ours = sent.get(uid);
      expect(ours, `Orthanc holds ${uid}, which we did not send`).toBeDefined();
      const our = parseDicom(ours!, { headerOnly: true });
      expect(their.meta?.string(Tag.TransferSyntaxUID), uid).toBe(our.meta?.string(Tag.TransferSyntaxUID));
      const ourList = datasetListing(ours!);
      expect(datasetListing(theirs), uid).toEqual(ourList);
      privateSeen += ourList.filter(isPrivate).length;
    }
    expect(privateSeen).toBeGreaterThan(10); // the GE CT's private groups made the trip

    const jobs = JSON.parse((await node.cli('--json', 'jobs')).out) as { type: string; state: string }[];
    expect(jobs.filter((j) => j.type === 'net.send').map((j) => j.state)).toEqual(['completed']);
  });

  it('Orthanc sends to us (/modalities/atrium/store): our store holds its data set bytes', async () => {
    const uploaded: string[] = [];
    for (const name of THEIRS) {
      const { ID } = (await node.orthanc.upload(readSample(name))) as { ID: string };
      uploaded.push(ID);
    }
    const answer = await node.orthanc.rest<Record<string, unknown>>('POST', '/modalities/atrium/store', { Resources: uploaded, Synchronous: true });
    expect(answer).toMatchObject({ FailedInstancesCount: 0, InstancesCount: THEIRS.length });

    for (const id of uploaded) {
      const theirs = await node.orthanc.rest<Uint8Array>('GET', `/instances/${id}/file`);
      const their = parseDicom(theirs, { headerOnly: true }).dataset;
      const series = their.string(Tag.SeriesInstanceUID)!;
      const sop = their.string(Tag.SOPInstanceUID)!;
      const stored = await pollUntil(`${sop} in our index`, 5_000, () => node.ws.index.getInstance(series, sop));
      const ours = node.ws.files.read(stored.file.path);
      expect(Buffer.from(datasetOf(ours)).equals(Buffer.from(datasetOf(theirs))), sop).toBe(true);
      expect(stored.file.receivedFrom).toMatch(/^dicom:ORTHANC@/);
    }
  });
});
