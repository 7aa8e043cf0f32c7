import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tag } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { reconcileStore } from '../../host/src/store/reconcile-store.js';
import { syntheticCtSeries } from '../../host/src/testing/synthetic-ct-series.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { auditStore, type StoreAudit } from '../support/store-audit.js';
import { seededRandom } from '../support/seeded-random.js';
import { sqliteOf } from '../../host/src/db/test-support/sqlite-of.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * Crash safety of the store (instance-store.ts: validate → intent → atomic file → index
 * → forget intent; reconcile-store.ts at every start). The CLI import is killed with
 * SIGKILL at seeded moments; after each kill the store must be whole, and finishing the
 * import must leave every instance stored once, byte-identical to its input.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const COUNT = 200;
const work = mkdtempSync(join(tmpdir(), 'atrium-crash-'));
const inputDir = join(work, 'input');
const inputs = new Map<string, Uint8Array>();

beforeAll(() => {
  requireBuiltCli();
  mkdirSync(inputDir);
  syntheticCtSeries({ slices: COUNT, rows: 64, columns: 64, seed: 2024 }).forEach((bytes, i) => {
    writeFileSync(join(inputDir, `ct-${String(i).padStart(3, '0')}.dcm`), bytes);
    inputs.set(parseDicom(bytes, { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!, bytes);
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A store that is whole: nothing left over, nothing to reconcile, files as received. */
function expectWhole(audit: StoreAudit, where: string): void {
  const { startup, ...rest } = audit;
  expect(startup.unreadable, where).toEqual([]);
  expect({ ...rest, indexed: undefined, distinctSops: undefined }, where).toEqual({
    tmpLeft: [],
    intentsLeft: [],
    full: { tmpRemoved: 0, recovered: [], dropped: [], missing: [], unreadable: [], checked: audit.indexed, damaged: [] },
    badRows: [],
    unindexedFiles: [],
    notAsReceived: [],
    unexpected: [],
    quarantined: 0,
    indexed: undefined,
    distinctSops: undefined,
  });
  expect(audit.distinctSops, where).toBe(audit.indexed);
}

function cli(store: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--store', store, '--json', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Instance files under `files/` modified at or after `since` (ms since the epoch). */
function filesWrittenSince(store: string, since: number): number {
  let n = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.dcm') && (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= since) n++;
    }
  };
  if (existsSync(join(store, 'files'))) walk(join(store, 'files'));
  return n;
}

/**
 * Run `atrium import` and SIGKILL it: after `delayMs`, or as soon as `afterFiles` instance
 * files were written by this run (polled). Resolves with how it ended.
 */
function importAndKill(store: string, kill: { delayMs: number } | { afterFiles: number }): Promise<{ killed: boolean; started: number }> {
  return new Promise((done, fail) => {
    const started = Date.now() - 1;
    const child = spawn(process.execPath, [CLI, '--store', store, '--json', 'import', inputDir], { stdio: 'ignore' });
    let timer: NodeJS.Timeout;
    if ('delayMs' in kill) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    } else {
      timer = setInterval(() => {
        if (filesWrittenSince(store, started) >= kill.afterFiles) child.kill('SIGKILL');
      }, 2);
    }
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      done({ killed: signal === 'SIGKILL' && code === null, started });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}


describe('import killed with SIGKILL', () => {
  it('leaves a whole store every time, and finishing the import stores every instance once', async () => {
    // Calibrate: when the first file lands and when the import ends, on this machine now.
    const calibration = join(work, 'calibration');
    const t0 = Date.now();
    let firstFileMs: number | undefined;
    const calibrated = importAndKill(calibration, { afterFiles: COUNT + 1 });
    while (firstFileMs === undefined && !(await Promise.race([calibrated.then(() => true), sleep(2).then(() => false)]))) {
      if (filesWrittenSince(calibration, 0) > 0) firstFileMs = Date.now() - t0;
    }
    expect((await calibrated).killed).toBe(false);
    const fullMs = Date.now() - t0;
    expect(auditStore(calibration, inputs).indexed).toBe(COUNT);
    const startMs = firstFileMs ?? 0;

    const random = seededRandom(0xa7c1);
    const log: string[] = [];
    let midImportKills = 0;
    let store = '';
    for (let round = 0; round < 8; round++) {
      // Even rounds start from an empty store; odd rounds kill a re-import of the same files
      // over the complete store of the round before (each found unchanged: nothing is written,
      // and the store must stay whole all the same).
      if (round % 2 === 0) store = join(work, `store-${round}`);
      // Timed kills: anywhere from just before the first file to the end of a calibrated import.
      const kill = round < 4 ? { delayMs: Math.round(startMs - 20 + random() * (fullMs - startMs)) } : { afterFiles: 1 + Math.floor(random() * 150) };
      const ended = await importAndKill(store, kill);
      const written = filesWrittenSince(store, 0);
      const writtenByThisRun = filesWrittenSince(store, ended.started);
      const audit = auditStore(store, inputs);
      const where = `round ${round} (${JSON.stringify(kill)}, killed=${ended.killed})`;
      expectWhole(audit, where);
      const stateAtKill = `${writtenByThisRun} files written by the killed run, ${audit.indexed} indexed, startup: ${audit.startup.tmpRemoved} tmp removed, ${audit.startup.recovered.length} recovered, ${audit.startup.dropped.length} dropped`;
      if (ended.killed && writtenByThisRun > 0 && writtenByThisRun < COUNT) midImportKills++;
      if (round % 2 === 0) expect(audit.indexed, where).toBe(written);

      const finish = cli(store, 'import', inputDir);
      expect(finish.status, `${where}: ${finish.stderr}`).toBe(0);
      const summary = JSON.parse(finish.stdout) as { stored: number; replaced: number; rejected: number; duplicate: number; unchanged: number };
      // What the killed run stored whole is found unchanged (same bytes): not written again.
      expect(summary.stored + summary.replaced + summary.unchanged, where).toBe(COUNT);
      expect([summary.rejected, summary.duplicate - summary.unchanged], where).toEqual([0, 0]);
      const ls = JSON.parse(cli(store, 'ls', 'instances').stdout) as { SOPInstanceUID: string }[];
      expect(ls.map((r) => r.SOPInstanceUID).sort(), where).toEqual([...inputs.keys()].sort());
      const after = auditStore(store, inputs);
      expectWhole(after, `${where}, after finishing`);
      expect([after.indexed, filesWrittenSince(store, 0)], where).toEqual([COUNT, COUNT]);
      log.push(`${where}: ${stateAtKill}`);
    }
    // The kills after N written files land mid-import in the even rounds (rounds 4 and 6, from
    // an empty store); the timed ones may or may not, and an odd round writes nothing to count.
    expect(midImportKills, log.join('\n')).toBeGreaterThanOrEqual(2);
    const reconcile = cli(store, 'reconcile', '--full');
    expect(reconcile.status).toBe(0);
    expect(JSON.parse(reconcile.stdout).full).toEqual({ tmpRemoved: 0, recovered: [], dropped: [], missing: [], unreadable: [], checked: COUNT, damaged: [] });
    console.info(`crash-import (first file after ≈ ${startMs} ms, full import ≈ ${fullMs} ms):\n${log.join('\n')}`);
  }, 180_000);
});

describe('several processes on one store', () => {
  it('opening the store (startup reconcile) while an import runs does not disturb it', async () => {
    const store = join(work, 'concurrent');
    const child = spawn(process.execPath, [CLI, '--store', store, '--json', 'import', inputDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    let running = true;
    void exited.then(() => (running = false));
    let opensMidImport = 0;
    while (running) {
      const before = filesWrittenSince(store, 0);
      if (existsSync(join(store, 'index.sqlite'))) {
        const ws = openWorkstation(store);
        ws.close();
        if (before > 0 && filesWrittenSince(store, 0) < COUNT) opensMidImport++;
      }
      await sleep(3);
    }
    expect(await exited, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ stored: COUNT, rejected: 0, unreadable: [] });
    expect(opensMidImport).toBeGreaterThan(5);
    const audit = auditStore(store, inputs);
    expectWhole(audit, 'after the concurrent import');
    expect(audit.indexed).toBe(COUNT);
  });
});

describe('crash at a chosen point (no timing luck)', () => {
  const [first, second] = syntheticCtSeries({ slices: 2, rows: 16, columns: 16, seed: 99 });
  const changed = syntheticCtSeries({ slices: 1, rows: 16, columns: 16, seed: 99, patientName: 'Renamed^Patient' })[0]!;
  const sop = (b: Uint8Array): string => parseDicom(b, { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)!;

  /** Receive `bytes` with the index commit failing as if the process died right there. */
  function receiveAndDieBeforeIndex(root: string, bytes: Uint8Array): string {
    const ws = openWorkstation(root);
    const realUpsert = ws.index.upsertInstance.bind(ws.index);
    ws.index.upsertInstance = () => {
      throw new Error('simulated crash between the file rename and the index commit');
    };
    try {
      expect(() => ws.store.receive(bytes, 'test:crash')).toThrow('simulated crash');
      const [pending] = ws.intents.pending();
      expect(pending).toBeDefined();
      expect(ws.files.exists(pending!)).toBe(true);
      return pending!;
    } finally {
      ws.index.upsertInstance = realUpsert;
      ws.close();
    }
  }

  it('a file renamed into place but not indexed is indexed by the startup reconcile', () => {
    const root = join(work, 'chosen-1');
    const path = receiveAndDieBeforeIndex(root, first!);
    const ws = openWorkstation(root);
    try {
      expect(ws.startup).toEqual({ tmpRemoved: 0, recovered: [path], dropped: [], missing: [], unreadable: [], checked: 0, damaged: [] });
      expect(ws.index.getInstances({}).map((r) => r.instance.SOPInstanceUID)).toEqual([sop(first!)]);
    } finally {
      ws.close();
    }
    expectWhole(auditStore(root, new Map([[sop(first!), first!]])), 'after recovery');
  });

  it('a replacement renamed into place but not indexed wins at the next start', () => {
    const root = join(work, 'chosen-2');
    const ws = openWorkstation(root);
    expect(ws.store.receive(first!, 'test').status).toBe('stored');
    ws.close();
    const path = receiveAndDieBeforeIndex(root, changed);
    const again = openWorkstation(root);
    try {
      expect(again.startup.recovered).toEqual([path]);
      const [row] = again.index.getInstances({});
      expect(row?.patient.PatientName).toBe('Renamed^Patient');
    } finally {
      again.close();
    }
    expectWhole(auditStore(root, new Map([[sop(changed), changed]])), 'after recovery of the replacement');
  });

  it('an intent whose file never arrived is dropped, leftover temp files are removed', () => {
    const root = join(work, 'chosen-3');
    const ws = openWorkstation(root);
    expect(ws.store.receive(second!, 'test').status).toBe('stored');
    const ghost = ws.files.instancePath('1.2.3', '1.2.3.4', '1.2.3.4.5');
    ws.intents.begin(ghost);
    writeFileSync(join(ws.files.tmpDir, 'deadbeef.part'), first!.subarray(0, 100));
    ws.close();
    const again = openWorkstation(root);
    try {
      expect(again.startup).toEqual({ tmpRemoved: 1, recovered: [], dropped: [ghost], missing: [], unreadable: [], checked: 0, damaged: [] });
      expect(again.intents.pending()).toEqual([]);
      expect(readdirSync(again.files.tmpDir)).toEqual([]);
    } finally {
      again.close();
    }
    expectWhole(auditStore(root, new Map([[sop(second!), second!]])), 'after dropping the intent');
  });

  it('the temp file and intent of another live process are left alone until it is gone', async () => {
    const root = join(work, 'chosen-5');
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    const gone = new Promise((done) => other.on('exit', done));
    try {
      const ws = openWorkstation(root);
      const path = ws.files.instancePath('1.2.3', '1.2.3.4', '1.2.3.4.6');
      sqliteOf(ws.index).prepare('INSERT INTO store_intent(path, created_at, owner_pid) VALUES (?, ?, ?)').run(path, new Date().toISOString(), other.pid);
      writeFileSync(join(ws.files.tmpDir, `${other.pid}-0123456789abcdef.part`), first!.subarray(0, 100));
      ws.close();
      const during = openWorkstation(root);
      expect(during.startup).toEqual({ tmpRemoved: 0, recovered: [], dropped: [], missing: [], unreadable: [], checked: 0, damaged: [] });
      during.close();
      other.kill('SIGKILL');
      await gone;
      const after = openWorkstation(root);
      expect(after.startup).toEqual({ tmpRemoved: 1, recovered: [], dropped: [path], missing: [], unreadable: [], checked: 0, damaged: [] });
      after.close();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a crash after the index commit but before the intent is forgotten changes nothing', () => {
    const root = join(work, 'chosen-4');
    const ws = openWorkstation(root);
    const outcome = ws.store.receive(first!, 'test');
    expect(outcome.status).toBe('stored');
    const path = 'path' in outcome ? outcome.path : '';
    ws.intents.begin(path); // as if intents.end(path) had not run
    ws.close();
    const again = openWorkstation(root);
    try {
      expect(again.startup.recovered).toEqual([path]);
      expect(again.index.getInstances({})).toHaveLength(1);
      expect(reconcileStore(again.files, again.index, again.intents, true)).toEqual({ tmpRemoved: 0, recovered: [], dropped: [], missing: [], unreadable: [], checked: 1, damaged: [] });
    } finally {
      again.close();
    }
  });
});
