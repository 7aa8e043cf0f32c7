/**
 * C-ECHO and C-STORE between Atrium and Orthanc 1.10.1, both directions, on 127.0.0.1:
 * - `atrium echo ORTHANC` succeeds; Orthanc's `/modalities/atrium/echo` reaches our SCP;
 * - `atrium send <study...> ORTHANC` (a job): Orthanc holds each instance in the transfer
 *   syntax we stored it in (JPEG 2000 and JPEG baseline sent compressed), and its file's data
 *   set is the one we sent, element for element and byte for byte once sequence lengths are
 *   written the same way (Orthanc stores received objects with explicit lengths); private
 *   tags kept; an odd-length JPEG fragment arrives padded to even;
 * - Orthanc's `/modalities/atrium/store`: our store holds every instance with the data set
 *   bytes Orthanc sent: those of its file with sequences in explicit length, as DCMTK's DIMSE
 *   layer writes them (`dcmconv +e` is the referee);
 * - to an Orthanc that accepts neither JPEG nor RLE, `atrium send` converts: Orthanc gets
 *   Explicit VR Little Endian with the pixels and elements DCMTK's dcmdjpeg / dcmdrle give.
 * Needs Orthanc, dcmconv, dcmdjpeg and dcmdrle (under CI=true their absence fails) and the CLI built (`npx tsc -b`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import type { StoreOutcome } from '../../host/src/store/store-outcome.js';
import { listAtrium } from '../support/element-listing.js';
import { havePeers, runPeer } from '../support/peers.js';
import { readSample } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { startOrthanc } from '../support/orthanc.js';
import { datasetOf, pollUntil, startOrthancInterop, type OrthancInterop } from './dimse-orthanc-harness.js';

const ok = havePeers('Orthanc', 'dcmconv', 'dcmdjpeg', 'dcmdrle');

/**
 * We send these (a native MR, a JPEG 2000 MR, a JPEG baseline SC, a CT with GE private tags,
 * a JPEG Lossless XA whose last fragment has an odd length: Orthanc's DCMTK refuses that
 * ("DIMSE: Odd Fragment Length") without ever answering the C-STORE, so we send it padded).
 */
const OURS = ['mr/MR_small.dcm', 'mr/MR2_J2KI.dcm', 'sc/SC_rgb_jpeg_dcmtk.dcm', 'dicomdir/98892001/CT5N/2392', 'xa/gdcm-XA-4frame-jpll.dcm'];
/** Orthanc sends these (JPEG Lossless NM, RLE SC, a native NM, two CTs of one series). */
const THEIRS = ['nm/NM1_JPLL.dcm', 'sc/SC_rgb_rle.dcm', 'nm/UNIFORMIDAD_1.dcm', 'dicomdir/77654033/CT2/17106', 'dicomdir/77654033/CT2/17136'];

/** Element listing of a data set only (no File Meta; sequence and item lengths not shown). */
function datasetListing(part10: Uint8Array): string[] {
  const { meta: _meta, ...file } = parseDicom(part10);
  return listAtrium(file).map((e) => `${e.path} ${e.vr} ${e.vr === 'SQ' || e.vr === 'na' ? '-' : e.length} ${e.value}`);
}

/**
 * Orthanc's C-STORE SCU (DCMTK's DIMSE layer) writes sequences and items with explicit lengths,
 * whatever its file holds: `dcmconv +e` (DCMTK) gives the data set as it went on the wire.
 */
function onTheWire(part10: Uint8Array): Uint8Array {
  return throughDcmtk('dcmconv', ['+e'], part10);
}

