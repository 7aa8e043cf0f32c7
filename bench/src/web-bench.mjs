#!/usr/bin/env node
// DICOMweb benchmark (the web issue's "Speed"): `atrium web` against Orthanc 1.10 with its
// DICOMweb plugin (Debian orthanc-dicomweb), in one run, on 127.0.0.1 with ports chosen at
// run time; every process stopped by PID at the end, also on error.
//
// - QIDO-RS study search (GET /dicom-web/studies) at --studies (100,000) stored studies in
//   atrium: an exact PatientName (one match), a family name wildcard with limit=100, and a
//   date range with a modality, limit=50. Atrium's index is populated without files (one
//   patient / study / series / instance row per study, Index.upsertInstance), as the C-FIND
//   benchmark does: QIDO reads only the index. Orthanc needs its instances uploaded, so both
//   are compared on the same --compare-studies (2,000) studies of tiny real files.
// - WADO-RS frame (GET .../frames/1, uncompressed) of one 512×512 16-bit CT slice, in both.
//
// Measures per case the median of --requests requests: the client's wall time (fetch, keep-alive)
// and, for atrium, the server time it reports (Server-Timing: app;dur=...). Runs on the
// compiled host: `npm run bench:web`. Writes bench/results/web-bench.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SopClass, TransferSyntax } from '@atrium/sdk';
import { syntheticCtSeries } from '../../host/dist/testing/synthetic-ct-series.js';
import { syntheticUid } from '../../host/dist/testing/synthetic-uid.js';
import { openWorkstation } from '../../host/dist/store/open-workstation.js';
import { exitOnSignals, killAll, stop, track } from './support/child-processes.mjs';
import { freePort } from './support/free-port.mjs';
import { which } from './support/peer-tools.mjs';
import { median, round } from './support/stats.mjs';
import { writeReport } from './support/write-report.mjs';

const { values: args } = parseArgs({ options: { studies: { type: 'string', default: '100000' }, 'compare-studies': { type: 'string', default: '2000' }, requests: { type: 'string', default: '30' } } });
const [studies, compareStudies, requests] = [args.studies, args['compare-studies'], args.requests].map(Number);
for (const v of [studies, compareStudies, requests]) if (!Number.isInteger(v) || v < 1) throw new Error('--studies, --compare-studies and --requests take positive whole numbers');

const FAMILY = ['SMITH', 'JONES', 'MARTIN', 'BERNARD', 'DUBOIS', 'MULLER', 'SCHMIDT', 'ROSSI', 'RUSSO', 'GARCIA', 'LOPEZ', 'SILVA', 'SANTOS', 'JANSEN', 'DEVRIES', 'NOVAK', 'HORVATH', 'NAGY', 'KOWALSKI', 'NOWAK', 'IVANOV', 'PETROV', 'HANSEN', 'JOHANSSON', 'NIELSEN', 'VIRTANEN', 'MURPHY', 'KELLY', 'BROWN', 'WILSON', 'TAYLOR', 'DAVIES', 'EVANS', 'THOMAS', 'ROBERTS', 'WALKER', 'WRIGHT', 'GREEN', 'HALL', 'WOOD', 'CLARKE', 'LEWIS', 'YOUNG', 'KING', 'BAKER', 'ADAMS', 'HILL', 'MOORE', 'WHITE', 'LEE'];
const MODALITIES = ['CT', 'MR', 'US', 'CR', 'NM', 'XA'];

/** The attributes of study `i` (deterministic). */
function study(i) {
  const n = String(i).padStart(6, '0');
  return {
    PatientName: `${FAMILY[i % FAMILY.length]}^P${n}`, PatientID: `PID${n}`, PatientBirthDate: `19${String(40 + (i % 60))}0101`, PatientSex: i % 2 ? 'F' : 'M',
    StudyInstanceUID: syntheticUid('web-bench', 'study', i), SeriesInstanceUID: syntheticUid('web-bench', 'series', i), SOPInstanceUID: syntheticUid('web-bench', 'sop', i),
    StudyDate: new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', ''),
    StudyTime: '093000', AccessionNumber: `ACC${n}`, StudyDescription: `SYNTHETIC STUDY ${i % 97}`, StudyID: String(i % 10000), Modality: MODALITIES[i % MODALITIES.length],
  };
}

