#!/usr/bin/env node
// C-FIND latency benchmark: `atrium serve` answering Study Root STUDY-level
// queries from DCMTK `findscu` with 500, 1,000 and 100,000 stored studies, and DCMTK
// `dcmqrscp` with the same 500 studies for comparison.
//
// Our index is populated WITHOUT files: one patient / study / series / instance row per
// study inserted through the Index API (Index.upsertInstance, in batches of one
// transaction); C-FIND only reads the index. dcmqrscp needs real files and its own index
// (dcmqridx), so it gets tiny one-slice CT files with the same attributes; one dcmqrscp
// storage area holds at most 500 studies (DB_UpperMaxStudies: dcmqridx deletes or crashes
// past it), so the comparison is at 500 studies and dcmqrscp is skipped at 1,000 and 100,000.
//
// Per store size: the median of --queries findscu runs (wall time of the findscu process,
// which includes its start-up, association and release; the same for every SCP) of
//   exact:    PatientName=<one existing name> (1 match; a different patient each run)
//   wildcard: PatientName=<family name>*      (about 1 in 50 studies, capped by the SCP limit)
// Everything on 127.0.0.1 with ports chosen at run time; every process killed by PID at the
// end, also on error. Runs on the compiled host: `npm run bench:cfind`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticCtSeries } from '../../host/dist/testing/synthetic-ct-series.js';
import { atriumServeProblem, startAtriumServe } from './support/atrium-serve.mjs';
import { exitOnSignals, killAll, run, stop, track } from './support/child-processes.mjs';
import { freePort } from './support/free-port.mjs';
import { version, which } from './support/peer-tools.mjs';
import { measure, populate, studyAttributes } from './support/cfind-cases.mjs';
import { round } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';

/** dcmqrscp (DB_UpperMaxStudies) holds at most 500 studies per storage area; dcmqridx deletes/crashes past it. */
const DCMQRSCP_MAX_STUDIES = 500;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,1000,100000' },
    queries: { type: 'string', default: '20' },
    'dcmqrscp-max': { type: 'string', default: '500' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const queries = Number(args.queries);
const dcmqrscpMax = Math.min(Number(args['dcmqrscp-max']), DCMQRSCP_MAX_STUDIES);
for (const v of [...sizes, queries]) if (!Number.isInteger(v) || v < 1) throw new Error('--sizes and --queries take positive whole numbers');

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
const work = mkdtempSync(join(tmpdir(), 'atrium-cfind-bench-'));
exitOnSignals(() => rmSync(work, { recursive: true, force: true }));

try {
  const findscu = which('findscu');
  if (!findscu) throw new Error('findscu (DCMTK) is not installed: it is the client of this benchmark');
  const serveProblem = atriumServeProblem(atriumBin);
  if (serveProblem) console.log(`atrium: ${serveProblem}; only the population of the index is measured for it`);
  const results = [];
  for (const size of sizes) {
    const root = join(work, `atrium-${size}`);
    const populateMs = populate(root, size);
    console.log(`${size} studies: index populated in ${(populateMs / 1000).toFixed(1)} s (${Math.round(size / (populateMs / 1000))} studies/s)`);
    const entry = { studies: size, populateMs: round(populateMs, 0) };
    if (!serveProblem) entry.atrium = await measure('atrium', size, await startAtrium(root), findscu, queries);
    if (size <= dcmqrscpMax) {
      const problem = which('dcmqrscp') && which('dcmqridx') ? undefined : 'dcmqrscp/dcmqridx not installed';
      if (problem) entry.dcmqrscpSkipped = problem;
      else {
        const dir = join(work, `dcmqrscp-${size}`);
        const t = performance.now();
        const server = await startDcmqrscp(dir, size);
        console.log(`${size} studies: dcmqrscp storage (files + dcmqridx) prepared in ${((performance.now() - t) / 1000).toFixed(1)} s`);
        entry.dcmqrscp = await measure('dcmqrscp', size, server, findscu, queries);
      }
    } else entry.dcmqrscpSkipped = `not possible at ${size} studies: one dcmqrscp storage area holds at most ${DCMQRSCP_MAX_STUDIES} studies (DB_UpperMaxStudies); compared at ${dcmqrscpMax}`;
    rmSync(root, { recursive: true, force: true });
    results.push(entry);
  }

  console.log('');
  const table = [['studies', 'SCP', 'exact median ms', 'exact matches', 'wildcard median ms', 'wildcard matches']];
  for (const r of results) {
    for (const key of ['atrium', 'dcmqrscp']) {
      const m = r[key];
      if (m) table.push([r.studies, key, m.exact.medianMs, m.exact.matches, m.wildcard.medianMs, m.wildcard.matches]);
    }
    if (!r.atrium) table.push([r.studies, 'atrium', '(serve missing)', '-', '-', '-']);
    if (!r.dcmqrscp) table.push([r.studies, 'dcmqrscp', '(skipped)', '-', '-', '-']);
  }
  const cells = table.map((row) => row.map(String));
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  for (const row of cells) console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  for (const r of results) if (r.dcmqrscpSkipped) console.log(`dcmqrscp at ${r.studies}: ${r.dcmqrscpSkipped}`);

  const report = {
    date: new Date().toISOString(),
    queriesPerCase: queries,
    client: `findscu ${version(findscu)} -S (Study Root), QueryRetrieveLevel=STUDY; wall time per findscu process`,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length },
    results,
  };
  writeReport('cfind-bench.json', report);
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}

