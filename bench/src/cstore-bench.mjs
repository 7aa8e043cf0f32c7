#!/usr/bin/env node
// C-STORE ingest benchmark (issue 4 item 7): a synthetic 300-slice 512×512 CT sent by DCMTK
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
import { connect, createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticCtSeries } from '../../host/dist/testing/synthetic-ct-series.js';

const { values: args } = parseArgs({
  options: {
    slices: { type: 'string', default: '300' },
    size: { type: 'string', default: '512' },
    reps: { type: 'string', default: '5' },
    receivers: { type: 'string', default: 'storescp,orthanc,orthanc-nosync,atrium,atrium-nosync' },
  },
});
const slices = Number(args.slices);
const size = Number(args.size);
const reps = Number(args.reps);
for (const [name, v] of [['slices', slices], ['size', size], ['reps', reps]]) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
}
const wanted = args.receivers.split(',').map((s) => s.trim()).filter(Boolean);

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
const work = mkdtempSync(join(tmpdir(), 'atrium-cstore-bench-'));
const input = join(work, 'series');
/** Live child processes, killed by PID in `finally` and on SIGINT/SIGTERM. */
const live = new Set();

process.on('SIGINT', () => abort('SIGINT'));
process.on('SIGTERM', () => abort('SIGTERM'));

try {
  const storescu = which('storescu');
  if (!storescu) throw new Error('storescu (DCMTK) is not installed: it is the sender of this benchmark');
  mkdirSync(input);
  const files = syntheticCtSeries({ slices, rows: size, columns: size });
  files.forEach((bytes, i) => writeFileSync(join(input, `ct-${String(i + 1).padStart(4, '0')}.dcm`), bytes));
  const totalBytes = files.reduce((n, f) => n + f.length, 0);
  console.log(`generated ${slices} CT slices of ${size}×${size} (${(totalBytes / 2 ** 20).toFixed(1)} MiB); ${reps} rounds per receiver, fresh receiver each round\n`);

  const receivers = [
    { key: 'storescp', label: 'DCMTK storescp +B (no fsync)', aet: 'STORESCP', available: () => (which('storescp') ? undefined : 'storescp is not installed'), start: startStorescp },
    { key: 'orthanc', label: 'Orthanc (SyncStorageArea=true, default)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: startOrthanc },
    { key: 'orthanc-nosync', label: 'Orthanc (SyncStorageArea=false)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: (dir) => startOrthanc(dir, { SyncStorageArea: false }) },
    { key: 'atrium', label: 'atrium serve (fsync per instance)', aet: 'ATRIUM', available: atriumServeProblem, start: startAtrium },
    { key: 'atrium-nosync', label: 'atrium serve (syncStorageArea=false)', aet: 'ATRIUM', available: atriumServeProblem, start: (dir) => startAtrium(dir, { sync: false }) },
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
  const out = join(repo, 'bench/results/cstore-bench.json');
  mkdirSync(join(repo, 'bench/results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${out}`);
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
  const r = await run(storescu, ['-aet', 'BENCHSCU', '-aec', aec, '+sd', '127.0.0.1', String(port), input], { env: { ...process.env, TCP_NODELAY: '1' } });
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
  const child = track(spawn(process.execPath, [atriumBin, '--store', store, 'serve', '--port', String(port), '--aet', 'ATRIUM'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stderr.on('data', keep);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atrium serve did not print "listening" within 20 s: ${log}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      if (log.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`atrium serve exited (${code}) before listening: ${log}`));
    });
  });
  return {
    port,
    count: async () => {
      // Counted after the server stopped (the index is then closed).
      await stop(child);
      const r = await run(process.execPath, [atriumBin, '--store', store, '--json', 'ls', 'instances', '--limit', String(slices * 2)]);
      if (r.code !== 0) throw new Error(`atrium ls failed: ${r.stderr}`);
      return JSON.parse(r.stdout).length;
    },
    stop: () => stop(child),
  };
}

/** Why `atrium serve` cannot be benchmarked, or undefined when it can. */
function atriumServeProblem() {
  const r = spawnSync(process.execPath, [atriumBin, 'serve', '--help'], { encoding: 'utf8' });
  // `--help` of an unknown command prints the global help (exit 0), of a known one its usage.
  if (r.status !== 0 || !/^usage: atrium serve/m.test(r.stdout)) return '`atrium serve` is not a known command yet (host/bin/atrium.js serve --help)';
  return undefined;
}

function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(child.pid, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(child.pid, 'SIGTERM');
  });
}

function killAll() {
  for (const child of live) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function abort(signal) {
  killAll();
  rmSync(work, { recursive: true, force: true });
  console.error(`interrupted (${signal})`);
  process.exit(130);
}

function run(cmd, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-20_000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
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

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function round(v, digits) {
  return Number(v.toFixed(digits));
}
function which(tool) {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}
function version(tool) {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim();
}
