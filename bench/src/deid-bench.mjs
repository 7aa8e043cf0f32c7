#!/usr/bin/env node
// De-identification benchmark: a synthetic 512×512 CT series de-identified with the
// whole PS3.15 Table E.1-1 Basic Profile + UID remap + date shift (Retain Longitudinal Temporal
// Information with Modified Dates) by our engine, against `dcmodify` (37 attributes) and a
// pydicom script doing a comparable profile, in the same run. See bench/README.md.
// Runs on the compiled host (host/dist): `npm run bench:deid` builds it first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deidentifyPath } from '../../host/dist/deid/deidentify-path.js';
import { version, which } from './support/peer-tools.mjs';
import { parseSeriesArgs } from './support/series-args.mjs';
import { median, round, time } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';
import { writeSyntheticSeries } from './support/write-synthetic-series.mjs';

const { slices, size, reps } = parseSeriesArgs();

/**
 * The 37 attributes given to dcmodify: the Basic Profile rows most common in CT/MR images
 * (Patient, General Study, General Series, General Equipment, CT Image modules). Z rows are
 * emptied (-ma "(gggg,eeee)="), X rows erased everywhere (-ea); -gst/-gse/-gin give new Study,
 * Series and SOP Instance UIDs (random per file: dcmodify cannot remap consistently across files,
 * nor remap Frame of Reference or referenced UIDs), -imt ignores attributes a file lacks, -nb no backup files. Dates are emptied, not shifted.
 */
const DCMODIFY_EMPTY = [
  ['0010,0010', 'PatientName'], ['0010,0020', 'PatientID'], ['0010,0030', 'PatientBirthDate'], ['0010,0040', 'PatientSex'],
  ['0008,0020', 'StudyDate'], ['0008,0030', 'StudyTime'], ['0008,0050', 'AccessionNumber'], ['0008,0090', 'ReferringPhysicianName'],
  ['0020,0010', 'StudyID'], ['0008,0023', 'ContentDate'], ['0008,0033', 'ContentTime'],
];
const DCMODIFY_ERASE = [
  ['0008,0021', 'SeriesDate'], ['0008,0022', 'AcquisitionDate'], ['0008,0031', 'SeriesTime'], ['0008,0032', 'AcquisitionTime'],
  ['0008,0080', 'InstitutionName'], ['0008,0081', 'InstitutionAddress'], ['0008,1010', 'StationName'], ['0008,1030', 'StudyDescription'],
  ['0008,103E', 'SeriesDescription'], ['0008,1040', 'InstitutionalDepartmentName'], ['0008,1048', 'PhysiciansOfRecord'],
  ['0008,1050', 'PerformingPhysicianName'], ['0008,1060', 'NameOfPhysiciansReadingStudy'], ['0008,1070', 'OperatorsName'],
  ['0008,1080', 'AdmittingDiagnosesDescription'], ['0010,1010', 'PatientAge'], ['0010,1020', 'PatientSize'], ['0010,1030', 'PatientWeight'],
  ['0010,1000', 'OtherPatientIDs'], ['0010,1001', 'OtherPatientNames'], ['0010,1040', 'PatientAddress'], ['0010,21B0', 'AdditionalPatientHistory'],
  ['0010,4000', 'PatientComments'], ['0018,1000', 'DeviceSerialNumber'], ['0018,1030', 'ProtocolName'], ['0020,4000', 'ImageComments'],
];
if (DCMODIFY_EMPTY.length + DCMODIFY_ERASE.length !== 37) throw new Error('the dcmodify list must have 37 attributes');

/**
 * The pydicom peer: every element at every depth (Dataset.walk) — private tags removed, the same
 * 37 attributes emptied/removed, every UI value except class UIDs remapped by HMAC-SHA-256 into
 * 2.25 (consistent across files), every DA/DT shifted by a fixed number of days, then saved.
 */
