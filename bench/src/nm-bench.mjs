#!/usr/bin/env node
// SPECT reconstruction benchmark: FBP and one OSEM iteration (8 subsets) of 128 × 128 × 128 voxels
// from 120 views, against scikit-image's iradon (slice by slice) and a naive NumPy / SciPy OSEM
// (scipy.ndimage.rotate projector) on the same projections, in the same run. Medians of the
// repetitions, wall-clock and processor time. Runs on the compiled plugin: `npm run bench:nm` builds
// it first. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { size: { type: 'string', default: '128' }, views: { type: 'string', default: '120' }, reps: { type: 'string', default: '3' }, 'peer-reps': { type: 'string', default: '1' } } });
const n = Number(args.size);
const views = Number(args.views);
const reps = Number(args.reps);
const peerReps = Number(args['peer-reps']);
for (const [name, v] of [['size', n], ['views', views], ['reps', reps], ['peer-reps', peerReps]]) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);

const dist = new URL('../../plugins/nm-processing/dist/', import.meta.url);
let fbp, osem, JosephProjector, analyticProjections, circularViews, spectPhantom;
try {
  ({ fbp } = await import(new URL('recon/fbp.js', dist).href));
  ({ osem } = await import(new URL('recon/osem.js', dist).href));
  ({ JosephProjector } = await import(new URL('recon/joseph-projector.js', dist).href));
  ({ analyticProjections, circularViews } = await import(new URL('test-support/analytic-projections.js', dist).href));
  ({ spectPhantom } = await import(new URL('test-support/spect-phantom.js', dist).href));
} catch (e) {
  throw new Error(`plugins/nm-processing/dist cannot be loaded (build with npx tsc -b): ${e.message}`);
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atrium-nm-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const seconds = (ms) => Math.round(ms) / 1000;

/** Wall and processor time of `fn`, ms. */
function timed(fn) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const u = process.cpuUsage(cpu);
  return { value, wall: performance.now() - t, cpu: (u.user + u.system) / 1000 };
}

