import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBytes } from '../../../test/support/seeded-random.js';
import { multipartBody } from './test-support/multipart.js';
import { webFixture, type WebFixture } from './test-support/web-fixture.js';
import { Tag } from '@atrium/sdk';
import { CommandTag } from '../net/dimse/command-tags.generated.js';
import { jsonTag } from './dicomweb/dicom-json.js';

const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';
const TOKEN = 'a-test-token-that-is-long-enough';

describe('off loopback: every request needs the access token', () => {
  let fx: WebFixture;
  beforeAll(async () => {
    fx = await webFixture(['mr/MR_small.dcm'], { bind: '0.0.0.0', token: TOKEN });
  });
  afterAll(() => fx.close());

  it('401 without it or with a wrong one, on the API, DICOMweb, the UI, the event stream and uploads', async () => {
    expect(fx.server.token).toBe(TOKEN);
    const requests = [
      { url: '/api/health' }, { url: '/api/studies' }, { url: '/dicom-web/studies' }, { url: `/dicom-web/studies/${MR_STUDY}` },
      { url: '/' }, { url: '/index.html' }, { url: '/api/events' }, { url: '/api/nothing-here' },
      { url: '/dicom-web/studies', method: 'POST' as const, payload: 'x', headers: { 'content-type': 'multipart/related; boundary=x' } },
    ];
    for (const wrong of [undefined, 'Bearer nope', 'Basic dXNlcjpwYXNz', `Bearer ${TOKEN}x`, TOKEN]) {
      for (const r of requests) {
        const res = await fx.server.app.inject({ ...r, headers: { host: '10.1.2.3:8042', ...('headers' in r ? r.headers : {}), ...(wrong ? { authorization: wrong } : {}) } });
        expect([r.url, wrong, res.statusCode, res.json().error.code]).toEqual([r.url, wrong, 401, 'ATRIUM_ERR_WEB_UNAUTHORIZED']);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="atrium"');
      }
    }
    const wrongQuery = await fx.server.app.inject({ url: '/api/health?access_token=nope', headers: { host: '10.1.2.3:8042' } });
    expect(wrongQuery.statusCode).toBe(401);
    expect(fx.services.workstation.index.listQuarantine()).toEqual([]); // the refused upload never reached the store
  });

  it('accepts it as a bearer token, as ?access_token= (which sets the cookie), and as that cookie', async () => {
    const host = { host: 'workstation.local:8042' };
    expect((await fx.server.app.inject({ url: '/dicom-web/studies', headers: { ...host, authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    const viaQuery = await fx.server.app.inject({ url: `/?access_token=${TOKEN}`, headers: host });
    expect(viaQuery.statusCode).toBe(200);
    expect(viaQuery.headers['set-cookie']).toBe(`atrium_token=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    expect((await fx.server.app.inject({ url: '/api/studies', headers: { ...host, cookie: `other=1; atrium_token=${TOKEN}` } })).statusCode).toBe(200);
    expect((await fx.server.app.inject({ url: '/api/health', headers: { ...host, authorization: `Bearer ${TOKEN}` } })).json().auth).toBe('token');
  });
});

describe('on loopback', () => {
  let fx: WebFixture;
  beforeAll(async () => {
    fx = await webFixture(['mr/MR_small.dcm']);
  });
  afterAll(() => fx.close());

  it('answers only requests addressed to this machine (no DNS rebinding)', async () => {
    for (const host of ['localhost:8042', '127.0.0.1:8042', '[::1]:8042', '127.0.0.2']) {
      expect([host, (await fx.server.app.inject({ url: '/api/health', headers: { host } })).statusCode]).toEqual([host, 200]);
    }
    for (const host of ['evil.example:8042', 'localhost.evil.example', '10.0.0.1:8042', '127.0.0.1.evil.example']) {
      const res = await fx.server.app.inject({ url: '/api/studies', headers: { host } });
      expect([host, res.statusCode, res.json().error.code]).toEqual([host, 403, 'ATRIUM_ERR_WEB_HOST']);
    }
  });

  it('refuses state-changing requests from another site\'s page; same-origin ones pass', async () => {
    const m = multipartBody([{ body: new Uint8Array(10) }]);
    const post = (origin: string) => fx.server.app.inject({ method: 'POST', url: '/dicom-web/studies', payload: m.body, headers: { host: 'localhost:8042', origin, 'content-type': m.contentType } });
    const foreign = await post('http://evil.example');
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([403, 'ATRIUM_ERR_WEB_ORIGIN']);
    expect((await post('null')).statusCode).toBe(403);
    expect((await post('http://localhost:8042')).statusCode).toBe(409); // let in: the garbage part is refused by the store
    const del = await fx.server.app.inject({ method: 'DELETE', url: '/api/aes/PACS', headers: { host: 'localhost:8042', origin: 'http://localhost:9999' } });
    expect(del.statusCode).toBe(403);
  });

  it('refuses a UID that is a path, a list or a wildcard wherever a route takes one, and never serves a file outside the UI', async () => {
    const urls = [
      '/api/studies/..%2F..%2Findex.sqlite', '/api/series/%2Fetc%2Fpasswd', '/api/series/1.2.3%5C1.2.4/thumbnail', '/api/studies/1.2.*',
      `/dicom-web/studies/${MR_STUDY}%5C1.2.3`, '/dicom-web/studies/..%2Ffiles/series', '/dicom-web/studies/1..2/metadata',
      '/dicom-web/studies/1.2/series/1.3/instances/..%2F..%2F..%2Findex.sqlite/frames/1', `/dicom-web/studies/${'1'.repeat(65)}`,
      '/api/export?uid=..%2F..%2Findex.sqlite', '/api/export?uid=1.2.3%5C4.5', '/api/apps?series=%2Fetc',
    ];
    for (const url of urls) {
      const res = await fx.server.app.inject(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 400, 'ATRIUM_ERR_WEB_BAD_UID']);
    }
    for (const url of ['/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/../../index.sqlite', '/%2e%2e%2findex.sqlite']) {
      const res = await fx.server.app.inject(url);
      expect(res.body).not.toContain('"name"');
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('SQLite format');
    }
    const run = await fx.server.app.inject({ method: 'POST', url: '/api/apps/series-summary/run', payload: { seriesInstanceUID: '../../x' } });
    expect([run.statusCode, run.json().error.code]).toEqual([400, 'ATRIUM_ERR_WEB_BAD_UID']);
    expect(fx.faults).toEqual([]);
  });

  it('STOW of garbage of every size: each part a failure with its reason, and the server keeps serving', async () => {
    const sizes = [0, 1, 4, 127, 128, 131, 132, 1000, 65_537];
    const m = multipartBody(sizes.map((n, i) => ({ body: i === 5 ? Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), seededBytes(i, n)]) : seededBytes(i, n) })));
    const res = await fx.server.app.inject({ method: 'POST', url: '/dicom-web/studies', payload: m.body, headers: { 'content-type': m.contentType } });
    expect(res.statusCode).toBe(409);
    const failed = (res.json()[jsonTag(Tag.FailedSOPSequence)].Value as Record<string, { Value?: unknown[] }>[]);
    expect(failed).toHaveLength(sizes.length);
    expect(failed.every((f) => /^ATRIUM_ERR_PARSE_/.test(String(f[jsonTag(CommandTag.ErrorComment)]?.Value?.[0])))).toBe(true);
    expect((await fx.server.app.inject('/dicom-web/studies')).statusCode).toBe(200);
    expect(fx.faults).toEqual([]);
  });
});
