#!/usr/bin/env node
// Import benchmark: header-only parse rate (ours vs dcmdump) and full import rate
// (atrium import vs cp -r) over a synthetic 512×512 CT series; then `atrium import` through
// the CLI of --cli-instances (20,000) small 64×64 instances, and the start of
// `atrium ls studies` on that store (median of --ls-runs, against `node -e 0`). See bench/README.md.
// Runs on the compiled host (host/dist): `npm run bench` builds it first.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPaths } from '../../host/dist/importer/import-paths.js';
import { parseDicom } from '../../host/dist/io/parse-part10.js';
import { readDicomHeader } from '../../host/dist/io/read-dicom-header.js';
import { openWorkstation } from '../../host/dist/store/open-workstation.js';
import { version, which } from './support/peer-tools.mjs';
import { parseSeriesArgs } from './support/series-args.mjs';
import { median, round, time } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';
import { writeSyntheticSeries } from './support/write-synthetic-series.mjs';

const { slices, size, reps, args } = parseSeriesArgs({
  'cli-instances': { type: 'string', default: '20000' },
  'cli-reps': { type: 'string', default: '3' },
  'ls-runs': { type: 'string', default: '10' },
});
const cliInstances = Number(args['cli-instances']);
const cliReps = Number(args['cli-reps']);
const lsRuns = Number(args['ls-runs']);
const atriumBin = fileURLToPath(new URL('../../host/bin/atrium.js', import.meta.url));

const work = mkdtempSync(join(tmpdir(), 'atrium-bench-'));
const input = join(work, 'series');

