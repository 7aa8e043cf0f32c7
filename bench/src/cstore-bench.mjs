#!/usr/bin/env node
// C-STORE ingest benchmark: a synthetic 300-slice 512×512 CT sent by DCMTK
// `storescu` over ONE association (TCP_NODELAY=1, the whole folder with +sd) to
//   - DCMTK `storescp` (+B bit-preserving: each dataset streamed to its file as received,
//     no fsync — storescp never syncs),
//   - Orthanc (temporary JSON config, storage and index in a temp dir, no plugins, its
//     defaults otherwise: SyncStorageArea=true, i.e. fsync per instance),
//   - `atrium serve` (fsync per instance: temp file + fsync + rename + directory fsync),
//   - and both Orthanc and atrium without the fsyncs (SyncStorageArea / syncStorageArea
//     false: the answer comes once the bytes are written to the OS, as storescp does).
// DCMTK-based programs (storescu, storescp, Orthanc) leave Nagle's algorithm on unless the
// environment has TCP_NODELAY=1; without it every C-STORE waits ~40 ms for a delayed ACK, so
// all of them run with TCP_NODELAY=1 (atrium serve turns Nagle off itself).
// Every receiver starts fresh (empty store) for every round; median of --reps rounds.
// Everything runs on 127.0.0.1 with ports chosen at run time; every process is killed by
// PID at the end, also on error. Runs on the compiled host: `npm run bench:cstore`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atriumServeProblem, startAtriumServe } from './support/atrium-serve.mjs';
import { exitOnSignals, killAll, run, stop, track } from './support/child-processes.mjs';
import { freePort } from './support/free-port.mjs';
import { version, which } from './support/peer-tools.mjs';
import { parseSeriesArgs } from './support/series-args.mjs';
import { median, round } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';
import { writeSyntheticSeries } from './support/write-synthetic-series.mjs';

const { slices, size, reps, args } = parseSeriesArgs({
  receivers: { type: 'string', default: 'storescp,orthanc,orthanc-nosync,atrium,atrium-nosync' },
});
const wanted = args.receivers.split(',').map((s) => s.trim()).filter(Boolean);

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
const work = mkdtempSync(join(tmpdir(), 'atrium-cstore-bench-'));
const input = join(work, 'series');
// Every child process is tracked (support/child-processes.mjs) and killed by PID in `finally`
// and on SIGINT/SIGTERM.
exitOnSignals(() => rmSync(work, { recursive: true, force: true }));

