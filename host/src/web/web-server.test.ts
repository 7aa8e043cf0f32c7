import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import type { HealthResponse, Page, SeriesDetail, StudyDetail, StudySummary } from './api-types.js';
import { webFixture, type WebFixture } from './test-support/web-fixture.js';

const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

let fx: WebFixture;
beforeAll(async () => {
  fx = await webFixture(['mr/MR_small.dcm', 'sc/SC_rgb.dcm', 'us/US1_UNCR.dcm']);
});
afterAll(() => fx.close());

describe('atrium web: health, browsing, the UI placeholder', () => {
  it('GET /api/health says what is served', async () => {
    const res = await fx.server.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json<HealthResponse>()).toMatchObject({ status: 'ok', store: fx.storeRoot, validation: 'safety', dicomweb: '/dicom-web', auth: 'none', ui: false });
  });

  it('GET /api/studies lists with DICOM matching and pages', async () => {
    const all = (await fx.server.app.inject('/api/studies')).json<Page<StudySummary>>();
    expect(all.items).toHaveLength(3);
    expect(all.more).toBe(false);
    const mr = (await fx.server.app.inject('/api/studies?ModalitiesInStudy=MR')).json<Page<StudySummary>>();
    expect(mr.items.map((s) => s.StudyInstanceUID)).toEqual([MR_STUDY]);
    expect(mr.items[0]).toMatchObject({ ModalitiesInStudy: 'MR', NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: 1 });
    const paged = (await fx.server.app.inject('/api/studies?limit=2')).json<Page<StudySummary>>();
    expect([paged.items.length, paged.more]).toEqual([2, true]);
    const rest = (await fx.server.app.inject('/api/studies?limit=2&offset=2')).json<Page<StudySummary>>();
    expect([rest.items.length, rest.more]).toEqual([1, false]);
    expect(new Set([...paged.items, ...rest.items].map((s) => s.StudyInstanceUID)).size).toBe(3);
  });

  it('refuses a misspelt key, a lower-level key, an empty value, a bad range, a bad limit, a repeated key', async () => {
    const cases: [string, string][] = [
      ['/api/studies?PatientNam=DOE', 'ATRIUM_ERR_QUERY_UNKNOWN_KEY'],
      ['/api/studies?SOPInstanceUID=1.2', 'ATRIUM_ERR_QUERY_KEY_LEVEL'],
      ['/api/studies?PatientName=', 'ATRIUM_ERR_QUERY_EMPTY_VALUE'],
      ['/api/studies?StudyDate=20201231-20200101', 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      ['/api/studies?limit=0', 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/api/studies?limit=abc', 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/api/studies?PatientID=a&PatientID=b', 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
    ];
    for (const [url, code] of cases) {
      const res = await fx.server.app.inject(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 400, code]);
    }
    expect(fx.faults).toEqual([]);
  });

  it('a study with its series, a series with its instances; 404 for what is not stored', async () => {
    const study = (await fx.server.app.inject(`/api/studies/${MR_STUDY}`)).json<StudyDetail>();
    expect(study.study.StudyInstanceUID).toBe(MR_STUDY);
    expect(study.series).toEqual([expect.objectContaining({ SeriesInstanceUID: MR_SERIES, Modality: 'MR', NumberOfSeriesRelatedInstances: 1, source: 'test: mr/MR_small.dcm', thumbnailUrl: `/api/series/${MR_SERIES}/thumbnail` })]);
    const series = (await fx.server.app.inject(`/api/series/${MR_SERIES}`)).json<SeriesDetail>();
    expect(series.study.StudyInstanceUID).toBe(MR_STUDY);
    expect(series.instances).toEqual([expect.objectContaining({ SOPInstanceUID: '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457', Rows: 64, Columns: 64 })]);
    const missing = await fx.server.app.inject('/api/studies/1.2.3.4');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'ATRIUM_ERR_WEB_NOT_FOUND']);
  });

  it('serves a placeholder page at / without a UI bundle, and the bundle (with client-side routes) when there is one', async () => {
    const page = await fx.server.app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('the browser UI is not built');
    const folder = makeTempDir('atrium-ui-');
    try {
      mkdirSync(join(folder, 'assets'));
      writeFileSync(join(folder, 'index.html'), '<!doctype html><title>ui</title>');
      writeFileSync(join(folder, 'assets', 'app.js'), 'console.log(1)');
      const withUi = await webFixture([], { uiFolder: folder });
      try {
        expect((await withUi.server.app.inject('/')).body).toContain('<title>ui</title>');
        expect((await withUi.server.app.inject('/assets/app.js')).body).toBe('console.log(1)');
        expect((await withUi.server.app.inject('/study/1.2.3')).body).toContain('<title>ui</title>');
        expect((await withUi.server.app.inject('/api/health')).json<HealthResponse>().ui).toBe(true);
        const api404 = await withUi.server.app.inject('/api/unknown');
        expect([api404.statusCode, api404.json().error.code]).toEqual([404, 'ATRIUM_ERR_WEB_NOT_FOUND']);
      } finally {
        await withUi.close();
      }
    } finally {
      removeTempDir(folder);
    }
  });
});
