/**
 * A STOW-RS upload of 2 GB to a real `atrium web` process, measured from outside it (peak
 * RSS from /proc, report-resources.mjs): the multipart body is streamed to disk part by part
 * and the 2.1 GB multi-frame object stored by streaming, byte for byte, while the server's
 * memory stays far below the upload's size; a garbage part in the same upload is refused with
 * its reason. The object is made at run time in a temp folder (about 6.5 GB of disk at the peak).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSha256 } from '../../host/src/store/receive-large-object.js';
import { writeSyntheticEnhancedMr, type SyntheticEnhancedMr } from '../../host/src/testing/synthetic-enhanced-mr.js';
import { REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { Tag } from '@atrium/sdk';
import { CommandTag } from '../../host/src/net/dimse/command-tags.generated.js';
import { jsonTag } from '../../host/src/web/dicomweb/dicom-json.js';
import { requireBuiltCli } from '../support/built-cli.js';

const MB = 1e6;
const BOUNDARY = 'atrium-large-upload-boundary-7f3a';

let dir: string;
let mr: SyntheticEnhancedMr & { path: string; sha256: string };
let server: ChildProcess | undefined;

beforeAll(() => {
  dir = makeTempDir('atrium-web-large-');
  const path = join(dir, 'large.dcm');
  mr = { ...writeSyntheticEnhancedMr(path, { frames: 4100, rows: 512, columns: 512, seed: 4100 }), path, sha256: '' };
  mr.sha256 = fileSha256(path);
}, 300_000);
afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  removeTempDir(dir);
});

/** Start `atrium web --port 0` with the resource reporter; resolves with its base URL once it listens. */
function startServer(store: string, report: string): Promise<string> {
  requireBuiltCli();
  server = spawn(process.execPath, ['--import', join(REPO_ROOT, 'test/support/report-resources.mjs'), join(REPO_ROOT, 'host/bin/atrium.js'), '--store', store, 'web', '--port', '0'], {
    env: { ...process.env, ATRIUM_RESOURCES_FILE: report }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`atrium web did not start: ${out}`)), 30_000);
    server!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    server!.on('exit', (code) => reject(new Error(`atrium web exited (${code}): ${out}`)));
  });
}

/** POST a multipart/related body made of the big file and a garbage part, streamed from disk. */
function upload(url: string): Promise<{ status: number; body: Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/dicom-web/studies`, { method: 'POST', headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`, 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`);
    const file = createReadStream(mr.path, { highWaterMark: 1024 * 1024 });
    file.pipe(req, { end: false });
    file.on('error', reject);
    file.on('end', () => req.end(`\r\n--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n${'not DICOM '.repeat(100_000)}\r\n--${BOUNDARY}--\r\n`));
  });
}

describe('a 2 GB STOW-RS upload to atrium web', () => {
  it('is streamed to disk and stored byte for byte in far less memory than its size; the garbage part beside it is refused', async () => {
    expect(statSync(mr.path).size).toBeGreaterThan(2 ** 31);
    const store = join(dir, 'store');
    const report = join(dir, 'resources.json');
    const url = await startServer(store, report);
    const { status, body } = await upload(url);
    expect(status).toBe(202);
    expect(body[jsonTag(Tag.ReferencedSOPSequence)]?.Value?.map((r) => r[jsonTag(Tag.ReferencedSOPInstanceUID)]?.Value?.[0])).toEqual([mr.sopInstanceUID]);
    expect(String(body[jsonTag(Tag.FailedSOPSequence)]?.Value?.[0]?.[jsonTag(CommandTag.ErrorComment)]?.Value?.[0])).toMatch(/^ATRIUM_ERR_PARSE_/);
    const exited = new Promise((r) => server!.once('exit', r));
    server!.kill('SIGTERM');
    await exited;
    const { maxRssBytes } = JSON.parse(readFileSync(report, 'utf8')) as { maxRssBytes: number };
    expect(maxRssBytes).toBeLessThan(320 * MB);
    const [stored] = readdirSync(join(store, 'files'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith(`${mr.sopInstanceUID}.dcm`));
    expect(fileSha256(join(store, 'files', stored!))).toBe(mr.sha256);
  }, 600_000);
});
