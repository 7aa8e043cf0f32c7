import { readFileSync } from 'node:fs';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePath } from '../../../../test/support/samples.js';
import { setNetworkSetting, unsetNetworkSetting } from '../../net/config/load-network-config.js';
import { parseDicom } from '../../io/parse-part10.js';
import { readFrame } from '../../io/pixel-access.js';
import { syntheticCtSeries } from '../../testing/synthetic-ct-series.js';
import { parseMultipartBody } from '../test-support/multipart.js';
import { webFixture, type WebFixture } from '../test-support/web-fixture.js';
import type { DicomJsonObject } from './dicom-json.js';
import { jsonTag } from './dicom-json.js';

const MR = { study: '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457', series: '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457', sop: '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457' };
const J2K = 'mr/MR2_J2KI.dcm';
const XA = 'xa/gdcm-XA-4frame-jpll.dcm';

let fx: WebFixture;
let ct: { study: string; series: string; sop: string; bytes: Uint8Array };
const path = (sample: string): string => {
  const ds = parseDicom(new Uint8Array(readFileSync(samplePath(sample)))).dataset;
  return `/dicom-web/studies/${ds.string(Tag.StudyInstanceUID)}/series/${ds.string(Tag.SeriesInstanceUID)}/instances/${ds.string(Tag.SOPInstanceUID)}`;
};

beforeAll(async () => {
  fx = await webFixture(['mr/MR_small.dcm', J2K, XA, 'sc/SC_rgb_2frame.dcm']);
  const [bytes] = syntheticCtSeries({ slices: 1, seed: 7 });
  const outcome = fx.services.workstation.store.receive(bytes!, 'test: synthetic CT');
  if ('code' in outcome) throw new Error(outcome.reason);
  ct = { study: outcome.StudyInstanceUID, series: outcome.SeriesInstanceUID, sop: outcome.SOPInstanceUID, bytes: bytes! };
});
afterAll(() => fx.close());

const get = (url: string, accept?: string) => fx.server.app.inject({ url, headers: accept === undefined ? {} : { accept } });

