import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium, tempDir } from '../e2e/cli-helpers.js';
import { havePostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { removeTempDir } from '../support/temp-dir.js';

/**
 * Removing from an index on PostgreSQL (a private server started here): `atrium rm` of an
 * instance, a series and a study, an app re-run that replaces its earlier outputs, and
 * `atrium reconcile --full` after a stored file was deleted. Each removes the index rows (the
 * files too) as on SQLite. A statement the database refuses is one coded line, no stack trace.
 * Apps run from the compiled host and plugins: build first (`npx tsc -b`).
 */
const ok = havePostgres();

interface Written { output: string; seriesInstanceUID: string; sopInstanceUID: string }
interface RunResult { written: Written[]; removed: { sopInstanceUID: string }[] }

describe.skipIf(!ok)('removing from an index on PostgreSQL', () => {
  let server: PostgresServer;
  let url: string;
  const store = tempDir('atrium-pg-rm-');
  const phantom = calciumPhantomSeries();
  const count = (): { instances: number; series: number; studies: number } => {
    const w = openWorkstation(store);
    try {
      return {
        instances: w.index.getInstances({}).length,
        series: w.index.query('SERIES', { SeriesInstanceUID: '' }).length,
        studies: w.index.query('STUDY', { StudyInstanceUID: '' }).length,
      };
    } finally {
      w.close();
    }
  };
  const held = (sops: readonly string[]): number => {
    const w = openWorkstation(store);
    try {
      return sops.filter((sop) => w.index.getInstances({ SOPInstanceUID: sop }).length > 0).length;
    } finally {
      w.close();
    }
  };

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('remove');
    const set = await atrium('--store', store, 'config', 'set', 'index', url);
    expect(set.code, set.err).toBe(0);
    const input = tempDir('atrium-pg-rm-input-');
    phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${i + 1}.dcm`), bytes));
    const imported = await atrium('--store', store, 'import', input);
    expect(imported.code, imported.err).toBe(0);
    removeTempDir(input);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    removeTempDir(store);
  });

  it('an app re-run with other parameters replaces its earlier outputs', async () => {
    const run = async (seeds: unknown): Promise<RunResult> => {
      const r = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', `seeds=${JSON.stringify(seeds)}`);
      expect(r.code, `${r.err}\n${r.out.slice(0, 2000)}`).toBe(0);
      return JSON.parse(r.out) as RunResult;
    };
    const first = await run(phantom.seeds);
    const second = await run(phantom.seeds.filter((s) => s.artery !== 'LCX'));
    const sops = (r: RunResult): string[] => r.written.map((w) => w.sopInstanceUID).sort();
    expect(second.removed.map((o) => o.sopInstanceUID).sort()).toEqual(sops(first));
    expect([held(sops(first)), held(sops(second))]).toEqual([0, second.written.length]);
    expect(count().instances).toBe(phantom.files.length + second.written.length);
  }, 180_000);

  it('atrium rm of an instance, then of a series: the rows and files go, the rest stays', async () => {
    const before = count();
    const ctSeries = phantom.seriesInstanceUID;
    const w = openWorkstation(store);
    const [ct, derived] = (() => {
      try {
        const ctRows = w.index.getInstances({ SeriesInstanceUID: ctSeries });
        const other = w.index.query('SERIES', { SeriesInstanceUID: '' }).map((r) => String(r.SeriesInstanceUID)).find((s) => s !== ctSeries)!;
        return [ctRows[0]!, other];
      } finally {
        w.close();
      }
    })();
    const one = await atrium('--store', store, 'rm', ct.instance.SOPInstanceUID);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toMatch(/^removed 1 instance\(s\), 0 series/);
    expect(count()).toEqual({ ...before, instances: before.instances - 1 });
    const series = await atrium('--store', store, '--json', 'rm', derived);
    expect(series.code, series.err).toBe(0);
    const removed = JSON.parse(series.out) as { instances: number; series: number };
    expect(removed.series).toBe(1);
    expect(count()).toEqual({ ...before, instances: before.instances - 1 - removed.instances, series: before.series - 1 });
  }, 60_000);

  it('atrium reconcile --full after a stored file was deleted drops its row', async () => {
    const w = openWorkstation(store);
    let path: string;
    try {
      const row = w.index.getInstances({ SeriesInstanceUID: phantom.seriesInstanceUID })[0]!;
      path = row.file.path;
      rmSync(w.files.absolute(path));
    } finally {
      w.close();
    }
    const before = count();
    const r = await atrium('--store', store, '--json', 'reconcile', '--full');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { full: { missing: string[] } }).full.missing).toEqual([path]);
    expect(count()).toEqual({ ...before, instances: before.instances - 1 });
  }, 60_000);

  it('atrium rm of a study removes everything left', async () => {
    const r = await atrium('--store', store, 'rm', phantom.studyInstanceUID);
    expect(r.code, r.err).toBe(0);
    expect(count()).toEqual({ instances: 0, series: 0, studies: 0 });
  }, 60_000);

  it('a statement the index database refuses: one coded line, exit 1, no stack trace', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ALTER TABLE instance RENAME TO instance_gone');
      for (const argv of [['rm', phantom.seriesInstanceUID], ['reconcile', '--full']]) {
        const r = await atrium('--store', store, ...argv);
        expect(r.code, r.err).toBe(1);
        expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
        expect(r.err).toMatch(/^atrium \w+: the index database refused a statement: PostgreSQL: relation "instance" does not exist .*\[ATRIUM_ERR_INDEX_STATEMENT\]$/m);
      }
    } finally {
      await client.query('ALTER TABLE instance_gone RENAME TO instance');
      await client.end();
    }
  }, 60_000);
});
