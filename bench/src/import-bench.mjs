#!/usr/bin/env node
// Import benchmark: header-only parse rate (ours vs dcmdump) and full import rate
// (atrium import vs cp -r) over a synthetic 512×512 CT series. See bench/README.md.
// Runs on the compiled host (host/dist): `npm run bench` builds it first.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../../host/dist/importer/import-paths.js';
import { parseDicom } from '../../host/dist/io/parse-part10.js';
import { readDicomHeader } from '../../host/dist/io/read-dicom-header.js';
import { openWorkstation } from '../../host/dist/store/open-workstation.js';
import { version, which } from './support/peer-tools.mjs';
import { parseSeriesArgs } from './support/series-args.mjs';
import { median, round, time } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';
import { writeSyntheticSeries } from './support/write-synthetic-series.mjs';

const { slices, size, reps } = parseSeriesArgs();

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
    samples.atriumImport.push(time(() => {
      const ws = openWorkstation(store);
      try {
        const summary = await importPaths(ws.store, [input]);
        if (summary.stored !== slices) throw new Error(`import stored ${summary.stored} of ${slices}`);
      } finally {
        ws.close();
      }
    }));
    rmSync(store, { recursive: true, force: true });
    const copy = join(work, `copy-${rep}`);
    samples.cpCopy.push(time(() => {
      const r = spawnSync('cp', ['-r', input, copy]);
      if (r.status !== 0) throw new Error(`cp -r failed: ${r.stderr}`);
    }));
    if (readdirSync(copy).length !== slices) throw new Error('cp -r copied the wrong number of files');
    rmSync(copy, { recursive: true, force: true });
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
  ].map((r) => r.map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

  const report = {
    date: new Date().toISOString(),
    series: { slices, rows: size, columns: size, bytes: totalBytes, transferSyntax: 'Explicit VR Little Endian' },
    repetitions: reps,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, dcmdump: dcmdump ? version(dcmdump) : undefined },
    results,
  };
  writeReport('import-bench.json', report);
} finally {
  rmSync(work, { recursive: true, force: true });
}