try {
  // The analytic phantom (mm), scaled to the grid: pixel 4.8 mm, slice 4.8 mm.
  const pixel = (64 * 4.8) / n;
  const grid = { size: n, slices: n };
  const vs = circularViews(views, (n - 1) / 2);
  console.log(`${n}×${n}×${n} voxels, ${views} views over 360°; ${reps} repetition(s) of ours, ${peerReps} of the peers; ${cpus().length} processors, load average ${loadavg()[0].toFixed(1)}\n`);
  const p = analyticProjections(spectPhantom({ scale: 100 }), vs, { bins: n, slices: n, pixel, sliceSpacing: pixel, sub: 1 });

  const fbpRuns = [];
  const osemRuns = [];
  for (let r = 0; r < reps; r++) {
    fbpRuns.push(timed(() => fbp(p, vs, grid, { window: { name: 'hann' } })));
    // A new projector each time: the ray tables are built inside the timed iteration.
    osemRuns.push(timed(() => osem(p, new JosephProjector(grid, n, vs), { iterations: 1, subsets: 8 })));
  }

  // The peers, on the same sinograms: [slice][bin][view] float32 for iradon, [view][slice][bin] for the NumPy OSEM.
  const py = process.env.ATRIUM_PYTHON ?? '/usr/bin/python3';
  const sino = new Float32Array(n * n * views);
  for (let v = 0; v < views; v++) for (let b = 0; b < n; b++) for (let z = 0; z < n; z++) sino[(z * n + b) * views + v] = p.data[(v * n + b) * n + z];
  const proj = new Float32Array(views * n * n);
  for (let v = 0; v < views; v++) for (let z = 0; z < n; z++) for (let b = 0; b < n; b++) proj[(v * n + z) * n + b] = p.data[(v * n + b) * n + z];
  writeFileSync(join(work, 'sino.f32'), Buffer.from(sino.buffer));
  writeFileSync(join(work, 'proj.f32'), Buffer.from(proj.buffer));
  const script = `
import json, sys, time, resource, numpy as np
from skimage.transform import iradon
from scipy.ndimage import rotate
n, views, reps, work = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
theta = np.arange(views) * 360.0 / views
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime
def timed(fn):
    c, t = cpu(), time.perf_counter(); fn(); return {"wall": (time.perf_counter() - t) * 1000, "cpu": (cpu() - c) * 1000}
sino = np.fromfile(work + "/sino.f32", dtype=np.float32).reshape(n, n, views).astype(np.float64)
proj = np.fromfile(work + "/proj.f32", dtype=np.float32).reshape(views, n, n)
def fbp_all():
    for z in range(n): iradon(sino[z], theta=theta, output_size=n, filter_name="hann", interpolation="linear", circle=True)
def osem_iteration():
    # Naive OSEM: the volume (z, y, x) rotated by each view's angle with scipy.ndimage.rotate
    # (linear interpolation), summed along y to project; the ratio smeared back along y and rotated back.
    f = np.ones((n, n, n), dtype=np.float32)
    ones = np.ones((n, n, n), dtype=np.float32)
    for s in range(8):
        idx = range(s, views, 8)
        num = np.zeros_like(f); sens = np.zeros_like(f)
        for v in idx:
            r = rotate(f, theta[v], axes=(1, 2), reshape=False, order=1)
            est = r.sum(axis=1)
            ratio = np.where(est > 0, proj[v] / np.maximum(est, 1e-12), 0).astype(np.float32)
            num += rotate(np.repeat(ratio[:, None, :], n, axis=1), -theta[v], axes=(1, 2), reshape=False, order=1)
            sens += rotate(ones, -theta[v], axes=(1, 2), reshape=False, order=1)
        f = np.where(sens > 0, f * num / np.maximum(sens, 1e-12), 0).astype(np.float32)
print(json.dumps({"iradon": [timed(fbp_all) for _ in range(reps)], "numpyOsem": [timed(osem_iteration) for _ in range(reps)]}))
`;
  const peer = spawnSync(py, ['-c', script, String(n), String(views), String(peerReps), work], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const peers = peer.status === 0 ? JSON.parse(peer.stdout) : undefined;
  if (!peers) console.log(`peers not run (python3 with scikit-image and scipy needed): ${peer.stderr.trim().split('\n').pop()}\n`);

  const rows = [
    ['measure', 'median wall s', 'median CPU s', 'peer', 'peer wall s', 'peer CPU s', 'peer / ours (wall)'],
    ['FBP, ramp × Hann', fbpRuns, peers?.iradon, 'scikit-image iradon, per slice'],
    ['OSEM, 1 iteration × 8 subsets', osemRuns, peers?.numpyOsem, 'NumPy + scipy.ndimage.rotate OSEM'],
  ].map((r, i) => {
    if (i === 0) return r;
    const [label, ours, theirs, name] = r;
    const ow = median(ours.map((x) => x.wall));
    const tw = theirs ? median(theirs.map((x) => x.wall)) : undefined;
    return [label, seconds(ow).toFixed(2), seconds(median(ours.map((x) => x.cpu))).toFixed(2), name, tw === undefined ? '-' : seconds(tw).toFixed(2), theirs ? seconds(median(theirs.map((x) => x.cpu))).toFixed(2) : '-', tw === undefined ? '-' : (tw / ow).toFixed(1)];
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverage: loadavg(), size: n, views, reps, peerReps, fbp: fbpRuns.map(({ wall, cpu }) => ({ wall, cpu })), osem: osemRuns.map(({ wall, cpu }) => ({ wall, cpu })), peers: peers ?? null };
  writeFileSync(join(repo, 'bench', 'results', 'nm-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nwritten bench/results/nm-bench.json');
} finally {
  rmSync(work, { recursive: true, force: true });
}
