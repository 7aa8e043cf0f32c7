import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFixture, type WebFixture } from '../test-support/web-fixture.js';
import type { DicomJsonObject } from './dicom-json.js';
import { Tag } from '@atrium/sdk';
import { jsonTag } from './dicom-json.js';

const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';
const JAPANESE_STUDY = '1.3.6.1.4.1.5962.1.2.0.1175775771.5702.0';

let fx: WebFixture;
beforeAll(async () => {
  fx = await webFixture(['mr/MR_small.dcm', 'mr/MR2_J2KI.dcm', 'us/US1_UNCR.dcm', 'charsets/chrH31.dcm', 'xa/gdcm-XA-4frame-jpll.dcm']);
});
afterAll(() => fx.close());

const get = (url: string, headers: Record<string, string> = {}) => fx.server.app.inject({ url, headers });
const uids = (body: DicomJsonObject[], tag: string): string[] => body.map((m) => String((m[tag]?.Value ?? [])[0]));

describe('QIDO-RS: the C-FIND query engine over HTTP (PS3.18 §10.6)', () => {
  it('searches studies with DICOM JSON, RetrieveURL and the counts', async () => {
    const res = await get('/dicom-web/studies?PatientName=compressedsamples*&ModalitiesInStudy=MR');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const body = res.json<DicomJsonObject[]>();
    expect(uids(body, jsonTag(Tag.StudyInstanceUID)).sort()).toEqual(['1.3.6.1.4.1.5962.1.2.4.20040826185059.5457', '1.3.6.1.4.1.5962.1.2.5.20040826185059.5457']);
    const mr = body.find((m) => m[jsonTag(Tag.StudyInstanceUID)]?.Value?.[0] === MR_STUDY)!;
    expect(mr[jsonTag(Tag.PatientName)]).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'CompressedSamples^MR1' }] });
    expect(mr[jsonTag(Tag.ModalitiesInStudy)]).toEqual({ vr: 'CS', Value: ['MR'] });
    expect(mr[jsonTag(Tag.NumberOfStudyRelatedSeries)]).toEqual({ vr: 'IS', Value: [1] });
    expect(mr[jsonTag(Tag.RetrieveURL)]).toEqual({ vr: 'UR', Value: [`http://localhost:80/dicom-web/studies/${MR_STUDY}`] });
    expect(mr[jsonTag(Tag.InstanceAvailability)]).toEqual({ vr: 'CS', Value: ['ONLINE'] });
    expect(Object.keys(mr)).toEqual([...Object.keys(mr)].sort());
  });

  it('matches by tag as well as keyword, dates by range, UIDs by list; an empty value only returns the attribute', async () => {
    const byTag = (await get(`/dicom-web/studies?0020000D=${MR_STUDY}`)).json<DicomJsonObject[]>();
    expect(uids(byTag, jsonTag(Tag.StudyInstanceUID))).toEqual([MR_STUDY]);
    const list = (await get(`/dicom-web/studies?StudyInstanceUID=${MR_STUDY}%5C${JAPANESE_STUDY}`)).json<DicomJsonObject[]>();
    expect(uids(list, jsonTag(Tag.StudyInstanceUID)).sort()).toEqual([MR_STUDY, JAPANESE_STUDY].sort());
    const range = (await get('/dicom-web/studies?StudyDate=20040101-20041231')).json<DicomJsonObject[]>();
    expect(range.length).toBeGreaterThanOrEqual(3);
    expect(range.every((m) => String(m[jsonTag(Tag.StudyDate)]?.Value?.[0]).startsWith('2004'))).toBe(true);
    const withEmpty = (await get('/dicom-web/studies?PatientAge=')).json<DicomJsonObject[]>();
    expect(withEmpty).toHaveLength(5);
  });

  it('PN comes back as Alphabetic / Ideographic / Phonetic groups', async () => {
    const [japanese] = (await get(`/dicom-web/studies?StudyInstanceUID=${JAPANESE_STUDY}`)).json<DicomJsonObject[]>();
    expect(japanese![jsonTag(Tag.PatientName)]).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }] });
  });

  it('series and instances: scoped by the path, all of them with the study attributes, includefield adds attributes', async () => {
    const series = (await get(`/dicom-web/studies/${MR_STUDY}/series`)).json<DicomJsonObject[]>();
    expect(uids(series, jsonTag(Tag.SeriesInstanceUID))).toEqual([MR_SERIES]);
    expect(series[0]![jsonTag(Tag.PatientName)]).toBeUndefined(); // scoped to a study: study attributes are not repeated
    const all = (await get('/dicom-web/series?Modality=XA')).json<DicomJsonObject[]>();
    expect(all).toHaveLength(1);
    expect(all[0]![jsonTag(Tag.PatientName)]).toBeDefined();
    const instances = (await get(`/dicom-web/studies/${MR_STUDY}/series/${MR_SERIES}/instances?includefield=00200013,ProtocolName`)).json<DicomJsonObject[]>();
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ [jsonTag(Tag.SOPInstanceUID)]: { vr: 'UI', Value: ['1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457'] }, [jsonTag(Tag.Rows)]: { vr: 'US', Value: [64] } });
    expect(instances[0]![jsonTag(Tag.ProtocolName)]).toEqual({ vr: 'LO' }); // ProtocolName asked for, a series key the index holds: returned (empty here)
    const xa = (await get('/dicom-web/instances?NumberOfFrames=4')).json<DicomJsonObject[]>();
    expect(xa).toHaveLength(1);
  });

  it('limit and offset page, with the Warning of PS3.18 when more results exist', async () => {
    const first = await get('/dicom-web/studies?limit=2');
    expect(first.json<DicomJsonObject[]>()).toHaveLength(2);
    expect(first.headers.warning).toMatch(/additional results/);
    const rest = await get('/dicom-web/studies?limit=10&offset=2');
    expect(rest.json<DicomJsonObject[]>()).toHaveLength(3);
    expect(rest.headers.warning).toBeUndefined();
  });

  it('fuzzymatching=true gets literal matching and the Warning; an attribute the index does not hold is ignored with a Warning', async () => {
    const fuzzy = await get('/dicom-web/studies?PatientName=compressedsamples%5Emr1&fuzzymatching=true');
    expect(uids(fuzzy.json(), jsonTag(Tag.StudyInstanceUID))).toEqual([MR_STUDY]);
    expect(fuzzy.headers.warning).toMatch(/fuzzymatching parameter is not supported/);
    const ignored = await get('/dicom-web/studies?PatientMotherBirthName=X');
    expect(ignored.statusCode).toBe(200);
    expect(ignored.headers.warning).toMatch(/not supported for matching and were ignored: PatientMotherBirthName/);
  });

  it('refuses misspelt keys, keys of a lower level, bad ranges, sequences, repeated keys, bad limits and other media types', async () => {
    const cases: [string, number, string, Record<string, string>?][] = [
      ['/dicom-web/studies?PatientNam=X', 400, 'ATRIUM_ERR_QUERY_UNKNOWN_KEY'],
      ['/dicom-web/studies?SOPInstanceUID=1.2', 400, 'ATRIUM_ERR_QUERY_KEY_LEVEL'],
      ['/dicom-web/studies?StudyDate=20201301', 400, 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      ['/dicom-web/studies?RequestAttributesSequence.ScheduledProcedureStepID=1', 400, 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/dicom-web/studies?PatientID=a&PatientID=b', 400, 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/dicom-web/studies?limit=0', 400, 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/dicom-web/studies?includefield=NoSuchThing', 400, 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/dicom-web/studies', 406, 'ATRIUM_ERR_WEB_NOT_ACCEPTABLE', { accept: 'application/dicom+xml' }],
      ['/dicom-web/studies/1.2.3%5C4.5/series', 400, 'ATRIUM_ERR_WEB_BAD_UID'],
      ['/dicom-web/studies/*/series', 400, 'ATRIUM_ERR_WEB_BAD_UID'],
    ];
    for (const [url, status, code, headers] of cases) {
      const res = await get(url, headers);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, status, code]);
    }
    expect(fx.faults).toEqual([]);
  });

  it('answers an empty array when nothing matches', async () => {
    const res = await get('/dicom-web/studies?PatientID=nobody');
    expect([res.statusCode, res.json()]).toEqual([200, []]);
  });
});