try {
  const storescu = which('storescu');
  if (!storescu) throw new Error('storescu (DCMTK) is not installed: it is the sender of this benchmark');
  mkdirSync(input);
  const { totalBytes } = writeSyntheticSeries(input, { slices, size });
  console.log(`generated ${slices} CT slices of ${size}×${size} (${(totalBytes / 2 ** 20).toFixed(1)} MiB); ${reps} rounds per receiver, fresh receiver each round\n`);

  const receivers = [
    { key: 'storescp', label: 'DCMTK storescp +B (no fsync)', aet: 'STORESCP', available: () => (which('storescp') ? undefined : 'storescp is not installed'), start: startStorescp },
    { key: 'orthanc', label: 'Orthanc (SyncStorageArea=true, default)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: startOrthanc },
    { key: 'orthanc-nosync', label: 'Orthanc (SyncStorageArea=false)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: (dir) => startOrthanc(dir, { SyncStorageArea: false }) },
    { key: 'atrium', label: 'atrium serve (fsync per instance)', aet: 'ATRIUM', available: () => atriumServeProblem(atriumBin), start: startAtrium },
    { key: 'atrium-nosync', label: 'atrium serve (syncStorageArea=false)', aet: 'ATRIUM', available: () => atriumServeProblem(atriumBin), start: (dir) => startAtrium(dir, { sync: false }) },
  ].filter((r) => wanted.includes(r.key));

  const samples = {};
  const skipped = {};
  for (const r of receivers) {
    const problem = r.available();
    if (problem) {
      skipped[r.key] = problem;
      console.log(`skipping ${r.key}: ${problem}`);
      continue;
    }
    samples[r.key] = [];
    for (let round = 0; round < reps; round++) {
      const dir = join(work, `${r.key}-${round}`);
      mkdirSync(dir);
      const receiver = await r.start(dir);
      try {
        const ms = await sendAll(storescu, r.aet, receiver.port);
        const stored = await receiver.count();
        if (stored !== slices) throw new Error(`${r.key} round ${round + 1}: ${stored} of ${slices} instances stored`);
        samples[r.key].push(ms);
        process.stdout.write(`${r.key} round ${round + 1}: ${ms.toFixed(0)} ms\n`);
      } finally {
        await receiver.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }

  const results = {};
  for (const r of receivers) {
    if (!samples[r.key]) continue;
    const ms = median(samples[r.key]);
    results[r.key] = { label: r.label, medianMs: round(ms, 1), instancesPerSecond: round(slices / (ms / 1000), 1), mebibytesPerSecond: round(totalBytes / 2 ** 20 / (ms / 1000), 1), samplesMs: samples[r.key].map((v) => round(v, 1)) };
  }
  const ratio = (a, b) => (results[a] && results[b] ? round(results[a].instancesPerSecond / results[b].instancesPerSecond, 2) : undefined);
  for (const key of Object.keys(results)) {
    results[key].ratioToStorescp = ratio(key, 'storescp');
    results[key].ratioToOrthanc = ratio(key, 'orthanc');
  }

  console.log('');
  const table = [
    ['receiver', 'median ms', 'instances/s', 'MiB/s', 'vs storescp', 'vs Orthanc'],
    ...Object.values(results).map((r) => [r.label, r.medianMs, r.instancesPerSecond, r.mebibytesPerSecond, r.ratioToStorescp ?? '-', r.ratioToOrthanc ?? '-']),
    ...Object.keys(skipped).map((key) => [`${key} (skipped, see above)`, '-', '-', '-', '-', '-']),
  ].map((row) => row.map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

  const report = {
    date: new Date().toISOString(),
    series: { slices, rows: size, columns: size, bytes: totalBytes, transferSyntax: 'Explicit VR Little Endian' },
    rounds: reps,
    sender: `storescu ${version(storescu)} (TCP_NODELAY=1, one association, +sd folder)`,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length },
    results,
    skipped,
  };
  writeReport('cstore-bench.json', report);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}

/** Send the whole series over one association; returns the wall time of storescu in ms. */
async function sendAll(storescu, aec, port) {
  const t = performance.now();
  const r = await run(storescu, ['-aet', 'BENCHSCU', '-aec', aec, '+sd', '127.0.0.1', String(port), input], { env: { ...process.env, TCP_NODELAY: '1' } }, { stderrTail: 20_000 });
  const ms = performance.now() - t;
  if (r.code !== 0) throw new Error(`storescu to ${aec} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  return ms;
}

async function startStorescp(dir) {
  const port = await freePort();
  const out = join(dir, 'out');
  mkdirSync(out);
  const child = spawnLogged(dir, 'storescp', ['-aet', 'STORESCP', '+B', '-od', out, String(port)]);
  await waitForPort(port, child, 10_000, dir);
  return { port, count: async () => readdirSync(out).length, stop: () => stop(child) };
}

async function startOrthanc(dir, extra = {}) {
  const [http, dicom] = [await freePort(), await freePort()];
  const config = {
    Name: 'atrium-bench',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: http,
    DicomPort: dicom,
    DicomAet: 'ORTHANC',
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [],
    SaveJobs: false,
    ...extra,
  };
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawnLogged(dir, 'Orthanc', [configPath]);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}) before answering: ${logTail(dir)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${http}/system`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`Orthanc did not answer GET /system within 30 s: ${logTail(dir)}`);
    await sleep(100);
  }
  return {
    port: dicom,
    count: async () => (await (await fetch(`http://127.0.0.1:${http}/statistics`)).json()).CountInstances,
    stop: () => stop(child),
  };
}

async function startAtrium(dir, { sync = true } = {}) {
  const port = await freePort();
  const store = join(dir, 'store');
  if (!sync) {
    const r = spawnSync(process.execPath, [atriumBin, '--store', store, 'config', 'set', 'syncStorageArea', 'false'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`atrium config set syncStorageArea false failed: ${r.stderr}`);
  }
  const child = await startAtriumServe({ atriumBin, store, port, timeoutMs: 20_000 });
  return {
    port,
    count: async () => {
      // Counted after the server stopped (the index is then closed).
      await stop(child);
      const r = await run(process.execPath, [atriumBin, '--store', store, '--json', 'ls', 'instances', '--limit', String(slices * 2)], {}, { stderrTail: 20_000 });
      if (r.code !== 0) throw new Error(`atrium ls failed: ${r.stderr}`);
      return JSON.parse(r.stdout).length;
    },
    stop: () => stop(child),
  };
}

/** Spawn a receiver (with TCP_NODELAY=1) with stdout and stderr appended to <dir>/receiver.log. */
function spawnLogged(dir, cmd, argv) {
  const fd = openSync(join(dir, 'receiver.log'), 'a');
  try {
    return track(spawn(cmd, argv, { stdio: ['ignore', fd, fd], env: { ...process.env, TCP_NODELAY: '1' } }));
  } finally {
    closeSync(fd);
  }
}
function logTail(dir) {
  try {
    return readFileSync(join(dir, 'receiver.log'), 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}

async function waitForPort(port, child, timeoutMs, dir) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`receiver exited (${child.exitCode}) before listening: ${logTail(dir)}`);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms: ${logTail(dir)}`);
    await sleep(50);
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