describe('WADO-RS retrieve: the stored files, byte for byte (PS3.18 §10.4)', () => {
  it('an instance, a series, a study as multipart/related application/dicom, each part naming its transfer syntax', async () => {
    const res = await get(`/dicom-web/studies/${MR.study}/series/${MR.series}/instances/${MR.sop}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const [part] = parseMultipartBody(res.rawPayload, String(res.headers['content-type']));
    expect(part!.headers['content-type']).toBe(`application/dicom; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    expect(Buffer.compare(part!.body, readFileSync(samplePath('mr/MR_small.dcm')))).toBe(0);
    const study = await get(`/dicom-web/studies/${ct.study}`, 'multipart/related; type="application/dicom"; transfer-syntax=*');
    const parts = parseMultipartBody(study.rawPayload, String(study.headers['content-type']));
    expect(parts).toHaveLength(1);
    expect(Buffer.compare(parts[0]!.body, Buffer.from(ct.bytes))).toBe(0);
  });

  it('a compressed instance as stored unless another syntax is named; then converted, or 406 when it cannot be', async () => {
    const stored = await get(path(J2K));
    const [asStored] = parseMultipartBody(stored.rawPayload, String(stored.headers['content-type']));
    expect(asStored!.headers['content-type']).toBe(`application/dicom; transfer-syntax=${TransferSyntax.JPEG2000}`);
    const explicit = await get(path(J2K), `multipart/related; type="application/dicom"; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    const [converted] = parseMultipartBody(explicit.rawPayload, String(explicit.headers['content-type']));
    expect(converted!.headers['content-type']).toBe(`application/dicom; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    const file = parseDicom(new Uint8Array(converted!.body));
    expect(file.transferSyntax.uid).toBe(TransferSyntax.ExplicitVRLittleEndian);
    const original = parseDicom(new Uint8Array(asStored!.body));
    expect(Array.from((await readFrame(file, 0)).data)).toEqual(Array.from((await readFrame(original, 0)).data));
    const refused = await get(path(J2K), 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.4.100');
    expect([refused.statusCode, refused.json().error.code]).toEqual([406, 'ATRIUM_ERR_WEB_NOT_ACCEPTABLE']);
  });

  it('a converted instance names Atrium under the configured uidRoot; one served as stored keeps its own meta', async () => {
    setNetworkSetting(fx.services.settings, 'uidRoot', '1.2.392.200036.9110');
    try {
      const explicit = await get(path(J2K), `multipart/related; type="application/dicom"; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
      const [converted] = parseMultipartBody(explicit.rawPayload, String(explicit.headers['content-type']));
      expect(parseDicom(new Uint8Array(converted!.body)).meta?.string(Tag.ImplementationClassUID)).toBe('1.2.392.200036.9110.1.0.1.0');
      const stored = await get(path(J2K));
      const [asStored] = parseMultipartBody(stored.rawPayload, String(stored.headers['content-type']));
      expect(Buffer.compare(asStored!.body, readFileSync(samplePath(J2K)))).toBe(0);
    } finally {
      unsetNetworkSetting(fx.services.settings, 'uidRoot');
    }
  });

  it('404 for what is not stored, and for a series asked under another study', async () => {
    for (const url of [`/dicom-web/studies/1.2.3`, `/dicom-web/studies/${ct.study}/series/${MR.series}`, `/dicom-web/studies/${MR.study}/series/${MR.series}/instances/1.2.3/metadata`]) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'ATRIUM_ERR_WEB_NOT_FOUND']);
    }
  });
});

describe('WADO-RS metadata and bulk data: DICOM JSON (PS3.18 Annex F)', () => {
  it('an instance header with numbers as numbers, Pixel Data as a BulkDataURI that gives back the stored value', async () => {
    const res = await get(`/dicom-web/studies/${ct.study}/series/${ct.series}/metadata`);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const [meta] = res.json<DicomJsonObject[]>();
    expect(meta![jsonTag(Tag.Rows)]).toEqual({ vr: 'US', Value: [512] });
    expect(meta![jsonTag(Tag.RescaleIntercept)]).toEqual({ vr: 'DS', Value: [-1024] });
    expect(meta![jsonTag(Tag.TransferSyntaxUID)]).toBeUndefined(); // no File Meta Information
    const pixel = meta![jsonTag(Tag.PixelData)]!;
    expect(pixel.vr).toBe('OW');
    expect(pixel.BulkDataURI).toBe(`http://localhost:80/dicom-web/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/bulkdata/7FE00010`);
    const bulk = await get(new URL(pixel.BulkDataURI!).pathname);
    const [value] = parseMultipartBody(bulk.rawPayload, String(bulk.headers['content-type']));
    expect(value!.headers['content-type']).toBe(`application/octet-stream; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    const stored = parseDicom(ct.bytes).dataset.get(Tag.PixelData)!.value;
    expect(Buffer.compare(value!.body, Buffer.from(stored))).toBe(0);
  });

  it('bulk data paths that name nothing are 404, never a file', async () => {
    const base = `/dicom-web/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/bulkdata`;
    for (const p of ['/00000000', '/7FE00010/0/7FE00010', '/..%2F..%2Findex.sqlite', '/zzz']) {
      const res = await get(`${base}${p}`);
      expect([p, res.statusCode]).toEqual([p, 404]);
    }
  });
});

describe('WADO-RS frames: stored or uncompressed, transfer-syntax on every part', () => {
  it('a 512² CT frame uncompressed by default: the Pixel Data bytes of that frame', async () => {
    const res = await get(`/dicom-web/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/frames/1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^multipart\/related; type="application\/octet-stream"/);
    const [frame] = parseMultipartBody(res.rawPayload, String(res.headers['content-type']));
    expect(frame!.headers['content-type']).toBe(`application/octet-stream; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    expect(frame!.body.length).toBe(512 * 512 * 2);
    expect(Buffer.compare(frame!.body, Buffer.from(parseDicom(ct.bytes).dataset.get(Tag.PixelData)!.value))).toBe(0);
  });

  it('a compressed multi-frame image: frames as stored with transfer-syntax=*, decoded when asked uncompressed', async () => {
    const url = `${path(XA)}/frames/2,4`;
    const stored = await get(url, 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    const parts = parseMultipartBody(stored.rawPayload, String(stored.headers['content-type']));
    expect(parts.map((p) => p.headers['content-type'])).toEqual([1, 2].map(() => `application/octet-stream; transfer-syntax=${TransferSyntax.JPEGLosslessSV1}`));
    expect(parts[0]!.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // a JPEG codestream
    const jpeg = await get(url, 'multipart/related; type="image/jpeg"');
    expect(parseMultipartBody(jpeg.rawPayload, String(jpeg.headers['content-type']))[0]!.headers['content-type']).toBe(`image/jpeg; transfer-syntax=${TransferSyntax.JPEGLosslessSV1}`);
    const plain = await get(url, 'multipart/related; type="application/octet-stream"');
    const decoded = parseMultipartBody(plain.rawPayload, String(plain.headers['content-type']));
    const file = parseDicom(new Uint8Array(readFileSync(samplePath(XA))));
    const expected = await readFrame(file, 3);
    expect(decoded[1]!.headers['content-type']).toBe(`application/octet-stream; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    expect(decoded[1]!.body.length).toBe(expected.data.length * (expected.data.BYTES_PER_ELEMENT));
    expect(Array.from(new Uint8Array(decoded[1]!.body))).toEqual(Array.from(new Uint8Array(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength)));
  });

  it('frame numbers out of range, zero, or not numbers; a type that is not the stored one', async () => {
    expect((await get(`${path(XA)}/frames/5`)).statusCode).toBe(404);
    for (const f of ['0', '1,x', '-1', '1.5']) expect([f, (await get(`${path(XA)}/frames/${f}`)).statusCode]).toEqual([f, 400]);
    const res = await get(`${path(XA)}/frames/1`, 'multipart/related; type="image/jls"');
    expect([res.statusCode, res.json().error.code]).toEqual([406, 'ATRIUM_ERR_WEB_NOT_ACCEPTABLE']);
  });
});

describe('WADO-RS rendered', () => {
  it('JPEG by default, PNG when asked, within the viewport, with the window given', async () => {
    const base = `/dicom-web/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}`;
    const jpeg = await get(`${base}/rendered`);
    expect([jpeg.headers['content-type'], jpeg.rawPayload.subarray(0, 2)]).toEqual(['image/jpeg', Buffer.from([0xff, 0xd8])]);
    const png = await get(`${base}/frames/1/rendered?window=40,400&viewport=128,128`, 'image/png');
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.readUInt32BE(16)).toBe(128); // IHDR width
    const thumb = await get(`${path('sc/SC_rgb_2frame.dcm')}/thumbnail`, 'image/png');
    expect(thumb.statusCode).toBe(200);
    for (const q of ['window=40', 'window=40,0', 'window=40,400,sigmoid', 'quality=0', 'viewport=0,10']) {
      expect([q, (await get(`${base}/rendered?${q}`)).statusCode]).toEqual([q, 400]);
    }
    expect((await get(`${base}/rendered`, 'image/gif')).statusCode).toBe(406);
    expect(fx.faults).toEqual([]);
  });
});
