import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { startAtriumServe } from '../support/serve-process.js';
import { havePeers } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * `atrium serve` as a user runs it: spawn the CLI, wait for "listening", storescu a
 * series from another process, SIGTERM, exit code 0, and `atrium ls series` shows it; the
 * caller policy it prints, and C-FIND for the registered caller only.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const SOURCE = 'samples/mr/MR_small.dcm';
const SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

describe.skipIf(!havePeers('storescu'))('atrium serve (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir('atrium-serve-cli-');
  });
  afterAll(() => removeTempDir(dir));

  it('stores a series sent by storescu, stops cleanly on SIGTERM, and ls shows it', async () => {
    // A series of 3: the sample and two copies with other SOP Instance UIDs of the same length.
    mkdirSync(join(dir, 'series'));
    const bytes = readFileSync(SOURCE).toString('latin1');
    const files = [0, 1, 2].map((i) => {
      const path = join(dir, 'series', `${i}.dcm`);
      writeFileSync(path, Buffer.from(i === 0 ? bytes : bytes.split(SOP).join(`${SOP.slice(0, -5)}${30000 + i}`), 'latin1'));
      return path;
    });
    const store = join(dir, 'store');
    const port = await freePort();
    const serve = await startAtriumServe(store, port, 'ATRIUM_CLI');
    try {
      expect(serve.output()).toMatch(/listening on 127\.0\.0\.1:\d+ as ATRIUM_CLI/);
      const sent = await runTool('storescu', ['-aec', 'ATRIUM_CLI', '127.0.0.1', String(port), ...files]);
      expect(sent.code, sent.output).toBe(0);
      expect(await serve.stop(), serve.output()).toBe(0);
      expect(serve.output()).toMatch(/SIGTERM: stopping/);
    } finally {
      await serve.stop();
    }
    const ls = spawnSync(process.execPath, [CLI, '--store', store, '--json', 'ls', 'series'], { encoding: 'utf8' });
    expect(ls.status, ls.stderr).toBe(0);
    expect(ls.stdout).toContain(SERIES);
    const series = (JSON.parse(ls.stdout) as Record<string, unknown>[]).find((s) => JSON.stringify(s).includes(SERIES));
    expect(JSON.stringify(series)).toMatch(/"NumberOfSeriesRelatedInstances":"?3"?|"instances":3/);
  }, 30_000);

  it.skipIf(!havePeers('findscu'))('prints the caller policy at start; serves C-FIND to the registered caller only', async () => {
    const store = join(dir, 'policy-store');
    const added = spawnSync(process.execPath, [CLI, '--store', store, 'ae', 'add', 'FINDER', '--host', '127.0.0.1', '--port', '104', '--roles', 'call'], { encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);
    const port = await freePort();
    const serve = await startAtriumServe(store, port, 'ATRIUM_CLI');
    try {
      for (let i = 0; i < 100 && !/C-FIND, C-MOVE, C-GET:/.test(serve.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(serve.output()).toContain('associations: any calling AE title, from any host (acceptUnknownCallingAe=true, acceptUnknownHosts=true; 1 AE registered with role "call")');
      expect(serve.output()).toContain('C-ECHO, C-STORE: every caller let in');
      expect(serve.output()).toContain('C-FIND, C-MOVE, C-GET: registered callers only, each from its registered host (acceptUnknownQueryRetrieve=false)');
      const find = (aet: string): Promise<{ code: number | null; output: string }> => runTool('findscu', ['-S', '-aet', aet, '-aec', 'ATRIUM_CLI', '-k', 'QueryRetrieveLevel=STUDY', '-k', 'StudyInstanceUID', '127.0.0.1', String(port)]);
      const known = await find('FINDER');
      expect(known.code, known.output).toBe(0);
      const stranger = await find('STRANGER');
      expect(stranger.code).not.toBe(0);
      for (let i = 0; i < 50 && !/STRANGER@[^ ]+ rejected/.test(serve.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(serve.output()).toMatch(/association from STRANGER@\S+ rejected: C-FIND, C-MOVE and C-GET are served to registered callers only: "STRANGER" at \S+ is not in the AE table/);
      expect(await serve.stop(), serve.output()).toBe(0);
    } finally {
      await serve.stop();
    }
  }, 30_000);
});
