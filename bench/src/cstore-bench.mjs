#!/usr/bin/env node
// C-STORE ingest benchmark: a synthetic 300-slice 512×512 CT sent by DCMTK `storescu`
// (TCP_NODELAY=1) over 1, 4 and 16 associations at once (--associations; the slices split
// evenly, one storescu process per association, +sd of its folder) to
//   - DCMTK `storescp` (+B bit-preserving: each dataset streamed to its file as received,
//     no fsync — storescp never syncs; --fork with more than one association, so that the
//     associations run at once as they do in the other receivers),
//   - Orthanc (temporary JSON config, storage and index in a temp dir, no plugins, its
//     defaults otherwise: SyncStorageArea=true, i.e. fsync per instance),
//   - `atrium serve` with syncStorageArea on (each file fdatasync'd and its directory fsync'd
//     before the answer; files of several associations completing together are synced as
//     one group),
//   - and `atrium serve` with syncStorageArea=false (the answer once the bytes are written to
//     the OS, as storescp does); --receivers adds orthanc-nosync (SyncStorageArea=false).
// DCMTK-based programs (storescu, storescp, Orthanc) leave Nagle's algorithm on unless the
// environment has TCP_NODELAY=1; without it every C-STORE waits ~40 ms for a delayed ACK, so
// all of them run with TCP_NODELAY=1 (atrium serve turns Nagle off itself).
// Every receiver starts fresh (empty store) for every round and first receives a warm-up series
// of --warmup (60) other slices over one association, not timed: a server runs for days, and its
// first objects pay start-up costs a long-running receiver does not (V8 compiling Atrium's hot
// paths); --warmup 0 measures a cold receiver. Median of --reps rounds. CPU per instance: the
// receiver process's user + system time (with its reaped children: storescp --fork) over the
// timed series, from /proc/<pid>/stat, divided by the instances.
// The disk's own floor is measured in the same run: the series' files written one after another
// by this process (one writer, as one association), with and without fdatasync of each file +
// rename + fsync of its directory — what a receiver answering after durable storage cannot beat
// with one association, whatever its code.
// --compare <checkout> adds the atrium of another built checkout (e.g. a worktree of the commit
// before a change, synced and not), interleaved in every round: 'vs compared' in the report.
// Everything runs on 127.0.0.1 with ports chosen at run time; every process is killed by
// PID at the end, also on error. Runs on the compiled host: `npm run bench:cstore`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, fdatasyncSync, fsyncSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  receivers: { type: 'string', default: 'storescp,orthanc,atrium,atrium-nosync' },
  associations: { type: 'string', default: '1,4,16' },
  warmup: { type: 'string', default: '60' },
  compare: { type: 'string' },
});
const warmup = Number(args.warmup);
if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup must be a whole number (0: a cold receiver)');
const associationCounts = args.associations.split(',').map(Number);
if (associationCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--associations must list positive whole numbers');
const wanted = args.receivers.split(',').map((s) => s.trim()).filter(Boolean);

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
// --compare <checkout>: the atrium of another built checkout (e.g. a worktree of the commit
// before a change) as two more receivers, interleaved with this one in every round.
const compareBin = args.compare ? join(resolve(args.compare), 'host/bin/atrium.js') : undefined;
const work = mkdtempSync(join(tmpdir(), 'atrium-cstore-bench-'));
const input = join(work, 'series');
// Every child process is tracked (support/child-processes.mjs) and killed by PID in `finally`
// and on SIGINT/SIGTERM.
exitOnSignals(() => rmSync(work, { recursive: true, force: true }));

try {
  const storescu = which('storescu');
  if (!storescu) throw new Error('storescu (DCMTK) is not installed: it is the sender of this benchmark');
  mkdirSync(input);
  const { totalBytes, files } = writeSyntheticSeries(input, { slices, size });
  const warmupFolder = join(work, 'warmup');
  mkdirSync(warmupFolder);
  if (warmup > 0) writeSyntheticSeries(warmupFolder, { slices: warmup, size, seed: 2 });
  console.log(`generated ${slices} CT slices of ${size}×${size} (${(totalBytes / 2 ** 20).toFixed(1)} MiB); ${reps} rounds per receiver, fresh receiver each round\n`);

  const receivers = [
    { key: 'storescp', label: 'DCMTK storescp +B (no fsync)', aet: 'STORESCP', available: () => (which('storescp') ? undefined : 'storescp is not installed'), start: startStorescp },
    { key: 'orthanc', label: 'Orthanc (SyncStorageArea=true, default)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: startOrthanc },
    { key: 'orthanc-nosync', label: 'Orthanc (SyncStorageArea=false)', aet: 'ORTHANC', available: () => (which('Orthanc') ? undefined : 'Orthanc is not installed'), start: (dir) => startOrthanc(dir, {}, { SyncStorageArea: false }) },
    { key: 'atrium', label: 'atrium serve (syncStorageArea on)', aet: 'ATRIUM', available: () => atriumServeProblem(atriumBin), start: startAtrium },
    { key: 'atrium-nosync', label: 'atrium serve (syncStorageArea=false)', aet: 'ATRIUM', available: () => atriumServeProblem(atriumBin), start: (dir, round) => startAtrium(dir, round, { sync: false }) },
  ].filter((r) => wanted.includes(r.key));
  if (compareBin) {
    for (const sync of [true, false]) {
      receivers.push({ key: sync ? 'compared' : 'compared-nosync', label: `atrium serve of ${args.compare} (syncStorageArea ${sync ? 'on' : '=false'})`, aet: 'ATRIUM', available: () => atriumServeProblem(compareBin), start: (dir, round) => startAtrium(dir, round, { sync, bin: compareBin }) });
    }
  }

  // One folder per association (hard links to the generated files), slices split evenly.
  const names = readdirSync(input).sort();
  const folders = {};
  for (const n of associationCounts) {
    folders[n] = Array.from({ length: n }, (_, i) => join(work, `split-${n}`, String(i)));
    for (const f of folders[n]) mkdirSync(f, { recursive: true });
    names.forEach((name, i) => linkSync(join(input, name), join(folders[n][i % n], name)));
  }

  const samples = {};
  const skipped = {};
  const running = receivers.filter((r) => {
    const problem = r.available();
    if (problem) {
      skipped[r.key] = problem;
      console.log(`skipping ${r.key}: ${problem}`);
    }
    return !problem;
  });
  // Interleaved (round, then associations, then receiver): a machine whose load changes
  // during the run weighs on every receiver alike.
  // The disk's floor is measured in every round, between the receivers: the disk's speed
  // changes during a run (fsync latency here varied threefold from one minute to the next).
  const floor = { sync: [], nosync: [] };
  for (let round = 0; round < reps; round++) {
    for (const sync of [true, false]) floor[sync ? 'sync' : 'nosync'].push(diskFloorMs(files, join(work, `floor-${round}-${sync}`), sync));
    for (const n of associationCounts) {
      for (const r of running) {
        const key = `${r.key}@${n}`;
        samples[key] ??= { ms: [], cpuMs: [] };
        const dir = join(work, `${r.key}-${n}-${round}`);
        mkdirSync(dir);
        const receiver = await r.start(dir, { associations: n });
        try {
          if (warmup > 0) await sendAll(storescu, r.aet, receiver.port, [warmupFolder]);
          const cpu0 = cpuMs(receiver.pid);
          const ms = await sendAll(storescu, r.aet, receiver.port, folders[n]);
          const cpu = cpuMs(receiver.pid) - cpu0;
          const stored = await receiver.count();
          if (stored !== slices + warmup) throw new Error(`${key} round ${round + 1}: ${stored} of ${slices + warmup} instances stored (${warmup} of them warm-up)`);
          samples[key].ms.push(ms);
          samples[key].cpuMs.push(cpu);
          process.stdout.write(`${key} round ${round + 1}: ${ms.toFixed(0)} ms, receiver CPU ${cpu.toFixed(0)} ms\n`);
        } finally {
          await receiver.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }


  const results = {};
  for (const r of receivers) {
    for (const n of associationCounts) {
      const key = `${r.key}@${n}`;
      if (!samples[key]) continue;
      const ms = median(samples[key].ms);
      const cpu = median(samples[key].cpuMs);
      results[key] = {
        label: `${r.label}, ${n} assoc.`,
        receiver: r.key,
        associations: n,
        medianMs: round(ms, 1),
        instancesPerSecond: round(slices / (ms / 1000), 1),
        mebibytesPerSecond: round(totalBytes / 2 ** 20 / (ms / 1000), 1),
        cpuMsPerInstance: round(cpu / slices, 3),
        samplesMs: samples[key].ms.map((v) => round(v, 1)),
        samplesCpuMs: samples[key].cpuMs.map((v) => round(v, 1)),
      };
    }
  }
  const ratio = (a, b) => (results[a] && results[b] ? round(results[a].instancesPerSecond / results[b].instancesPerSecond, 2) : undefined);
  for (const [key, r] of Object.entries(results)) {
    r.ratioToStorescp = ratio(key, `storescp@${r.associations}`);
    r.ratioToOrthanc = ratio(key, `orthanc@${r.associations}`);
    if (r.receiver.startsWith('atrium')) r.ratioToCompared = ratio(key, `${r.receiver.replace('atrium', 'compared')}@${r.associations}`);
  }

  const floorRows = Object.entries(floor).map(([key, samples]) => {
    const ms = median(samples);
    return { key, label: key === 'sync' ? 'disk floor: write + fdatasync + rename + dir fsync, one writer' : 'disk floor: write + rename (no fsync), one writer', medianMs: round(ms, 1), instancesPerSecond: round(slices / (ms / 1000), 1), samplesMs: samples.map((v) => round(v, 1)) };
  });

  console.log('');
  const table = [
    ['receiver', 'median ms', 'instances/s', 'MiB/s', 'CPU ms/inst.', 'vs storescp', 'vs Orthanc', ...(compareBin ? ['vs compared'] : [])],
    ...Object.values(results).map((r) => [r.label, r.medianMs, r.instancesPerSecond, r.mebibytesPerSecond, r.cpuMsPerInstance, r.ratioToStorescp ?? '-', r.ratioToOrthanc ?? '-', ...(compareBin ? [r.ratioToCompared ?? '-'] : [])]),
    ...Object.keys(skipped).map((key) => [`${key} (skipped, see above)`, '-', '-', '-', '-', '-', '-', ...(compareBin ? ['-'] : [])]),
    ...floorRows.map((f) => [f.label, f.medianMs, f.instancesPerSecond, round(totalBytes / 2 ** 20 / (f.medianMs / 1000), 1), '-', '-', '-', ...(compareBin ? ['-'] : [])]),
  ].map((row) => row.map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

  const report = {
    date: new Date().toISOString(),
    series: { slices, rows: size, columns: size, bytes: totalBytes, transferSyntax: 'Explicit VR Little Endian' },
    rounds: reps,
    sender: `storescu ${version(storescu)} (TCP_NODELAY=1, one process per association, +sd of its folder)`,
    associations: associationCounts,
    warmupSlices: warmup,
    diskFloor: floorRows,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, loadAverageAtEnd: loadavg() },
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

/** Send the series, one storescu (one association) per folder, all at once; returns the wall time until the last one is done, in ms. */
async function sendAll(storescu, aec, port, parts) {
  const t = performance.now();
  const results = await Promise.all(parts.map((folder) => run(storescu, ['-aet', 'BENCHSCU', '-aec', aec, '+sd', '127.0.0.1', String(port), folder], { env: { ...process.env, TCP_NODELAY: '1' } }, { stderrTail: 20_000 })));
  const ms = performance.now() - t;
  const failed = results.find((r) => r.code !== 0);
  if (failed) throw new Error(`storescu to ${aec} failed (exit ${failed.code}): ${failed.stderr.slice(-2000)}`);
  return ms;
}

/**
 * Write `files` one after another into a new folder `dir` as a receiver does (a temp name, then
 * renamed into place), with `sync`: fdatasync of each file before its rename and an fsync of
 * the folder after it; returns the wall time in ms and removes the folder.
 */
function diskFloorMs(files, dir, sync) {
  mkdirSync(dir);
  const t = performance.now();
  files.forEach((bytes, i) => {
    const tmp = join(dir, `${i}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      if (sync) fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, `${i}.dcm`));
    if (sync) {
      const d = openSync(dir, 'r');
      try {
        fsyncSync(d);
      } finally {
        closeSync(d);
      }
    }
  });
  const ms = performance.now() - t;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** User + system CPU time of a process and its reaped children, in ms (/proc/<pid>/stat). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of proc(5) (utime, stime, cutime, cstime), counted from field 3 here.
  const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0);
  return (ticks * 1000) / 100;
}

async function startStorescp(dir, { associations }) {
  const port = await freePort();
  const out = join(dir, 'out');
  mkdirSync(out);
  const child = spawnLogged(dir, 'storescp', ['-aet', 'STORESCP', '+B', ...(associations > 1 ? ['--fork'] : []), '-od', out, String(port)]);
  await waitForPort(port, child, 10_000, dir);
  return { port, pid: child.pid, count: async () => readdirSync(out).length, stop: () => stop(child) };
}

async function startOrthanc(dir, _round = {}, extra = {}) {
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
    pid: child.pid,
    count: async () => (await (await fetch(`http://127.0.0.1:${http}/statistics`)).json()).CountInstances,
    stop: () => stop(child),
  };
}

async function startAtrium(dir, { associations }, { sync = true, bin = atriumBin } = {}) {
  const port = await freePort();
  const store = join(dir, 'store');
  const settings = [...(sync ? [] : [['syncStorageArea', 'false']]), ...(associations > 10 ? [['maxAssociations', String(associations)]] : [])];
  for (const [key, value] of settings) {
    const r = spawnSync(process.execPath, [bin, '--store', store, 'config', 'set', key, value], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`atrium config set ${key} ${value} failed: ${r.stderr}`);
  }
  const child = await startAtriumServe({ atriumBin: bin, store, port, timeoutMs: 20_000 });
  return {
    port,
    pid: child.pid,
    count: async () => {
      // Counted after the server stopped (the index is then closed).
      await stop(child);
      const r = await run(process.execPath, [bin, '--store', store, '--json', 'ls', 'instances', '--limit', String((slices + warmup) * 2)], {}, { stderrTail: 20_000 });
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
