import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SopClass, Tag } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSample } from '../../../../test/support/samples.js';
import { multipartBody } from '../test-support/multipart.js';
import { webFixture, type WebFixture } from '../test-support/web-fixture.js';
import type { DicomJsonObject } from './dicom-json.js';
import { CommandTag } from '../../net/dimse/command-tags.generated.js';
import { jsonTag } from './dicom-json.js';

const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const BAD_STUDY_UID = 'test/fixtures/repro/D1_invalid-VR-on-StudyUID_aborts-import.dcm';

let fx: WebFixture;
beforeEach(async () => {
  fx = await webFixture();
});
afterEach(() => fx.close());

const stow = (parts: { contentType?: string; body: Uint8Array }[], url = '/dicom-web/studies', contentType?: string) => {
  const m = multipartBody(parts);
  return fx.server.app.inject({ method: 'POST', url, payload: m.body, headers: { 'content-type': contentType ?? m.contentType } });
};
const seq = (res: { json: () => unknown }, tag: string): DicomJsonObject[] => ((res.json() as DicomJsonObject)[tag]?.Value ?? []) as DicomJsonObject[];

describe('STOW-RS: uploads through the store receive path (PS3.18 §10.5)', () => {
  it('stores every instance, byte for byte, and answers 200 with the Referenced SOP Sequence', async () => {
    const res = await stow([{ contentType: 'application/dicom', body: readSample('mr/MR_small.dcm') }, { body: readSample('sc/SC_rgb.dcm') }]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const referenced = seq(res, jsonTag(Tag.ReferencedSOPSequence));
    expect(referenced.map((r) => r[jsonTag(Tag.ReferencedSOPInstanceUID)]?.Value?.[0])).toEqual([MR_SOP, '1.2.826.0.1.3680043.8.498.49043964482360854182530167603505525116']);
    expect(referenced[0]![jsonTag(Tag.ReferencedSOPClassUID)]).toEqual({ vr: 'UI', Value: [SopClass.MRImageStorage] });
    expect(String(referenced[0]![jsonTag(Tag.RetrieveURL)]?.Value?.[0])).toMatch(new RegExp(`/dicom-web/studies/${MR_STUDY}/series/.*/instances/${MR_SOP}$`));
    const [stored] = fx.services.workstation.index.getInstances({ SOPInstanceUID: MR_SOP });
    expect(Buffer.compare(readFileSync(fx.services.workstation.files.absolute(stored!.file.path)), Buffer.from(readSample('mr/MR_small.dcm')))).toBe(0);
    expect(stored!.file.receivedFrom).toBe('STOW-RS from 127.0.0.1');
  });

  it('garbage, a refused object and a good one: per-instance failures with reasons (202), the bytes in quarantine, the server goes on', async () => {
    const res = await stow([
      { body: Buffer.from('this is not DICOM at all'.repeat(20)) },
      { body: new Uint8Array(readFileSync(BAD_STUDY_UID)) },
      { contentType: 'text/plain', body: Buffer.from('hello') },
      { body: readSample('mr/MR_small.dcm') },
    ]);
    expect(res.statusCode).toBe(202);
    const failed = seq(res, jsonTag(Tag.FailedSOPSequence));
    expect(failed.map((f) => f[jsonTag(Tag.FailureReason)]?.Value?.[0])).toEqual([0xc000, 0xa900, 0xc000]);
    expect(failed.map((f) => String(f[jsonTag(CommandTag.ErrorComment)]?.Value?.[0]).split(':')[0])).toEqual(['ATRIUM_ERR_PARSE_NOT_DICOM', expect.stringMatching(/^ATRIUM_ERR_VALIDATE_/), 'ATRIUM_ERR_WEB_PART_TYPE']);
    expect(seq(res, jsonTag(Tag.ReferencedSOPSequence))).toHaveLength(1);
    expect(fx.services.workstation.index.listQuarantine().map((q) => q.source)).toEqual(['STOW-RS from 127.0.0.1', 'STOW-RS from 127.0.0.1', 'STOW-RS from 127.0.0.1']);
    expect((await fx.server.app.inject('/api/health')).statusCode).toBe(200);
    expect(readdirSync(fx.services.workstation.files.tmpDir)).toEqual([]); // no spooled part left behind
  });

  it('to /studies/{study}: an instance of another study is refused (A900), its bytes kept', async () => {
    const res = await stow([{ body: readSample('mr/MR_small.dcm') }, { body: readSample('sc/SC_rgb.dcm') }], `/dicom-web/studies/${MR_STUDY}`);
    expect(res.statusCode).toBe(202);
    const [failed] = seq(res, jsonTag(Tag.FailedSOPSequence));
    expect(failed![jsonTag(Tag.FailureReason)]).toEqual({ vr: 'US', Value: [0xa900] });
    expect(failed![jsonTag(Tag.ReferencedSOPClassUID)]).toEqual({ vr: 'UI', Value: [SopClass.SecondaryCaptureImageStorage] });
    expect(String(failed![jsonTag(CommandTag.ErrorComment)]?.Value?.[0])).toMatch(/^ATRIUM_ERR_WEB_STUDY_MISMATCH: the instance belongs to study .* not to study 1\.3\.6/);
    expect(fx.services.workstation.index.listQuarantine()).toHaveLength(1);
  });

  it('nothing stored: 409; a cut upload: what came complete is stored, the cut part refused', async () => {
    expect((await stow([{ body: Buffer.from('junk') }])).statusCode).toBe(409);
    const m = multipartBody([{ body: readSample('mr/MR_small.dcm') }, { body: readSample('sc/SC_rgb.dcm') }]);
    const cut = m.body.subarray(0, m.body.length - 3000);
    const res = await fx.server.app.inject({ method: 'POST', url: '/dicom-web/studies', payload: cut, headers: { 'content-type': m.contentType } });
    expect(res.statusCode).toBe(202);
    expect(seq(res, jsonTag(Tag.ReferencedSOPSequence))).toHaveLength(1);
    expect(String(seq(res, jsonTag(Tag.FailedSOPSequence))[0]![jsonTag(CommandTag.ErrorComment)]?.Value?.[0])).toMatch(/^ATRIUM_ERR_WEB_PART_INCOMPLETE/);
  });

  it('refuses other media types, a multipart without boundary or parts, a bad study UID', async () => {
    const cases: [string, string | undefined, Buffer, number, string][] = [
      ['/dicom-web/studies', 'application/json', Buffer.from('{}'), 415, 'ATRIUM_ERR_WEB_MEDIA_TYPE'],
      ['/dicom-web/studies', 'multipart/related; type="application/dicom+json"; boundary=x', Buffer.from('--x--'), 415, 'ATRIUM_ERR_WEB_MEDIA_TYPE'],
      ['/dicom-web/studies', 'multipart/related; type="application/dicom"', Buffer.from('--x--'), 400, 'ATRIUM_ERR_WEB_BAD_MULTIPART'],
      ['/dicom-web/studies', 'multipart/related; type="application/dicom"; boundary=x', Buffer.from('no parts here'), 400, 'ATRIUM_ERR_WEB_BAD_MULTIPART'],
      ['/dicom-web/studies/..%2F..', 'multipart/related; type="application/dicom"; boundary=x', Buffer.from('--x--'), 400, 'ATRIUM_ERR_WEB_BAD_UID'],
    ];
    for (const [url, contentType, payload, status, code] of cases) {
      const res = await fx.server.app.inject({ method: 'POST', url, payload, headers: contentType ? { 'content-type': contentType } : {} });
      expect([contentType, res.statusCode, res.json().error.code]).toEqual([contentType, status, code]);
    }
    expect(readdirSync(join(fx.services.workstation.files.tmpDir))).toEqual([]);
    expect(fx.faults).toEqual([]);
  });
});
