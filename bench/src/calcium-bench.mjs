#!/usr/bin/env node
// Calcium scoring benchmark: scoreCalcium on a 64-slice 512×512 phantom, and the whole job
// (`atrium run calcium-scoring`: load, score, write every output) through the CLI in-process.
// Medians of 5. Runs on the compiled host and plugin: `npm run bench:calcium` builds them first.
// See bench/README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { main } from '../../host/dist/cli/main.js';
import { parseDicom } from '../../host/dist/io/parse-part10.js';
import { readFrame } from '../../host/dist/io/pixel-access.js';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/dist/test-support/calcium-phantom.js';

const { values: args } = parseArgs({ options: { slices: { type: 'string', default: '64' }, reps: { type: 'string', default: '5' } } });
const slices = Number(args.slices);
const reps = Number(args.reps);
if (!Number.isInteger(slices) || slices < 26) throw new Error('--slices must be a whole number ≥ 26 (the phantom needs them)');
if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps must be a positive whole number');

let scoreCalcium;
try {
  ({ scoreCalcium } = await import('../../plugins/calcium-scoring/dist/scoring/index.js'));
} catch (e) {
  throw new Error(`plugins/calcium-scoring/dist/scoring/index.js cannot be loaded (build with npx tsc -b): ${e.message}`);
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atrium-calcium-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (v) => Math.round(v * 10) / 10;

try {
  const phantom = calciumPhantomSeries({ slices });
  const input = join(work, 'input');
  mkdirSync(input);
  phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${String(i + 1).padStart(3, '0')}.dcm`), bytes));
  const params = { threshold: 130, connectivity: 8, minAreaMode: 'literature', seeds: phantom.seeds };
  console.log(`phantom: ${slices} CT slices of 512×512, 3 mm increment; ${phantom.seeds.length} seeds; ${reps} repetitions, medians\n`);

  // 1. Scoring alone, on slices already decoded to HU (what the app hands to scoreCalcium).
  const scoringSlices = [];
  for (const bytes of phantom.files) {
    const file = parseDicom(bytes);
    const ds = file.dataset;
    scoringSlices.push({
      sopInstanceUID: ds.string(0x00080018),
      instanceNumber: ds.number(0x00200013),
      rows: ds.number(0x00280010),
      columns: ds.number(0x00280011),
      hu: (await readFrame(file, 0, { rescale: true })).data,
      pixelSpacing: ds.numbers(0x00280030),
      position: ds.numbers(0x00200032),
      orientation: ds.numbers(0x00200037),
    });
  }
  // The same series without the spine: only the coronary boxes are candidates.
  const noSpineSlices = [];
  for (const [i, bytes] of calciumPhantomSeries({ slices, spine: false }).files.entries()) {
    noSpineSlices.push({ ...scoringSlices[i], hu: (await readFrame(parseDicom(bytes), 0, { rescale: true })).data });
  }
  const scoring = [];
  const scoringCpu = [];
  const scoringNoSpine = [];
  // CPU time (process.cpuUsage: every thread of the process) beside the wall clock: on a machine
  // shared with other work the wall clock measures the contention as much as the code.
  const cpuSince = (c0) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let score;
  const coldStart = performance.now();
  score = scoreCalcium(scoringSlices, params);
  const cold = performance.now() - coldStart;
  scoreCalcium(noSpineSlices, params);
  for (let rep = 0; rep < reps; rep++) {
    let t = performance.now();
    const c0 = process.cpuUsage();
    score = scoreCalcium(scoringSlices, params);
    scoring.push(performance.now() - t);
    scoringCpu.push(cpuSince(c0));
    t = performance.now();
    const s2 = scoreCalcium(noSpineSlices, params);
    scoringNoSpine.push(performance.now() - t);
    if (s2.total.agatston !== score.total.agatston) throw new Error('the spine changed the score');
  }
  const agatston = Object.fromEntries(score.arteries.map((a) => [a.artery, a.agatston]));
  for (const [artery, value] of Object.entries(agatston)) {
    if (Math.abs(value - phantom.expected.perArtery[artery]) > 1e-6) throw new Error(`scoreCalcium gave ${artery} ${value}, expected ${phantom.expected.perArtery[artery]}`);
  }

  // 2. The whole job through the CLI, each repetition on a fresh store (import not timed).
  const job = [];
  const jobCpu = [];
  let written = 0;
  for (let rep = 0; rep < reps; rep++) {
    const store = join(work, `store-${rep}`);
    const quiet = { out: () => {}, err: (t) => process.stderr.write(`${t}\n`) };
    if ((await main(['--store', store, 'import', input], quiet)) !== 0) throw new Error('import of the phantom failed');
    let out = '';
    const t = performance.now();
    const c0 = process.cpuUsage();
    const code = await main(['--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', `seeds=${JSON.stringify(phantom.seeds)}`], { out: (s) => (out += s), err: quiet.err });
    job.push(performance.now() - t);
    jobCpu.push(cpuSince(c0));
    if (code !== 0) throw new Error(`atrium run calcium-scoring failed (exit ${code}): ${out.slice(0, 2000)}`);
    written = JSON.parse(out).written.length;
    rmSync(store, { recursive: true, force: true });
  }

  const rows = [
    [`scoreCalcium, ${slices} slices in HU, with the spine (median)`, `${round(median(scoring))} ms`, 'target < 100 ms'],
    [`scoreCalcium, ${slices} slices in HU, no spine (median)`, `${round(median(scoringNoSpine))} ms`, 'target < 100 ms'],
    [`scoreCalcium, ${slices} slices in HU, with the spine: CPU time (median)`, `${round(median(scoringCpu))} ms`, ''],
    ['scoreCalcium, first call (cold JIT)', `${round(cold)} ms`, ''],
    [`end-to-end job: load, score, write ${written} objects (median)`, `${round(median(job))} ms`, 'target < 3000 ms'],
    ['end-to-end job: CPU time of all threads (median)', `${round(median(jobCpu))} ms`, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const r of rows) console.log(`${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  console.log(`\nAgatston ${JSON.stringify(agatston)} (expected by hand: ${JSON.stringify(phantom.expected.perArtery)})`);

  const results = {
    date: new Date().toISOString(),
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length },
    parameters: { slices, rows: 512, columns: 512, reps, seeds: phantom.seeds.length },
    loadAverage: loadavg(),
    samplesMs: { scoring, scoringCpu, scoringNoSpine, cold, job, jobCpu },
    mediansMs: { scoring: median(scoring), scoringCpu: median(scoringCpu), scoringNoSpine: median(scoringNoSpine), job: median(job), jobCpu: median(jobCpu) },
    writtenObjects: written,
  };
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repo, 'bench', 'results', 'calcium-bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('results written to bench/results/calcium-bench.json');
} finally {
  rmSync(work, { recursive: true, force: true });
}
