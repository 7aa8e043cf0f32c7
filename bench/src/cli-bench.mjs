#!/usr/bin/env node
// Start-up benchmark of the `atrium` command: medians of `node -e 0`, `atrium --version` and
// `atrium ls studies` on a store of --instances (20,000) small instances, each through the
// bundled CLI (host/dist-bundle) and the unbundled one (host/dist, ATRIUM_CLI_UNBUNDLED=1),
// interleaved in the same run, and each minus bare Node. See bench/README.md.
// Runs on the compiled host: `npm run bench:cli` builds it (tsc -b) and the bundle first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { median, round } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';
import { writeSyntheticSeries } from './support/write-synthetic-series.mjs';

const { values: args } = parseArgs({
  options: {
    instances: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '15' },
    store: { type: 'string' },
    // Another build's bin/atrium.js (e.g. of an earlier commit): its rows are measured in the same run.
    compare: { type: 'string' },
  },
});
const instances = Number(args.instances);
const runs = Number(args.runs);
const atriumBin = fileURLToPath(new URL('../../host/bin/atrium.js', import.meta.url));
// The store is built once and kept (it takes a while): later runs reuse it.
const store = args.store ?? join(tmpdir(), `atrium-cli-bench-${instances}`);
const builtMark = `${store}.built`; // beside the store, not in it

/** Import `instances` synthetic 64×64 CT instances into `store` through the CLI, unless a previous run did. */
function buildStore() {
  if (existsSync(builtMark)) return;
  rmSync(store, { recursive: true, force: true });
  const input = mkdtempSync(join(tmpdir(), 'atrium-cli-bench-input-'));
  try {
    const t = performance.now();
    writeSyntheticSeries(input, { slices: instances, size: 64 });
    const r = spawnSync(process.execPath, [atriumBin, '--store', store, '--json', 'import', input], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
    if (r.status !== 0 || JSON.parse(r.stdout).stored !== instances) throw new Error(`atrium import of ${instances} instances failed (${r.status}): ${r.stderr.slice(-2000)}`);
    writeFileSync(builtMark, `${instances}\n`);
    console.log(`built ${store} (${instances} instances) in ${Math.round(performance.now() - t)} ms`);
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

/** CPU time (user + system, ms) of this process's reaped children so far; undefined where /proc is missing. */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // Fields 16 and 17 of proc(5) (cutime, cstime), in clock ticks of 10 ms on Linux.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Whether host/bin/atrium.js will run the bundle: its stamp matches the tsc build info (as the bin checks). */
function bundleIsFresh() {
  try {
    const info = statSync(new URL('../../host/tsconfig.tsbuildinfo', import.meta.url));
    return readFileSync(new URL('../../host/dist-bundle/stamp', import.meta.url), 'utf8') === `${info.size} ${info.mtimeMs}\n`;
  } catch {
    return false;
  }
}

const unbundled = { ...process.env, ATRIUM_CLI_UNBUNDLED: '1' };
const cases = [
  { key: 'node', label: 'node -e 0', argv: ['-e', '0'] },
  { key: 'version', label: 'atrium --version (bundle)', argv: [atriumBin, '--version'] },
  { key: 'versionUnbundled', label: 'atrium --version (host/dist)', argv: [atriumBin, '--version'], env: unbundled },
  { key: 'ls', label: `atrium ls studies (bundle)`, argv: [atriumBin, '--store', store, 'ls', 'studies'] },
  { key: 'lsUnbundled', label: `atrium ls studies (host/dist)`, argv: [atriumBin, '--store', store, 'ls', 'studies'], env: unbundled },
  ...(args.compare === undefined
    ? []
    : [
        { key: 'compareVersion', label: '--compare: atrium --version', argv: [args.compare, '--version'] },
        { key: 'compareLs', label: '--compare: atrium ls studies', argv: [args.compare, '--store', store, 'ls', 'studies'] },
      ]),
];

buildStore();
const bundled = bundleIsFresh();
if (!bundled) console.log('host/dist-bundle is missing or older than host/dist (run `npm run build`): the "bundle" rows run host/dist too');
const wall = Object.fromEntries(cases.map((c) => [c.key, []]));
const cpu = Object.fromEntries(cases.map((c) => [c.key, 0]));
// Interleaved, so that a changing load on the machine weighs on every command alike.
for (let run = 0; run < runs; run++) {
  for (const c of cases) {
    const cpu0 = childrenCpuMs();
    const t = performance.now();
    const r = spawnSync(process.execPath, c.argv, { encoding: 'utf8', env: c.env ?? process.env });
    wall[c.key].push(performance.now() - t);
    if (cpu0 !== undefined) cpu[c.key] += childrenCpuMs() - cpu0;
    if (r.status !== 0) throw new Error(`${c.label} failed (${r.status}): ${r.stderr}`);
  }
}

const nodeMs = median(wall.node);
const rows = cases.map((c) => ({
  label: c.label,
  medianMs: round(median(wall[c.key]), 1),
  minusNodeMs: round(median(wall[c.key]) - nodeMs, 1),
  meanCpuMs: childrenCpuMs() === undefined ? undefined : round(cpu[c.key] / runs, 1),
  samplesMs: wall[c.key].map((v) => round(v, 1)),
}));
console.log(`${runs} runs each, interleaved, ${instances} instances in the store; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')} on ${cpus().length} CPUs\n`);
console.log(`${'command'.padEnd(44)}${'median ms'.padStart(10)}${'minus node'.padStart(12)}${'mean CPU ms'.padStart(13)}`);
for (const r of rows) console.log(`${r.label.padEnd(44)}${String(r.medianMs).padStart(10)}${String(r.minusNodeMs).padStart(12)}${String(r.meanCpuMs ?? '-').padStart(13)}`);
writeReport('cli-bench.json', {
  environment: { node: process.version, cpus: cpus().length, loadAverageAtEnd: loadavg(), date: new Date().toISOString() },
  parameters: { instances, runs, store, bundleFresh: bundled, ...(args.compare === undefined ? {} : { compare: args.compare }) },
  results: rows,
});
