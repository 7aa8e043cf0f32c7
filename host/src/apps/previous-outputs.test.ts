import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SopClass, type DicomValue } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { encodePart10 } from '../testing/encode-part10.js';
import { previousOutputs, removePreviousOutputs } from './previous-outputs.js';

const STUDY = '2.25.1';
const CT_A = '2.25.10';
const CT_B = '2.25.20';
const APP = 'calcium-scoring.calcium-scoring';

/** A fake index of rows (study, series, instance, file) and a folder of their files. */
function held(objects: readonly { series: string; sop: string; sopClass?: string; from?: string; attributes?: Record<string, DicomValue> }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-previous-'));
  const rows = objects.map((o) => {
    const path = `${o.sop}.dcm`;
    const sopClass = o.sopClass ?? SopClass.SecondaryCaptureImageStorage;
    writeFileSync(join(dir, path), encodePart10({ SOPClassUID: sopClass, SOPInstanceUID: o.sop, StudyInstanceUID: STUDY, SeriesInstanceUID: o.series, ...(o.attributes ?? {}) }));
    return { study: { StudyInstanceUID: STUDY }, series: { SeriesInstanceUID: o.series }, instance: { SOPInstanceUID: o.sop, SOPClassUID: sopClass }, file: { path, ...(o.from ? { receivedFrom: o.from } : {}) } };
  });
  const index = { getInstances: (q: { StudyInstanceUID?: string }) => rows.filter((r) => r.study.StudyInstanceUID === q.StudyInstanceUID) };
  return { index: index as never, files: { absolute: (p: string) => join(dir, p) } };
}

const source = (sop: string) => ({ SourceImageSequence: [{ ReferencedSOPClassUID: SopClass.CTImageStorage, ReferencedSOPInstanceUID: sop }] });
const evidence = (series: string) => ({ CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: STUDY, ReferencedSeriesSequence: [{ SeriesInstanceUID: series, ReferencedSOPSequence: [] }] }] });
const input = (series: string, sop: string) => ({ study: { StudyInstanceUID: STUDY }, series: { SeriesInstanceUID: series }, instance: { SOPInstanceUID: sop } });

describe('previousOutputs', () => {
  it('finds what the app wrote from the input series (by source image or SR evidence), not from another series, not by another writer', () => {
    const { index, files } = held([
      { series: CT_A, sop: '2.25.11' },
      { series: CT_B, sop: '2.25.21' },
      { series: '2.25.100', sop: '2.25.101', from: `app:${APP}`, attributes: source('2.25.11') },
      { series: '2.25.100', sop: '2.25.102', from: `app:${APP}`, attributes: source('2.25.11') },
      { series: '2.25.200', sop: '2.25.201', from: `app:${APP}`, sopClass: SopClass.ComprehensiveSRStorage, attributes: evidence(CT_A) },
      { series: '2.25.300', sop: '2.25.301', from: `app:${APP}`, attributes: source('2.25.21') },
      { series: '2.25.400', sop: '2.25.401', from: 'app:other.app', attributes: source('2.25.11') },
      { series: '2.25.500', sop: '2.25.501', from: 'CT1', attributes: source('2.25.11') },
    ]);
    const found = previousOutputs(index, files, APP, [input(CT_A, '2.25.11')]);
    expect(found.map((p) => [p.seriesInstanceUID, p.sopInstanceUID, p.sourceSeriesInstanceUID])).toEqual([
      ['2.25.100', '2.25.101', CT_A], ['2.25.100', '2.25.102', CT_A], ['2.25.200', '2.25.201', CT_A],
    ]);
    expect(found[2]!.sopClassUID).toBe(SopClass.ComprehensiveSRStorage);
    // A study run on both series finds the outputs of each.
    expect(previousOutputs(index, files, APP, [input(CT_A, '2.25.11'), input(CT_B, '2.25.21')]).map((p) => p.sopInstanceUID)).toEqual(['2.25.101', '2.25.102', '2.25.201', '2.25.301']);
  });

  it('leaves alone a derived series whose file cannot be read or names no input', () => {
    const { index, files } = held([
      { series: '2.25.100', sop: '2.25.101', from: `app:${APP}` },
      { series: '2.25.200', sop: '2.25.201', from: `app:${APP}`, attributes: source('2.25.999') },
    ]);
    writeFileSync(files.absolute('2.25.101.dcm'), 'not dicom');
    expect(previousOutputs(index, files, APP, [input(CT_A, '2.25.11')])).toEqual([]);
  });

  it('removes what the run did not write again, index row then file, and says what it removed', () => {
    const removedRows: string[] = [];
    const removedFiles: string[] = [];
    const index = { removeInstance: (ref: { SOPInstanceUID: string }) => (removedRows.push(ref.SOPInstanceUID), { paths: [`${ref.SOPInstanceUID}.dcm`], instances: ref.SOPInstanceUID === '2.25.9' ? 0 : 1 }) };
    const files = { remove: (p: string) => void removedFiles.push(p) };
    const previous = ['2.25.1', '2.25.2', '2.25.9'].map((sop) => ({ studyInstanceUID: STUDY, seriesInstanceUID: '2.25.100', sopClassUID: SopClass.SecondaryCaptureImageStorage, sopInstanceUID: sop, sourceSeriesInstanceUID: CT_A }));
    const removed = removePreviousOutputs(index as never, files, previous, [{ sopInstanceUID: '2.25.2' }]);
    expect([removedRows, removedFiles]).toEqual([['2.25.1', '2.25.9'], ['2.25.1.dcm', '2.25.9.dcm']]);
    // 2.25.9 was already gone from the index (removed meanwhile): not reported as removed.
    expect(removed).toEqual([{ seriesInstanceUID: '2.25.100', sopInstanceUID: '2.25.1' }]);
  });
});