const PYDICOM_SCRIPT = String.raw`
import sys, os, hmac, hashlib, datetime
import pydicom
src, dst, secret = sys.argv[1], sys.argv[2], sys.argv[3].encode()
EMPTY = {int(t.replace(',', ''), 16) for t in sys.argv[4].split(';')}
ERASE = {int(t.replace(',', ''), 16) for t in sys.argv[5].split(';')}
SHIFT = datetime.timedelta(days=-1234)
CLASS_UIDS = {0x00080016, 0x00020002, 0x00020010, 0x00081150, 0x00020012}
cache = {}
def remap(uid):
    if uid not in cache:
        cache[uid] = '2.25.' + str(int.from_bytes(hmac.new(secret, uid.encode(), hashlib.sha256).digest()[:16], 'big'))
    return cache[uid]
def shift(v, n):
    try:
        d = datetime.datetime.strptime(v[:8], '%Y%m%d') + SHIFT
        return d.strftime('%Y%m%d') + v[8:n] if n else d.strftime('%Y%m%d') + v[8:]
    except ValueError:
        return ''
def clean(ds, elem):
    t = int(elem.tag)
    if elem.tag.is_private or t in ERASE:
        del ds[elem.tag]; return
    if t in EMPTY:
        elem.value = ''; return
    if elem.VR == 'UI' and t not in CLASS_UIDS and elem.value:
        elem.value = [remap(u) for u in elem.value] if elem.VM > 1 else remap(elem.value)
    elif elem.VR in ('DA', 'DT') and elem.value:
        elem.value = shift(str(elem.value), 0)
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    ds = pydicom.dcmread(os.path.join(src, name))
    ds.remove_private_tags()
    ds.walk(clean)
    ds.PatientIdentityRemoved = 'YES'
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.save_as(os.path.join(dst, name), write_like_original=False)
`;

const work = mkdtempSync(join(tmpdir(), 'atrium-deid-bench-'));
const input = join(work, 'series');
const SECRET = 'bench-secret';

