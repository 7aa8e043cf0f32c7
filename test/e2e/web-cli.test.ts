import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { atrium } from './cli-helpers.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * `atrium web` as a user runs it: usage errors are coded one-liners (exit 2, no stack);
 * started on a fresh folder it creates the store, prints the URL, serves /api/health and
 * DICOMweb, and stops cleanly on SIGTERM (exit 0); a port in use is a coded error (exit 1).
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');

describe('atrium web (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir('atrium-web-cli-');
  });
  afterAll(() => removeTempDir(dir));

  it('refuses a bad port, a stray argument, an empty --bind, with coded usage errors', async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['extra'], ['--bind', '']]) {
      const r = await atrium('--store', join(dir, 'unused'), 'web', ...args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toMatch(/\[ATRIUM_ERR_CLI_BAD_OPTION\]/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect((await atrium('help', 'web')).out).toMatch(/^usage: atrium web \[--port <n>\] \[--bind <address>\] \[--ui <folder>\]/m);
  });

  it('serves the API and DICOMweb on a fresh store until SIGTERM; a port in use is a coded error', async () => {
    const store = join(dir, 'store');
    const child = spawn(process.execPath, [CLI, '--store', store, 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !/open http/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
      const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      expect(url, output).toBeDefined();
      expect(output).toMatch(/bound to 127\.0\.0\.1 \(loopback\)/);
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', auth: 'none', dicomweb: '/dicom-web' });
      expect(await (await fetch(`${url}/dicom-web/studies`)).json()).toEqual([]);
      const busy = await atrium('--store', store, 'web', '--port', new URL(url!).port);
      expect(busy.code).toBe(1);
      expect(busy.err).toMatch(/port \d+ is in use .*\[ATRIUM_ERR_WEB_LISTEN\]/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(store, 'index.sqlite'))).toBe(true);
  });
});