/** A file as a DCMTK tool rewrites it (`tool ...args in out`). */
function throughDcmtk(tool: string, args: readonly string[], part10: Uint8Array): Uint8Array {
  const dir = makeTempDir('atrium-dcmtk-');
  try {
    writeFileSync(join(dir, 'in.dcm'), part10);
    runPeer(tool, [...args, join(dir, 'in.dcm'), join(dir, 'out.dcm')]);
    return new Uint8Array(readFileSync(join(dir, 'out.dcm')));
  } finally {
    removeTempDir(dir);
  }
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
    let padded = 0;
    for (const id of ids) {
      const theirs = await node.orthanc.rest<Uint8Array>('GET', `/instances/${id}/file`);
      const their = parseDicom(theirs, { headerOnly: true });
      const uid = their.dataset.string(Tag.SOPInstanceUID)!;
      const ours = sent.get(uid);
      expect(ours, `Orthanc holds ${uid}, which we did not send`).toBeDefined();
      const our = parseDicom(ours!, { headerOnly: true });
      expect(their.meta?.string(Tag.TransferSyntaxUID), uid).toBe(our.meta?.string(Tag.TransferSyntaxUID));
      // Orthanc writes what it receives with explicit sequence/item lengths, so those are masked
      // in the listings; the bytes are compared once DCMTK has written both the same way.
      // An odd length (the XA's last JPEG fragment) is sent padded to even (PS3.5 §7.1.1).
      const ourList = datasetListing(ours!);
      const sentList = ourList.map((l) => l.replace(/^(\S+ \S\S) (\d+)/, (_, head: string, n: string) => `${head} ${Number(n) + (Number(n) % 2)}`));
      expect(datasetListing(theirs), uid).toEqual(sentList);
      if (sentList.join() === ourList.join()) {
        expect(Buffer.from(datasetOf(onTheWire(theirs))).equals(Buffer.from(datasetOf(onTheWire(ours!)))), uid).toBe(true);
      } else {
        const fragments = (f: Uint8Array): Buffer[] => parseDicom(f).dataset.get(Tag.PixelData)!.encapsulated!.fragments.map((x) => Buffer.from(x));
        expect(fragments(theirs), uid).toEqual(fragments(ours!).map((x) => (x.length % 2 === 1 ? Buffer.concat([x, Buffer.from([0])]) : x)));
        padded++;
      }
      privateSeen += ourList.filter(isPrivate).length;
    }
    expect(privateSeen).toBeGreaterThan(10); // the GE CT's private groups made the trip
    expect(padded).toBe(1); // the XA

    const jobs = JSON.parse((await node.cli('--json', 'jobs')).out) as { type: string; state: string }[];
    expect(jobs.map((j) => `${j.type} ${j.state}`).sort()).toEqual(['net.echo completed', 'net.send completed']);
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
      const ours = new Uint8Array(node.ws.files.read(stored.file.path));
      expect(Buffer.from(datasetOf(ours)).equals(Buffer.from(datasetOf(onTheWire(theirs)))), sop).toBe(true);
      expect(stored.file.receivedFrom).toMatch(/^dicom:ORTHANC@/);
    }
  });

  it('to an Orthanc that refuses JPEG and RLE we send JPEG Lossless and RLE decompressed, as DCMTK decodes them', async () => {
    // JpegTransferSyntaxAccepted covers every JPEG process (.50-.70); JpegLossless... is JPEG-LS
    const raw = await startOrthanc({ aet: 'ORTHANC_RAW', config: { JpegTransferSyntaxAccepted: false, RleTransferSyntaxAccepted: false } });
    try {
      const added = await node.cli('ae', 'add', 'ORTHANC_RAW', '--host', '127.0.0.1', '--port', String(raw.dicomPort));
      expect(added.code, added.err).toBe(0);
      const inputs = new Map([['nm/NM1_JPLL.dcm', 'dcmdjpeg'], ['sc/SC_rgb_rle.dcm', 'dcmdrle']]);
      const uids = [...inputs.keys()].map((name) => parseDicom(readSample(name), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!);
      const run = await node.cli('send', ...uids, 'ORTHANC_RAW'); // stored here by the previous test
      expect(run.code, run.err).toBe(0);
      for (const [name, decoder] of inputs) {
        const reference = throughDcmtk(decoder, [], readSample(name));
        const uid = parseDicom(reference, { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!;
        const [found] = await raw.rest<{ ID: string }[]>('POST', '/tools/lookup', uid);
        const theirs = await raw.rest<Uint8Array>('GET', `/instances/${found!.ID}/file`);
        expect(parseDicom(theirs, { headerOnly: true }).meta?.string(Tag.TransferSyntaxUID), name).toBe('1.2.840.10008.1.2.1');
        // 8-bit native Pixel Data may be OB or OW (PS3.5 §A.2): we write OB, dcmdrle writes OW
        const anyPixelVr = (lines: string[]): string[] => lines.map((l) => l.replace(/^7fe0,0010 O[BW] /, '7fe0,0010 OB|OW '));
        expect(anyPixelVr(datasetListing(theirs)), name).toEqual(anyPixelVr(datasetListing(reference)));
        const pixels = (f: Uint8Array): Buffer => Buffer.from(parseDicom(f).dataset.get(Tag.PixelData)!.value);
        expect(pixels(theirs).equals(pixels(reference)), name).toBe(true);
      }
    } finally {
      await raw.stop();
    }
  });
});