try {
  mkdirSync(input);
  const tGen = performance.now();
  const { files, paths, totalBytes } = writeSyntheticSeries(input, { slices, size });
  console.log(`generated ${slices} CT slices of ${size}×${size} (${(totalBytes / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - tGen)} ms; ${reps} repetitions each\n`);

  const dcmdump = which('dcmdump');
  const samples = { oursHeader: [], readOnly: [], parseOnly: [], dcmdumpHeader: [], atriumImport: [], cpCopy: [] };
  for (let rep = 0; rep < reps; rep++) {
    samples.oursHeader.push(time(() => {
      let elements = 0;
      // readDicomHeader reads only the bytes the header needs, as dcmdump +sb does.
      for (const p of paths) elements += readDicomHeader(p).dataset.size;
      if (elements < slices) throw new Error('header-only parse found too few elements');
    }));
    // For comparison: whole files read, and parsing bytes already in memory.
    samples.readOnly.push(time(() => {
      let bytes = 0;
      for (const p of paths) bytes += readFileSync(p).length;
      if (bytes !== totalBytes) throw new Error('read the wrong number of bytes');
    }));
    samples.parseOnly.push(time(() => {
      for (const f of files) parseDicom(f, { headerOnly: true });
    }));
    if (dcmdump) {
      samples.dcmdumpHeader.push(time(() => {
        const devNull = openSync('/dev/null', 'w');
        try {
          // -M: do not load long values; +sb: stop parsing before Pixel Data (as our headerOnly).
          const r = spawnSync(dcmdump, ['-q', '-M', '+sb', '7fe0,0010', ...paths], { stdio: ['ignore', devNull, 'pipe'], maxBuffer: 64 * 2 ** 20 });
          if (r.status !== 0) throw new Error(`dcmdump failed (${r.status}): ${r.stderr}`);
        } finally {
          closeSync(devNull);
        }
      }));
    }
    const store = join(work, `store-${rep}`);
    const tImport = performance.now();
    const ws = openWorkstation(store);
    try {
      const summary = await importPaths(ws.store, [input]);
      if (summary.stored !== slices) throw new Error(`import stored ${summary.stored} of ${slices}`);
    } finally {
      ws.close();
    }
    samples.atriumImport.push(performance.now() - tImport);
    rmSync(store, { recursive: true, force: true });
    const copy = join(work, `copy-${rep}`);
    samples.cpCopy.push(time(() => {
      const r = spawnSync('cp', ['-r', input, copy]);
      if (r.status !== 0) throw new Error(`cp -r failed: ${r.stderr}`);
    }));
    if (readdirSync(copy).length !== slices) throw new Error('cp -r copied the wrong number of files');
    rmSync(copy, { recursive: true, force: true });
  }

  // Through the CLI: many small instances, where per-instance syncs and commits dominate.
  const small = join(work, 'small');
  mkdirSync(small);
  writeSyntheticSeries(small, { slices: cliInstances, size: 64 });
  const cliMs = [];
  let lastStore;
  for (let rep = 0; rep < cliReps; rep++) {
    if (lastStore) rmSync(lastStore, { recursive: true, force: true });
    lastStore = join(work, `cli-store-${rep}`);
    const t = performance.now();
    const r = spawnSync(process.execPath, [atriumBin, '--store', lastStore, '--json', 'import', small], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
    cliMs.push(performance.now() - t);
    if (r.status !== 0 || JSON.parse(r.stdout).stored !== cliInstances) throw new Error(`atrium import of ${cliInstances} small instances failed (${r.status}): ${r.stderr.slice(-2000)}`);
    console.log(`atrium import (CLI) of ${cliInstances} 64×64 instances, round ${rep + 1}: ${Math.round(cliMs.at(-1))} ms`);
  }
  // The start of `atrium ls studies` on that store, and of Node itself.
  const lsMs = [];
  const nodeMs = [];
  for (let run = 0; run < lsRuns; run++) {
    nodeMs.push(time(() => spawnSync(process.execPath, ['-e', '0'])));
    lsMs.push(time(() => {
      const r = spawnSync(process.execPath, [atriumBin, '--store', lastStore, 'ls', 'studies'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`atrium ls studies failed: ${r.stderr}`);
    }));
  }

  const rate = (ms) => slices / (ms / 1000);
  const row = (label, key) => {
    const ms = median(samples[key]);
    return ms === undefined ? undefined : { label, medianMs: round(ms, 1), instancesPerSecond: round(rate(ms), 1), samplesMs: samples[key].map((v) => round(v, 1)) };
  };
  const results = {
    headerOnlyParse: {
      atrium: row('atrium readDicomHeader (read + parse)', 'oursHeader'),
      atriumReadOnly: row('  for comparison: readFileSync of whole files', 'readOnly'),
      atriumParseOnly: row('  for comparison: parse only (bytes in memory)', 'parseOnly'),
      dcmdump: row('dcmdump -q -M +sb 7fe0,0010 (one process)', 'dcmdumpHeader') },
    fullImport: { atrium: row('atrium import (importPaths, fresh store)', 'atriumImport'), cp: row('cp -r (fresh folder)', 'cpCopy') },
    cliImport: { label: `atrium import (CLI), ${cliInstances} instances of 64×64`, medianMs: round(median(cliMs), 1), instancesPerSecond: round(cliInstances / (median(cliMs) / 1000), 1), samplesMs: cliMs.map((v) => round(v, 1)) },
    lsStudies: { label: `atrium ls studies on ${cliInstances} instances`, medianMs: round(median(lsMs), 1), samplesMs: lsMs.map((v) => round(v, 1)), nodeAloneMedianMs: round(median(nodeMs), 1) },
  };
  const ratio = (a, b) => (a && b ? round(a.instancesPerSecond / b.instancesPerSecond, 2) : undefined);
  results.headerOnlyParse.ratioAtriumToDcmdump = ratio(results.headerOnlyParse.atrium, results.headerOnlyParse.dcmdump);
  results.fullImport.ratioAtriumToCp = ratio(results.fullImport.atrium, results.fullImport.cp);

  const table = [
    ['measure', 'median ms', 'instances/s', 'ratio'],
    ...[results.headerOnlyParse.atrium, results.headerOnlyParse.atriumReadOnly, results.headerOnlyParse.atriumParseOnly].map((r) => [r.label, r.medianMs, r.instancesPerSecond, '']),
    results.headerOnlyParse.dcmdump
      ? [results.headerOnlyParse.dcmdump.label, results.headerOnlyParse.dcmdump.medianMs, results.headerOnlyParse.dcmdump.instancesPerSecond, `atrium/dcmdump ${results.headerOnlyParse.ratioAtriumToDcmdump}`]
      : ['dcmdump (not installed)', '-', '-', '-'],
    [results.fullImport.atrium.label, results.fullImport.atrium.medianMs, results.fullImport.atrium.instancesPerSecond, ''],
    [results.fullImport.cp.label, results.fullImport.cp.medianMs, results.fullImport.cp.instancesPerSecond, `atrium/cp ${results.fullImport.ratioAtriumToCp}`],
    [results.cliImport.label, results.cliImport.medianMs, results.cliImport.instancesPerSecond, ''],
    [results.lsStudies.label, results.lsStudies.medianMs, '-', `node -e 0: ${results.lsStudies.nodeAloneMedianMs} ms`],
  ].map((r) => r.map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

  const report = {
    date: new Date().toISOString(),
    series: { slices, rows: size, columns: size, bytes: totalBytes, transferSyntax: 'Explicit VR Little Endian' },
    repetitions: reps,
    cli: { instances: cliInstances, rows: 64, columns: 64, repetitions: cliReps, lsRuns },
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, loadAverageAtEnd: loadavg(), dcmdump: dcmdump ? version(dcmdump) : undefined },
    results,
  };
  writeReport('import-bench.json', report);
} finally {
  rmSync(work, { recursive: true, force: true });
}
