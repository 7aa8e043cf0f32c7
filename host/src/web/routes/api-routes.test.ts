import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SopClass } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSample } from '../../../../test/support/samples.js';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import type { AeTable, AppSummary, DeidJobResult, ImportResponse, JobList, JobSummary, Page, QuarantineItem, ServerEvent } from '../api-types.js';
import { setNetworkSetting, unsetNetworkSetting } from '../../net/config/load-network-config.js';
import { webFixture, type WebFixture } from '../test-support/web-fixture.js';

const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';
const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

let fx: WebFixture;
let port: number;
const tmp = makeTempDir('atrium-api-');
beforeAll(async () => {
  fx = await webFixture(['mr/MR_small.dcm', 'sc/SC_rgb.dcm']);
  fx.services.runner.start();
  port = (await fx.server.listen()).port;
});
afterAll(async () => {
  await fx.close();
  removeTempDir(tmp);
});

const post = (url: string, payload?: unknown) => fx.server.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });

/** Follow a job until it is finished (bounded: 300 polls of 100 ms). */
async function finished(id: number): Promise<JobSummary> {
  for (let i = 0; i < 300; i++) {
    const job = (await fx.server.app.inject(`/api/jobs/${id}`)).json<JobSummary>();
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('apps and jobs', () => {
  it('lists the apps with their parameter schemas, and says which take a series and why not', async () => {
    const apps = (await fx.server.app.inject(`/api/apps?series=${MR_SERIES}`)).json<AppSummary[]>();
    const calcium = apps.find((a) => a.id === 'atrium.calcium-scoring.calcium-scoring')!;
    expect(calcium.parameters.seeds).toMatchObject({ type: 'string' });
    expect(calcium.parameters.threshold).toMatchObject({ type: expect.stringMatching(/number|integer/) });
    expect(calcium).toMatchObject({ accepts: false, notAccepted: 'the series is MR; the app takes CT', input: { modality: ['CT'] } });
    expect(apps.find((a) => a.id === 'example.series-summary.series-summary')).toMatchObject({ accepts: true });
    expect((await fx.server.app.inject('/api/apps')).json<AppSummary[]>().every((a) => a.accepts === undefined)).toBe(true);
  });

  it('runs an app as a job: 202, progress and state on the event stream, the result with what it wrote', async () => {
    const events: ServerEvent[] = [];
    const disconnect = await connectEvents(events);
    const res = await post('/api/apps/series-summary/run', { seriesInstanceUID: MR_SERIES, params: { thumbnails: 1 } });
    expect(res.statusCode).toBe(202);
    const job = res.json<JobSummary>();
    expect(job).toMatchObject({ type: 'app.run', state: 'pending', label: `example.series-summary.series-summary on ${MR_SERIES}` });
    const done = await finished(job.id);
    expect(done.state).toBe('completed');
    const result = done.result as { written: { seriesInstanceUID: string }[]; summary: string };
    expect(result.written.length).toBeGreaterThan(0);
    // The stream's last event may still be on its way when the poll sees the job finished (under load): wait for it, bounded.
    const jobStates = (): string[] => events.filter((e) => e.type === 'job' && e.job.id === job.id).map((e) => (e as { job: JobSummary }).job.state);
    for (let i = 0; i < 100 && !jobStates().includes('completed'); i++) await new Promise((r) => setTimeout(r, 50));
    disconnect();
    expect(jobStates()).toEqual(expect.arrayContaining(['running', 'completed']));
    expect(events.some((e) => e.type === 'instance-stored' && e.SeriesInstanceUID === result.written[0]!.seriesInstanceUID)).toBe(true);
    const list = (await fx.server.app.inject('/api/jobs?state=completed&type=app.run')).json<JobList>();
    expect(list.items.map((j) => j.id)).toContain(job.id);
  });

  it('refuses bad parameters, a series the app does not take, an unknown app, a bad job id, with codes', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/apps/series-summary/run', { seriesInstanceUID: MR_SERIES, params: { thumbnailz: 1 } }, 400, 'ATRIUM_ERR_PARAM_UNKNOWN'],
      ['/api/apps/series-summary/run', { seriesInstanceUID: MR_SERIES, params: { thumbnails: 'many' } }, 400, 'ATRIUM_ERR_PARAM_INVALID'],
      ['/api/apps/calcium-scoring/run', { seriesInstanceUID: MR_SERIES }, 400, 'ATRIUM_ERR_WEB_APP_INPUT'],
      ['/api/apps/no-such-app/run', { seriesInstanceUID: MR_SERIES }, 404, 'ATRIUM_ERR_APP_UNKNOWN'],
      ['/api/apps/series-summary/run', { seriesInstanceUID: MR_SERIES, studyInstanceUID: MR_STUDY }, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
      ['/api/apps/series-summary/run', { seriesInstanceUID: '1.2.3' }, 404, 'ATRIUM_ERR_WEB_NOT_FOUND'],
      ['/api/apps/series-summary/run', undefined, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
      ['/api/jobs/abc/cancel', undefined, 400, 'ATRIUM_ERR_WEB_BAD_PARAMETER'],
      ['/api/jobs/999999/cancel', undefined, 404, 'ATRIUM_ERR_JOB_NOT_FOUND'],
    ];
    for (const [url, body, status, code] of cases) {
      const res = await post(url, body);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, status, code]);
    }
    const bad = await fx.server.app.inject({ method: 'POST', url: '/api/apps/series-summary/run', payload: '{not json', headers: { 'content-type': 'application/json' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'ATRIUM_ERR_WEB_BAD_BODY']);
    expect(fx.faults).toEqual([]);
  });
});

/** Listen to the event stream of the running server over real HTTP, once connected; returns the function that stops. */
async function connectEvents(into: ServerEvent[]): Promise<() => void> {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/events`, { signal: controller.signal });
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  void (async () => {
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const data = text.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
        if (data) into.push(JSON.parse(data.slice(6)) as ServerEvent);
        text = text.slice(end + 2);
      }
    }
  })().catch(() => undefined);
  return () => controller.abort();
}

describe('the AE table and network jobs', () => {
  it('adds, lists, removes AEs, refusing bad values with the table\'s codes', async () => {
    const added = await post('/api/aes', { title: 'PACS', host: '127.0.0.1', port: 1, roles: ['store', 'query'] });
    expect([added.statusCode, added.json()]).toEqual([201, { title: 'PACS', host: '127.0.0.1', port: 1, roles: ['store', 'query'] }]);
    const table = (await fx.server.app.inject('/api/aes')).json<AeTable>();
    expect(table).toMatchObject({ local: { aeTitle: 'ATRIUM', port: 11112 }, items: [{ title: 'PACS' }] });
    for (const [body, code] of [
      [{ title: 'WAY_TOO_LONG_TITLE_X', host: 'h', port: 104 }, 'ATRIUM_ERR_AE_BAD_VALUE'],
      [{ title: 'X', host: 'bad host', port: 104 }, 'ATRIUM_ERR_AE_BAD_VALUE'],
      [{ title: 'X', host: 'h', port: 70000 }, 'ATRIUM_ERR_AE_BAD_VALUE'],
      [{ title: 'X', host: 'h', port: 104, roles: ['admin'] }, 'ATRIUM_ERR_AE_BAD_VALUE'],
      [{ host: 'h', port: 104 }, 'ATRIUM_ERR_WEB_BAD_BODY'],
    ] as const) {
      const res = await post('/api/aes', body);
      expect([body, res.statusCode, res.json().error.code]).toEqual([body, 400, code]);
    }
    const unknown = await fx.server.app.inject({ method: 'DELETE', url: '/api/aes/NOBODY' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'ATRIUM_ERR_AE_UNKNOWN']);
  });

  it('echo, find, retrieve and send are jobs; an AE that does not answer fails the job with its code, not the server', async () => {
    const echo = await post('/api/aes/PACS/echo');
    expect(echo.statusCode).toBe(202);
    const failed = await finished(echo.json<JobSummary>().id);
    expect(failed).toMatchObject({ type: 'net.echo', state: 'failed', error: { code: expect.stringMatching(/^ATRIUM_ERR_/) } });
    const find = await post('/api/aes/PACS/find', { level: 'STUDY', keys: { PatientName: 'DOE*', StudyDate: '20200101-' } });
    expect(find.json<JobSummary>()).toMatchObject({ type: 'net.find', label: 'find study at PACS' });
    await post(`/api/jobs/${find.json<JobSummary>().id}/cancel`);
    const send = await post('/api/send', { ae: 'PACS', uids: [MR_STUDY] });
    expect(send.json<JobSummary>()).toMatchObject({ type: 'net.send', label: `send ${MR_STUDY} to PACS` });
    await post(`/api/jobs/${send.json<JobSummary>().id}/cancel`);
    const cases: [string, unknown, number, string][] = [
      ['/api/aes/PACS/find', { level: 'SERIE', keys: {} }, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
      ['/api/aes/PACS/find', { level: 'STUDY', keys: { PatientNam: 'X' } }, 400, 'ATRIUM_ERR_QUERY_UNKNOWN_KEY'],
      ['/api/aes/PACS/find', { level: 'STUDY', keys: { StudyDate: '2020-2019' } }, 400, 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      ['/api/aes/PACS/retrieve', { uid: '1.2.3', method: 'push' }, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
      ['/api/aes/PACS/retrieve', { uid: '1.2.3', method: 'get', destination: 'X' }, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
      ['/api/aes/PACS/retrieve', { uid: '1.2.*' }, 400, 'ATRIUM_ERR_WEB_BAD_UID'],
      ['/api/aes/NOBODY/retrieve', { uid: '1.2.3' }, 404, 'ATRIUM_ERR_AE_UNKNOWN'],
      ['/api/send', { ae: 'PACS', uids: ['1.2.3'] }, 404, 'ATRIUM_ERR_WEB_NOT_FOUND'],
      ['/api/send', { ae: 'PACS', uids: [] }, 400, 'ATRIUM_ERR_WEB_BAD_BODY'],
    ];
    for (const [url, body, status, code] of cases) {
      const res = await post(url, body);
      expect([url, body, res.statusCode, res.json().error.code]).toEqual([url, body, status, code]);
    }
    const retrieve = await post('/api/aes/PACS/retrieve', { uid: '1.2.3', method: 'get' });
    expect(retrieve.json<JobSummary>()).toMatchObject({ type: 'net.get', label: 'get 1.2.3 from PACS' });
    await post(`/api/jobs/${retrieve.json<JobSummary>().id}/cancel`);
  });
});

describe('de-identify, export, import, quarantine', () => {
  it('de-identifies a series into new objects in the store; the original stays as it was', async () => {
    const before = readFileSync(fx.services.workstation.files.absolute(fx.services.workstation.index.getInstances({ SOPInstanceUID: MR_SOP })[0]!.file.path));
    const res = await post('/api/deidentify', { uids: [MR_SERIES], set: { PatientName: 'ANON^WEB' } });
    expect(res.statusCode).toBe(202);
    const done = await finished(res.json<JobSummary>().id);
    expect(done.state).toBe('completed');
    const result = done.result as DeidJobResult;
    expect(result).toMatchObject({ written: 1, refused: 0, problems: [] });
    expect(result.studies[0]).not.toBe(MR_STUDY);
    const [copy] = (await fx.server.app.inject(`/api/studies?StudyInstanceUID=${result.studies[0]}`)).json<Page<{ PatientName: string }>>().items;
    expect(copy!.PatientName).toBe('ANON^WEB');
    const after = readFileSync(fx.services.workstation.files.absolute(fx.services.workstation.index.getInstances({ SOPInstanceUID: MR_SOP })[0]!.file.path));
    expect(Buffer.compare(before, after)).toBe(0);
    for (const [body, code] of [
      [{ uids: [MR_STUDY], options: ['retain-uids'] }, 'ATRIUM_ERR_WEB_DEID_RETAIN_UIDS'],
      [{ uids: [MR_STUDY], options: ['retain-everything'] }, 'ATRIUM_ERR_WEB_BAD_BODY'],
      [{ uids: [MR_STUDY], set: { PatientComments: 'x' } }, 'ATRIUM_ERR_DEID_USER_VALUE'],
      [{ uids: [MR_STUDY], set: { PatientBirthDate: '1990' } }, 'ATRIUM_ERR_DEID_USER_VALUE'],
      [{ uids: [MR_STUDY], preset: 'gca-9300r', options: ['retain-safe-private'] }, 'ATRIUM_ERR_WEB_BAD_BODY'],
      [{ uids: [MR_STUDY], preset: 'dar-9500f' }, 'ATRIUM_ERR_DEID_UID_ROOT'],
      [{ uids: [MR_STUDY], preset: 'dar' }, 'ATRIUM_ERR_WEB_BAD_BODY'],
    ] as const) {
      const bad = await post('/api/deidentify', body);
      expect([body, bad.statusCode, bad.json().error.code]).toEqual([body, 400, code]);
    }
  });

  it('de-identifies with the dar-9500f preset under the store\'s uidRoot: SOP Instance UIDs under <root>.66', async () => {
    setNetworkSetting(fx.services.settings, 'uidRoot', '1.2.392.200036.9110');
    try {
      const res = await post('/api/deidentify', { uids: [MR_SERIES], preset: 'dar-9500f' });
      expect(res.statusCode).toBe(202);
      const done = await finished(res.json<JobSummary>().id);
      expect(done.state).toBe('completed');
      const result = done.result as DeidJobResult;
      expect(result.studies[0]).toMatch(/^1\.2\.392\.200036\.9110\.(?!66\.)\d+$/);
      const [copy] = fx.services.workstation.index.getInstances({ StudyInstanceUID: result.studies[0]! });
      expect(copy?.instance.SOPInstanceUID).toMatch(/^1\.2\.392\.200036\.9110\.66\.\d+$/);
    } finally {
      unsetNetworkSetting(fx.services.settings, 'uidRoot');
    }
  });

  it('exports stored files byte for byte as a zip', async () => {
    const res = await fx.server.app.inject(`/api/export?uid=${MR_STUDY}&uid=${MR_SOP}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="atrium-export-\d+\.zip"$/);
    const zip = join(tmp, 'export.zip');
    writeFileSync(zip, res.rawPayload);
    const out = join(tmp, 'unzipped');
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out]);
    const exported = readFileSync(join(out, MR_STUDY, MR_SERIES, `${MR_SOP}.dcm`));
    expect(Buffer.compare(exported, Buffer.from(readSample('mr/MR_small.dcm')))).toBe(0);
    const missing = await fx.server.app.inject('/api/export?uid=1.2.3');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'ATRIUM_ERR_WEB_NOT_FOUND']);
  });

  it('imports uploaded files (multipart/form-data or one application/dicom body): refused ones with their reason, listed in quarantine', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(readSample('us/US1_UNCR.dcm'))]), 'US1_UNCR.dcm');
    form.append('note', 'a form field that is not a file');
    form.append('file', new Blob([Buffer.from('not dicom, just text')]), 'notes.txt');
    const request = new Request('http://localhost/api/import', { method: 'POST', body: form });
    const res = await fx.server.app.inject({ method: 'POST', url: '/api/import', payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    expect(res.statusCode).toBe(409);
    const body = res.json<ImportResponse>();
    expect(body).toMatchObject({ stored: 1, refused: 1 });
    expect(body.items).toEqual([
      expect.objectContaining({ name: 'US1_UNCR.dcm', status: 'stored', SOPClassUID: SopClass.UltrasoundImageStorage }),
      expect.objectContaining({ name: 'notes.txt', status: 'rejected', code: 'ATRIUM_ERR_PARSE_NOT_DICOM' }),
    ]);
    const quarantine = (await fx.server.app.inject('/api/quarantine')).json<Page<QuarantineItem>>();
    expect(quarantine.items[0]).toMatchObject({ reasonCode: 'ATRIUM_ERR_PARSE_NOT_DICOM', source: 'upload from 127.0.0.1: notes.txt', path: expect.stringMatching(/^quarantine\//) });
    const single = await fx.server.app.inject({ method: 'POST', url: '/api/import', payload: Buffer.from(readSample('xa/gdcm-XA-4frame-jpll.dcm')), headers: { 'content-type': 'application/dicom', 'x-file-name': 'XA.dcm' } });
    expect([single.statusCode, single.json<ImportResponse>().items[0]]).toEqual([200, expect.objectContaining({ name: 'XA.dcm', status: 'stored' })]);
    const wrongType = await fx.server.app.inject({ method: 'POST', url: '/api/import', payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([415, 'ATRIUM_ERR_WEB_MEDIA_TYPE']);
  });

  it('serves a PNG thumbnail of a series\' middle image, and 404 for a series without images', async () => {
    const res = await fx.server.app.inject(`/api/series/${MR_SERIES}/thumbnail?size=32`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect([res.rawPayload.readUInt32BE(16), res.rawPayload.readUInt32BE(20)]).toEqual([32, 32]);
    expect((await fx.server.app.inject('/api/series/1.2.3/thumbnail')).statusCode).toBe(404);
    expect(fx.faults).toEqual([]);
  });
});
