#!/usr/bin/env node
// Scaling out benchmark (`npm run bench:scale`), on a private PostgreSQL server started here:
//  1. a batch of the calcium scoring app over --series phantom series (default 100, each
//     --slices 512×512 CT slices) with 1, 2 and 3 `atrium worker` processes (concurrency 1 each;
//     `atrium batch --local 0` only hands out the jobs and waits). Each worker count gets a
//     fresh store and database with the same series imported (not timed); the time is the wall
//     time of `atrium batch`, from the jobs sent to the last one done;
//  2. C-FIND at --studies studies (default 100,000): the same synthetic studies as the C-FIND
//     benchmark written into a SQLite index through the Index API, the same rows copied into a
//     PostgreSQL one (see support/copy-index.mjs), each served by `atrium serve` and asked
//     --queries exact and wildcard PatientName queries by DCMTK findscu (median wall time).
// Every process is started on 127.0.0.1, tracked and killed by PID at the end, also on error.
// The workers and the database share this machine's cores: the report gives their number and
// the load average, and the scaling is what it is on them. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/dist/test-support/calcium-phantom.js';
import { startAtriumServe } from './support/atrium-serve.mjs';
import { configuredIndex } from '../../host/dist/db/index-location.js';
import { measure, populate } from './support/cfind-cases.mjs';
import { exitOnSignals, killAll, run, stop, track } from './support/child-processes.mjs';
import { copyIndexToPostgres } from './support/copy-index.mjs';
import { freePort } from './support/free-port.mjs';
import { which } from './support/peer-tools.mjs';
import { startPostgres } from './support/postgres.mjs';
import { round } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '100' },
    slices: { type: 'string', default: '40' },
    workers: { type: 'string', default: '1,2,3' },
    studies: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const seriesCount = Number(args.series);
const slices = Number(args.slices);
const workerCounts = args.workers.split(',').map(Number);
const studies = Number(args.studies);
const queries = Number(args.queries);
for (const v of [seriesCount, slices, studies, queries, ...workerCounts]) if (!Number.isInteger(v) || v < 1) throw new Error('--series, --slices, --workers, --studies and --queries take positive whole numbers');
if (args.only !== undefined && !['batch', 'cfind'].includes(args.only)) throw new Error('--only takes batch or cfind');

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
const work = mkdtempSync(join(tmpdir(), 'atrium-scale-bench-'));
exitOnSignals(() => rmSync(work, { recursive: true, force: true }));

/** `atrium --store <store> ...args` to its end; throws on a non-zero exit. */
async function atrium(store, argv, env = {}) {
  const r = await run(process.execPath, [atriumBin, '--store', store, ...argv], { env: { ...process.env, ...env } });
  if (r.code !== 0) throw new Error(`atrium ${argv.join(' ')} failed (exit ${r.code}): ${r.stderr.slice(-2000)}${r.stdout.slice(-1000)}`);
  return r.stdout;
}

/** `atrium worker` of host `host`, resolved once it says it runs. */
function startWorker(store, host) {
  const child = track(spawn(process.execPath, [atriumBin, '--store', store, 'worker'], { env: { ...process.env, ATRIUM_HOST_ID: host }, stdio: ['ignore', 'ignore', 'pipe'] }));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${host} did not start in 60 s: ${log}`)), 60_000);
    child.stderr.on('data', (d) => {
      log = (log + d).slice(-4000);
      if (log.includes('SIGINT or SIGTERM stops')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker ${host} exited ${code}: ${log}`)));
  });
}

/** The phantom series as files under `input/<n>/`; returns the seeds (the same for every series). */
function writeSeries(input) {
  let seeds;
  for (let n = 0; n < seriesCount; n++) {
    const phantom = calciumPhantomSeries({ slices, seed: 1000 + n });
    seeds = phantom.seeds;
    const dir = join(input, String(n));
    mkdirSync(dir, { recursive: true });
    phantom.files.forEach((bytes, i) => writeFileSync(join(dir, `${i + 1}.dcm`), bytes));
  }
  return seeds;
}

