import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Index } from './dicom-index.js';
import { openIndex } from './open-database.js';
import { query } from './query-engine.js';
import { sampleRecord } from './sample-record.js';

// Sanity check only: prints timings, asserts results, never asserts durations.
const PATIENTS = 50;
const STUDIES_PER_PATIENT = 4;
const SERIES_PER_STUDY = 5;
const INSTANCES_PER_SERIES = 10; // 50 × 4 × 5 × 10 = 10,000 instances

let dir: string;
let idx: Index;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-perf-'));
  idx = openIndex(join(dir, 'index.sqlite'));
});
afterAll(() => {
  idx.close();
  rmSync(dir, { recursive: true, force: true });
});

const time = <T>(label: string, fn: () => T): T => {
  const t0 = performance.now();
  const result = fn();
  console.log(`[index perf] ${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return result;
};

it('inserts 10,000 instances (one transaction each, WAL file) and queries them', () => {
  time('insert 10,000 instances', () => {
    for (let p = 0; p < PATIENTS; p++) {
      for (let s = 0; s < STUDIES_PER_PATIENT; s++) {
        const study = `1.2.3.${p}.${s}`;
        const day = String(1 + ((p * STUDIES_PER_PATIENT + s) % 28)).padStart(2, '0');
        for (let se = 0; se < SERIES_PER_STUDY; se++) {
          for (let i = 0; i < INSTANCES_PER_SERIES; i++) {
            idx.upsertInstance(
              sampleRecord({
                patient: { PatientID: `PID${p}`, PatientName: `PATIENT^${p}` },
                study: { StudyInstanceUID: study, StudyDate: `202401${day}`, StudyTime: `${10 + s}0000` },
                series: { SeriesInstanceUID: `${study}.${se}`, Modality: se === 0 ? 'MR' : 'CT', SeriesNumber: se + 1 },
                instance: { SOPInstanceUID: `${study}.${se}.${i}`, InstanceNumber: i + 1 },
              }),
            );
          }
        }
      }
    }
  });
  expect(idx.listInstancePaths().length).toBe(10_000);

  const all = time('STUDY level, all studies with counts and ModalitiesInStudy', () =>
    query(idx, 'STUDY', { ModalitiesInStudy: '', NumberOfStudyRelatedInstances: '', PatientName: '' }),
  );
  expect(all.length).toBe(200);
  expect(all[0]).toMatchObject({ ModalitiesInStudy: 'CT\\MR', NumberOfStudyRelatedInstances: 50 });

  const range = time('STUDY level, date range + PN wildcard', () =>
    query(idx, 'STUDY', { StudyDate: '20240101-20240107', PatientName: 'patient^1*' }),
  );
  console.log(`[index perf]   -> ${range.length} studies`);

  const images = time('IMAGE level, one series', () => query(idx, 'IMAGE', { SeriesInstanceUID: '1.2.3.7.2.3' }));
  expect(images.length).toBe(INSTANCES_PER_SERIES);

  const byModality = time('STUDY level, ModalitiesInStudy=MR + time range', () =>
    query(idx, 'STUDY', { ModalitiesInStudy: 'MR', StudyTime: '11-12' }),
  );
  expect(byModality.length).toBe(PATIENTS * 2);

  const removed = time('remove one patient (200 instances)', () => idx.removePatient({ PatientID: 'PID3' }));
  expect(removed.instances).toBe(200);
});