/** The queries of one case set, for `size` stored studies. */
function cases(size) {
  return [
    // '^' left unescaped: Orthanc's DICOMweb plugin 1.7 does not decode %5E in query values.
    { name: 'exact PatientName', query: (q) => `PatientName=${study(Math.floor(((q + 0.5) / requests) * size)).PatientName}`, expect: (n) => n === 1 },
    { name: 'wildcard PatientName, limit 100', query: (q) => `PatientName=${FAMILY[q % FAMILY.length]}*&limit=100`, expect: (n) => n === Math.min(100, Math.ceil(size / FAMILY.length)) || n > 0 },
    { name: 'StudyDate range (60 days) + ModalitiesInStudy, limit 50', query: () => `StudyDate=${study(0).StudyDate}-${study(Math.min(size - 1, 59)).StudyDate}&ModalitiesInStudy=CT&limit=50`, expect: (n) => n > 0 },
  ];
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const atriumBin = join(repo, 'host/bin/atrium.js');
const work = mkdtempSync(join(tmpdir(), 'atrium-web-bench-'));
exitOnSignals(() => rmSync(work, { recursive: true, force: true }));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Index rows only (no files): QIDO reads the index. */
function populateIndex(root, size) {
  const t = performance.now();
  const ws = openWorkstation(root);
  try {
    for (let start = 0; start < size; start += 5000) {
      ws.index.db.transaction(() => {
        for (let i = start; i < Math.min(size, start + 5000); i++) {
          const a = study(i);
          ws.index.upsertInstance({
            patient: { PatientName: a.PatientName, PatientID: a.PatientID, PatientBirthDate: a.PatientBirthDate, PatientSex: a.PatientSex },
            study: { StudyInstanceUID: a.StudyInstanceUID, StudyDate: a.StudyDate, StudyTime: a.StudyTime, AccessionNumber: a.AccessionNumber, StudyDescription: a.StudyDescription, StudyID: a.StudyID },
            series: { SeriesInstanceUID: a.SeriesInstanceUID, Modality: a.Modality, SeriesNumber: 1 },
            instance: { SOPInstanceUID: a.SOPInstanceUID, SOPClassUID: SopClass.CTImageStorage, InstanceNumber: 1, Rows: 16, Columns: 16, BitsAllocated: 16, TransferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian },
            file: { path: `${a.StudyInstanceUID}/${a.SeriesInstanceUID}/${a.SOPInstanceUID}.dcm`, size: 1024, sha256: '0'.repeat(64), storedAt: '2025-01-01T00:00:00.000Z', receivedFrom: 'web-bench' },
          });
        }
      })();
    }
  } finally {
    ws.close();
  }
  return performance.now() - t;
}

/** Tiny real files of the first `size` studies (16×16 CT slices with the study's attributes; all CT). */
function realFiles(size) {
  const files = [];
  for (let i = 0; i < size; i++) {
    const a = study(i);
    const [bytes] = syntheticCtSeries({ slices: 1, rows: 16, columns: 16, seed: i + 1, patientName: a.PatientName, patientID: a.PatientID, studyInstanceUID: a.StudyInstanceUID, seriesInstanceUID: a.SeriesInstanceUID, studyDate: a.StudyDate, accessionNumber: a.AccessionNumber, studyDescription: a.StudyDescription });
    files.push(bytes);
  }
  return files;
}

async function startAtrium(store) {
  const child = track(spawn(process.execPath, [atriumBin, '--store', store, 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atrium web did not start: ${out}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const m = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => reject(new Error(`atrium web exited (${code}): ${out}`)));
  });
  return { base: `${url}/dicom-web`, stop: () => stop(child) };
}

async function startOrthanc(dir) {
  const plugin = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
  const http = await freePort();
  const config = { Name: 'web-bench', StorageDirectory: join(dir, 'storage'), IndexDirectory: join(dir, 'index'), HttpPort: http, DicomPort: await freePort(), RemoteAccessAllowed: false, AuthenticationEnabled: false, Plugins: [plugin], DicomWeb: { Enable: true, Root: '/dicom-web/' }, SaveJobs: false };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config));
  const child = track(spawn('Orthanc', [join(dir, 'orthanc.json')], { stdio: 'ignore' }));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${http}/system`)).ok) return { base: `http://127.0.0.1:${http}/dicom-web`, rest: `http://127.0.0.1:${http}`, stop: () => stop(child) };
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('Orthanc did not answer GET /system within 30 s');
}