async function batchPart(pg) {
  const input = join(work, 'input');
  let t = performance.now();
  const seeds = writeSeries(input);
  console.log(`${seriesCount} phantom series of ${slices} slices written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const runs = [];
  for (const n of workerCounts) {
    const store = join(work, `store-${n}`);
    await atrium(store, ['config', 'set', 'index', await pg.createDatabase(`batch_${n}`)]);
    t = performance.now();
    await atrium(store, ['import', input]);
    const importS = (performance.now() - t) / 1000;
    const workers = [];
    for (let w = 0; w < n; w++) workers.push(await startWorker(store, `worker-${w + 1}`));
    const load = loadavg()[0];
    t = performance.now();
    const out = await atrium(store, ['--json', 'batch', 'calcium-scoring', '--where', 'Modality=CT', '--local', '0', '--param', `seeds=${JSON.stringify(seeds)}`], { ATRIUM_HOST_ID: 'batch' });
    const seconds = (performance.now() - t) / 1000;
    await Promise.all(workers.map(stop));
    const jobs = JSON.parse(out).jobs;
    const completed = jobs.filter((j) => j.state === 'completed').length;
    if (completed !== seriesCount) throw new Error(`${n} worker(s): ${completed} of ${jobs.length} jobs completed (${seriesCount} series)`);
    const entry = { workers: n, seconds: round(seconds, 1), jobsPerSecond: round(seriesCount / seconds, 2), importSeconds: round(importS, 1), loadAverageAtStart: round(load, 1) };
    console.log(`${n} worker(s): ${entry.seconds} s for ${seriesCount} jobs (${entry.jobsPerSecond} jobs/s); import ${entry.importSeconds} s; load average ${entry.loadAverageAtStart}`);
    runs.push(entry);
    rmSync(store, { recursive: true, force: true });
  }
  rmSync(input, { recursive: true, force: true });
  const one = runs.find((r) => r.workers === 1);
  if (one) for (const r of runs) r.speedup = round(one.seconds / r.seconds, 2);
  return runs;
}

async function cfindPart(pg) {
  const findscu = which('findscu');
  if (!findscu) throw new Error('findscu (DCMTK) is not installed: it is the client of the C-FIND part');
  const sqliteStore = join(work, 'cfind-sqlite');
  const pgStore = join(work, 'cfind-postgres');
  const populateMs = populate(sqliteStore, studies);
  console.log(`${studies} studies: SQLite index populated through the Index API in ${(populateMs / 1000).toFixed(1)} s`);
  await atrium(pgStore, ['config', 'set', 'index', await pg.createDatabase('cfind')]);
  const t = performance.now();
  const rows = await copyIndexToPostgres(join(sqliteStore, 'index.sqlite'), configuredIndex(pgStore));
  console.log(`the same ${rows} rows copied into PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const out = [];
  for (const [engine, store] of [['sqlite', sqliteStore], ['postgres', pgStore]]) {
    await atrium(store, ['ae', 'add', 'BENCHSCU', '--host', '127.0.0.1', '--port', '104', '--roles', 'call']);
    const port = await freePort();
    const child = await startAtriumServe({ atriumBin, store, port, timeoutMs: 60_000 });
    const result = await measure(`atrium on ${engine}`, studies, { aet: 'ATRIUM', port, stop: () => stop(child) }, findscu, queries);
    out.push({ engine, studies, ...result });
  }
  rmSync(sqliteStore, { recursive: true, force: true });
  rmSync(pgStore, { recursive: true, force: true });
  return out;
}

try {
  const pg = await startPostgres();
  try {
    const report = {
      date: new Date().toISOString(),
      environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, loadAverageAtStart: loadavg().map((v) => round(v, 1)), postgres: pg.version },
      parameters: { series: seriesCount, slices, workers: workerCounts, studies, queries },
    };
    if (args.only !== 'cfind') report.batch = await batchPart(pg);
    if (args.only !== 'batch') report.cfind = await cfindPart(pg);
    if (report.batch) {
      console.log('\nworkers  seconds  jobs/s  speedup');
      for (const r of report.batch) console.log(`${String(r.workers).padStart(7)}  ${String(r.seconds).padStart(7)}  ${String(r.jobsPerSecond).padStart(6)}  ${String(r.speedup).padStart(7)}`);
    }
    if (report.cfind) {
      console.log(`\nC-FIND at ${studies} studies  exact median ms  wildcard median ms (matches)`);
      for (const r of report.cfind) console.log(`${r.engine.padEnd(24)}  ${String(r.exact.medianMs).padStart(15)}  ${String(r.wildcard.medianMs).padStart(10)} (${r.wildcard.matches})`);
    }
    writeReport(args.only === undefined ? 'scale-bench.json' : `scale-bench-${args.only}.json`, report);
  } finally {
    await pg.stop();
  }
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}