try {
  mkdirSync(input);
  const tGen = performance.now();
  const { paths, totalBytes } = writeSyntheticSeries(input, { slices, size });
  console.log(`generated ${slices} CT slices of ${size}×${size} (${(totalBytes / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - tGen)} ms; ${reps} repetitions each\n`);

  const dcmodify = which('dcmodify');
  const python = ['/usr/bin/python3', which('python3')].find((p) => p && existsSync(p) && spawnSync(p, ['-c', 'import pydicom'], { stdio: 'ignore' }).status === 0);
  const samples = { atrium: [], dcmodify: [], pydicom: [] };
  for (let rep = 0; rep < reps; rep++) {
    const ours = join(work, `atrium-${rep}`);
    // Every timed region starts with the page cache's dirty pages flushed (sync), so one tool's
    // write-back does not slow the next one down.
    flush();
    samples.atrium.push(time(() => {
      // Read, de-identify (whole Table E.1-1, UID remap, per-patient date shift), write Part 10.
      for (const p of paths) {
        const r = deidentifyPath(p, ours, { secret: SECRET, options: ['retainLongitudinalModifiedDates'] });
        if (r.status !== 'written') throw new Error(`${p}: ${r.status} ${r.reason ?? r.output}`);
      }
    }));
    countFiles(ours, 'atrium');
    rmSync(ours, { recursive: true, force: true });
    if (dcmodify) {
      const copy = join(work, `dcmodify-${rep}`);
      // dcmodify edits in place: the copy is made outside the timed region.
      const cp = spawnSync('cp', ['-r', input, copy]);
      if (cp.status !== 0) throw new Error(`cp -r failed: ${cp.stderr}`);
      const copies = paths.map((p) => join(copy, p.slice(input.length + 1)));
      flush();
      samples.dcmodify.push(time(() => {
        const opts = ['-nb', '-q', '-imt', '-gst', '-gse', '-gin', ...DCMODIFY_EMPTY.flatMap(([t]) => ['-ma', `(${t})=`]), ...DCMODIFY_ERASE.flatMap(([t]) => ['-ea', `(${t})`])];
        const r = spawnSync(dcmodify, [...opts, ...copies], { stdio: ['ignore', 'ignore', 'pipe'] });
        if (r.status !== 0) throw new Error(`dcmodify failed (${r.status}): ${r.stderr}`);
      }));
      rmSync(copy, { recursive: true, force: true });
    }
    if (python) {
      const out = join(work, `pydicom-${rep}`);
      flush();
      samples.pydicom.push(time(() => {
        const r = spawnSync(python, ['-c', PYDICOM_SCRIPT, input, out, SECRET, DCMODIFY_EMPTY.map(([t]) => t).join(';'), DCMODIFY_ERASE.map(([t]) => t).join(';')], { stdio: ['ignore', 'ignore', 'pipe'] });
        if (r.status !== 0) throw new Error(`pydicom script failed (${r.status}): ${r.stderr}`);
      }));
      countFiles(out, 'pydicom');
      rmSync(out, { recursive: true, force: true });
    }
  }

  const rate = (ms) => slices / (ms / 1000);
  const row = (label, key) => {
    const ms = median(samples[key]);
    return ms === undefined ? undefined : { label, medianMs: round(ms, 1), filesPerSecond: round(rate(ms), 1), samplesMs: samples[key].map((v) => round(v, 1)) };
  };
  const results = {
    atrium: row('atrium deidentifyPath (Table E.1-1 + UID remap + date shift)', 'atrium'),
    dcmodify: row('dcmodify, 37 attributes + -gst -gse -gin (one process)', 'dcmodify'),
    pydicom: row(`pydicom ${python ? pyVersion(python) : ''} walk: private removed, 37 attributes, UID remap, date shift`, 'pydicom'),
  };
  const ratio = (a, b) => (a && b ? round(a.filesPerSecond / b.filesPerSecond, 2) : undefined);
  results.ratioAtriumToDcmodify = ratio(results.atrium, results.dcmodify);
  results.ratioAtriumToPydicom = ratio(results.atrium, results.pydicom);

  const table = [
    ['measure', 'median ms', 'files/s', 'atrium/this'],
    [results.atrium.label, results.atrium.medianMs, results.atrium.filesPerSecond, '1'],
    results.dcmodify ? [results.dcmodify.label, results.dcmodify.medianMs, results.dcmodify.filesPerSecond, results.ratioAtriumToDcmodify] : ['dcmodify (not installed)', '-', '-', '-'],
    results.pydicom ? [results.pydicom.label, results.pydicom.medianMs, results.pydicom.filesPerSecond, results.ratioAtriumToPydicom] : ['pydicom (not installed)', '-', '-', '-'],
  ].map((r) => r.map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

  const report = {
    date: new Date().toISOString(),
    series: { slices, rows: size, columns: size, bytes: totalBytes, transferSyntax: 'Explicit VR Little Endian' },
    repetitions: reps,
    dcmodifyAttributes: { emptied: DCMODIFY_EMPTY.map(([, k]) => k), erased: DCMODIFY_ERASE.map(([, k]) => k) },
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, dcmodify: dcmodify ? version(dcmodify) : undefined },
    results,
  };
  writeReport('deid-bench.json', report);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function countFiles(dir, who) {
  let n = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else n++;
    }
  };
  walk(dir);
  if (n !== slices) throw new Error(`${who} wrote ${n} files, expected ${slices}`);
  // spot check: the first output is Part 10 and no longer carries the phantom's patient name
  const first = (function find(d) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isFile()) return p;
      const f = find(p);
      if (f) return f;
    }
    return undefined;
  })(dir);
  const bytes = readFileSync(first);
  if (bytes.toString('latin1', 128, 132) !== 'DICM' || bytes.includes('Synthetic^Phantom')) throw new Error(`${who}: ${first} is not a de-identified Part 10 file`);
}
function flush() {
  spawnSync('sync');
}
function pyVersion(python) {
  return spawnSync(python, ['-c', 'import pydicom; print(pydicom.__version__)'], { encoding: 'utf8' }).stdout.trim();
}