/** `requests` GETs of `url(q)`: median client and server ms. */
async function measure(url, accept, check) {
  const client = [];
  const server = [];
  for (let w = 0; w < 5; w++) await fetch(url(w), { headers: { accept } }).then((r) => r.arrayBuffer()); // warm-up (JIT, caches, connection)
  for (let q = 0; q < requests; q++) {
    const t = performance.now();
    const res = await fetch(url(q), { headers: { accept } });
    const body = await res.arrayBuffer();
    client.push(performance.now() - t);
    if (!res.ok) throw new Error(`GET ${url(q)}: HTTP ${res.status} ${Buffer.from(body).toString('utf8', 0, 300)}`);
    check(body);
    const dur = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
    if (dur !== undefined) server.push(Number(dur));
  }
  return { clientMedianMs: round(median(client), 2), ...(server.length ? { serverMedianMs: round(median(server), 2) } : {}) };
}

const matches = (expect, url) => (body) => {
  const n = JSON.parse(Buffer.from(body).toString('utf8')).length;
  if (!expect(n)) throw new Error(`unexpected number of matches: ${n} (${url})`);
};

async function qido(target, size) {
  const out = {};
  for (const c of cases(size)) out[c.name] = await measure((q) => `${target.base}/studies?${c.query(q)}`, 'application/dicom+json', matches(c.expect, c.name));
  return out;
}

async function frame(target, ct) {
  const url = () => `${target.base}/studies/${ct.study}/series/${ct.series}/instances/${ct.sop}/frames/1`;
  return measure(url, 'multipart/related; type="application/octet-stream"', (body) => {
    if (body.byteLength < 512 * 512 * 2) throw new Error(`a frame of ${body.byteLength} bytes`);
  });
}

try {
  const results = { atrium: {}, orthanc: {} };
  const [ctBytes] = syntheticCtSeries({ slices: 1, seed: 424242 });
  const ctFile = join(work, 'ct-512.dcm');
  writeFileSync(ctFile, ctBytes);
  const ctWs = openWorkstation(join(work, 'ct-probe'));
  const ct = ctWs.store.receive(ctBytes, 'web-bench');
  ctWs.close();
  const ctIds = { study: ct.StudyInstanceUID, series: ct.SeriesInstanceUID, sop: ct.SOPInstanceUID };

  // atrium at the full size: index rows + the CT slice as a real file.
  const big = join(work, 'atrium-big');
  const populateMs = populateIndex(big, studies);
  console.log(`atrium: ${studies} studies indexed in ${(populateMs / 1000).toFixed(1)} s`);
  const bigWs = openWorkstation(big);
  bigWs.store.receive(ctBytes, 'web-bench');
  bigWs.close();
  let server = await startAtrium(big);
  results.atrium[studies] = { qido: await qido(server, studies), frame512: await frame(server, ctIds) };
  await server.stop();
  console.log(`atrium at ${studies} studies:`, JSON.stringify(results.atrium[studies]));

  // Both on the same tiny real files.
  const files = realFiles(compareStudies);
  const small = join(work, 'atrium-small');
  const smallWs = openWorkstation(small);
  for (const f of [...files, ctBytes]) {
    const outcome = smallWs.store.receive(f, 'web-bench', { sync: false });
    if ('code' in outcome) throw new Error(`atrium refused a benchmark file: ${outcome.reason}`);
  }
  smallWs.close();
  server = await startAtrium(small);
  results.atrium[compareStudies] = { qido: await qido(server, compareStudies), frame512: await frame(server, ctIds) };
  await server.stop();
  console.log(`atrium at ${compareStudies} studies:`, JSON.stringify(results.atrium[compareStudies]));
  if (!which('Orthanc')) results.orthanc.skipped = 'Orthanc is not installed';
  else {
    const orthanc = await startOrthanc(join(work, 'orthanc'));
    try {
      const t = performance.now();
      for (const f of [...files, ctBytes]) {
        const res = await fetch(`${orthanc.rest}/instances`, { method: 'POST', body: f, headers: { 'content-type': 'application/dicom' } });
        if (!res.ok) throw new Error(`Orthanc upload: HTTP ${res.status}`);
        await res.arrayBuffer();
      }
      console.log(`orthanc: ${compareStudies + 1} instances uploaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      results.orthanc[compareStudies] = { qido: await qido(orthanc, compareStudies), frame512: await frame(orthanc, ctIds) };
      console.log(`orthanc at ${compareStudies} studies:`, JSON.stringify(results.orthanc[compareStudies]));
    } finally {
      await orthanc.stop();
    }
  }
  writeReport('web-bench.json', {
    date: new Date().toISOString(), requestsPerCase: requests, studies, compareStudies,
    client: 'fetch (Node, keep-alive) on 127.0.0.1; medians; atrium server time from its Server-Timing header',
    environment: { node: process.version, cpu: cpus()[0]?.model, cpus: cpus().length },
    results,
  });
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}