async function startAtrium(root) {
  const port = await freePort();
  // C-FIND is served to registered callers only (acceptUnknownQueryRetrieve false): register findscu's AE title.
  const added = spawnSync(process.execPath, [atriumBin, '--store', root, 'ae', 'add', 'BENCHSCU', '--host', '127.0.0.1', '--port', '104', '--roles', 'call'], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`atrium ae add BENCHSCU failed: ${added.stderr}`);
  const child = await startAtriumServe({ atriumBin, store: root, port, timeoutMs: 30_000 });
  return { aet: 'ATRIUM', port, stop: () => stop(child) };
}

/** dcmqrscp over `size` one-slice 16×16 CT files with the same attributes, indexed by dcmqridx. */
async function startDcmqrscp(dir, size) {
  const storage = join(dir, 'DCMQRSCP');
  mkdirSync(storage, { recursive: true });
  const paths = [];
  for (let i = 0; i < size; i++) {
    const a = studyAttributes(i);
    const [bytes] = syntheticCtSeries({
      slices: 1, rows: 16, columns: 16, seed: i,
      patientName: a.PatientName, patientID: a.PatientID, patientBirthDate: a.PatientBirthDate, patientSex: a.PatientSex,
      studyInstanceUID: a.StudyInstanceUID, seriesInstanceUID: a.SeriesInstanceUID, studyDate: a.StudyDate, studyTime: a.StudyTime,
      accessionNumber: a.AccessionNumber, studyDescription: a.StudyDescription,
    });
    const p = join(storage, `s${i}.dcm`);
    writeFileSync(p, bytes);
    paths.push(p);
  }
  for (let i = 0; i < paths.length; i += 500) {
    const r = spawnSync('dcmqridx', [storage, ...paths.slice(i, i + 500)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dcmqridx failed (${r.status}): ${r.stderr}`);
  }
  const port = await freePort();
  const config = join(dir, 'dcmqrscp.cfg');
  writeFileSync(
    config,
    [
      `NetworkTCPPort = ${port}`,
      'MaxPDUSize = 65536',
      'MaxAssociations = 16',
      'HostTable BEGIN',
      'HostTable END',
      'VendorTable BEGIN',
      'VendorTable END',
      'AETable BEGIN',
      `DCMQRSCP ${storage} RW (${DCMQRSCP_MAX_STUDIES}, 1024mb) ANY`,
      'AETable END',
      '',
    ].join('\n'),
  );
  const fd = openSync(join(dir, 'dcmqrscp.log'), 'a');
  let child;
  try {
    child = track(spawn('dcmqrscp', ['-c', config], { stdio: ['ignore', fd, fd], env: { ...process.env, TCP_NODELAY: '1' } }));
  } finally {
    closeSync(fd);
  }
  // Multi-process mode (one fork per association, its default): dcmqrscp 3.6.x --single-process
  // segfaults after the first association release. Ready when it answers C-ECHO.
  const deadline = Date.now() + 10_000;
  while ((await run('echoscu', ['-aec', 'DCMQRSCP', '127.0.0.1', String(port)])).code !== 0) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`dcmqrscp did not start: ${readFileSync(join(dir, 'dcmqrscp.log'), 'utf8').slice(-2000)}`);
    await sleep(50);
  }
  return { aet: 'DCMQRSCP', port, stop: () => stop(child) };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
