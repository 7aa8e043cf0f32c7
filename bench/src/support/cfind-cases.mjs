// The C-FIND benchmark's data and queries, shared by the C-FIND and scale benchmarks: `size`
// synthetic studies (one series, one instance each) written into the index without files, and
// exact / wildcard PatientName queries by DCMTK findscu against an SCP.
import { syntheticUid } from '../../../host/dist/testing/synthetic-uid.js';
import { openWorkstation } from '../../../host/dist/store/open-workstation.js';
import { run } from './child-processes.mjs';
import { median, round } from './stats.mjs';

export const FAMILY = ['SMITH', 'JONES', 'MARTIN', 'BERNARD', 'DUBOIS', 'MULLER', 'SCHMIDT', 'ROSSI', 'RUSSO', 'GARCIA', 'LOPEZ', 'SILVA', 'SANTOS', 'JANSEN', 'DEVRIES', 'NOVAK', 'HORVATH', 'NAGY', 'KOWALSKI', 'NOWAK', 'IVANOV', 'PETROV', 'HANSEN', 'JOHANSSON', 'NIELSEN', 'VIRTANEN', 'MURPHY', 'KELLY', 'BROWN', 'WILSON', 'TAYLOR', 'DAVIES', 'EVANS', 'THOMAS', 'ROBERTS', 'WALKER', 'WRIGHT', 'GREEN', 'HALL', 'WOOD', 'CLARKE', 'LEWIS', 'YOUNG', 'KING', 'BAKER', 'ADAMS', 'HILL', 'MOORE', 'WHITE', 'LEE'];
const MODALITIES = ['CT', 'MR', 'US', 'CR', 'NM', 'XA'];

/** The attributes of study `i` (deterministic). */
export function studyAttributes(i) {
  const n = String(i).padStart(6, '0');
  const day = new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return {
    PatientName: `${FAMILY[i % FAMILY.length]}^P${n}`,
    PatientID: `PID${n}`,
    PatientBirthDate: `19${String(40 + (i % 60))}0101`,
    PatientSex: i % 2 ? 'F' : 'M',
    StudyInstanceUID: syntheticUid('cfind-bench', 'study', i),
    SeriesInstanceUID: syntheticUid('cfind-bench', 'series', i),
    SOPInstanceUID: syntheticUid('cfind-bench', 'sop', i),
    StudyDate: day,
    StudyTime: '093000',
    AccessionNumber: `ACC${n}`,
    StudyDescription: `SYNTHETIC STUDY ${i % 97}`,
    StudyID: String(i % 10000),
    Modality: MODALITIES[i % MODALITIES.length],
  };
}

function record(a) {
  const path = `${a.StudyInstanceUID}/${a.SeriesInstanceUID}/${a.SOPInstanceUID}.dcm`;
  return {
    patient: { PatientName: a.PatientName, PatientID: a.PatientID, PatientBirthDate: a.PatientBirthDate, PatientSex: a.PatientSex },
    study: { StudyInstanceUID: a.StudyInstanceUID, StudyDate: a.StudyDate, StudyTime: a.StudyTime, AccessionNumber: a.AccessionNumber, StudyDescription: a.StudyDescription, StudyID: a.StudyID },
    series: { SeriesInstanceUID: a.SeriesInstanceUID, Modality: a.Modality, SeriesNumber: 1 },
    instance: { SOPInstanceUID: a.SOPInstanceUID, SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', InstanceNumber: 1, Rows: 16, Columns: 16, BitsAllocated: 16, TransferSyntaxUID: '1.2.840.10008.1.2.1' },
    file: { path, size: 1024, sha256: '0'.repeat(64), storedAt: '2025-01-01T00:00:00.000Z', receivedFrom: 'cfind-bench' },
  };
}

/** Insert `size` studies (one series, one instance each) into a fresh store (its index SQLite or the PostgreSQL its store.json names); returns ms. */
export function populate(root, size) {
  const t = performance.now();
  const ws = openWorkstation(root);
  try {
    const BATCH = 5000;
    for (let start = 0; start < size; start += BATCH) {
      ws.index.db.transaction(() => {
        for (let i = start; i < Math.min(size, start + BATCH); i++) ws.index.upsertInstance(record(studyAttributes(i)));
      })();
    }
    const count = Number(ws.index.db.prepare('SELECT count(*) AS n FROM study').get().n);
    if (count !== size) throw new Error(`populated ${count} studies instead of ${size}`);
  } finally {
    ws.close();
  }
  return performance.now() - t;
}

/** `queries` exact and wildcard findscu queries (wall time per process) against `server` ({ aet, port, stop }); stops it afterwards. */
export async function measure(name, size, server, findscu, queries) {
  try {
    const run1 = async (key) => {
      const t = performance.now();
      const r = await run(findscu, ['-v', '-S', '-aet', 'BENCHSCU', '-aec', server.aet, '127.0.0.1', String(server.port), '-k', 'QueryRetrieveLevel=STUDY', '-k', `PatientName=${key}`, '-k', 'StudyInstanceUID', '-k', 'StudyDate', '-k', 'PatientID', '-k', 'AccessionNumber'], { env: { ...process.env, TCP_NODELAY: '1' } });
      const ms = performance.now() - t;
      if (r.code !== 0) throw new Error(`findscu against ${name} failed (exit ${r.code}): ${r.stdout.slice(-1000)}${r.stderr.slice(-1000)}`);
      const matches = (`${r.stdout}\n${r.stderr}`.match(/Find Response: \d+ \(Pending/g) ?? []).length;
      return { ms, matches };
    };
    const exact = [];
    const wildcard = [];
    for (let q = 0; q < queries; q++) {
      const i = Math.floor(((q + 0.5) / queries) * size);
      const e = await run1(studyAttributes(i).PatientName);
      if (e.matches !== 1) throw new Error(`${name}: exact query for study ${i} found ${e.matches} matches instead of 1`);
      exact.push(e);
      wildcard.push(await run1(`${FAMILY[q % FAMILY.length]}*`));
    }
    const summary = (xs) => ({ medianMs: round(median(xs.map((x) => x.ms)), 1), matches: median(xs.map((x) => x.matches)), samplesMs: xs.map((x) => round(x.ms, 1)) });
    const result = { exact: summary(exact), wildcard: summary(wildcard) };
    console.log(`${size} studies, ${name}: exact ${result.exact.medianMs} ms, wildcard ${result.wildcard.medianMs} ms (${result.wildcard.matches} matches)`);
    return result;
  } finally {
    await server.stop();
  }
}

