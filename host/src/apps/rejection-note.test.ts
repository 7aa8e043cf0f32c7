import { readFileSync } from 'node:fs';
import { SopClass, Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../io/parse-part10.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import { rejectionNote } from './rejection-note.js';

describe('rejection note (IHE IOCM Key Object Selection)', () => {
  const source = 'samples/mr/MR_small.dcm';
  const study = readDicomHeader(source).dataset;
  const rejected = [
    { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.1', sopClassUID: SopClass.SecondaryCaptureImageStorage, sopInstanceUID: '1.2.3.1.1' },
    { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.1', sopClassUID: SopClass.SecondaryCaptureImageStorage, sopInstanceUID: '1.2.3.1.2' },
    { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.2', sopClassUID: SopClass.ComprehensiveSRStorage, sopInstanceUID: '1.2.3.2.1' },
  ];
  const note = parseDicom(rejectionNote({ study, rejected, sopInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', seriesNumber: 9, now: new Date(2026, 0, 2, 3, 4, 5), manufacturer: 'Atrium', description: 'Rejected for Quality Reasons' })).dataset;

  it('is a KO document titled (113001, DCM, "Rejected for Quality Reasons") on TID 2010, in the source patient and study', () => {
    expect(note.string(Tag.SOPClassUID)).toBe(SopClass.KeyObjectSelectionDocumentStorage);
    expect(note.string(Tag.Modality)).toBe('KO');
    expect([note.string(Tag.SeriesInstanceUID), note.number(Tag.SeriesNumber), note.string(Tag.ContentDate), note.string(Tag.ContentTime)]).toEqual(['2.25.2', 9, '20260102', '030405']);
    for (const tag of [Tag.PatientName, Tag.PatientID, Tag.StudyInstanceUID, Tag.StudyDate]) expect(note.string(tag)).toBe(study.string(tag));
    const title = note.items(Tag.ConceptNameCodeSequence)[0]!.dataset;
    expect([title.string(Tag.CodeValue), title.string(Tag.CodingSchemeDesignator), title.string(Tag.CodeMeaning)]).toEqual(['113001', 'DCM', 'Rejected for Quality Reasons']);
    expect(note.items(Tag.ContentTemplateSequence)[0]!.dataset.string(Tag.TemplateIdentifier)).toBe('2010');
    expect(readFileSync(source).length).toBeGreaterThan(0); // the source is only read
  });

  it('names each rejected object once in the content (IMAGE for images, COMPOSITE for the SR) and in the evidence by series', () => {
    const items = note.items(Tag.ContentSequence).map((i) => `${i.dataset.string(Tag.RelationshipType)} ${i.dataset.string(Tag.ValueType)} ${i.dataset.items(Tag.ReferencedSOPSequence)[0]!.dataset.string(Tag.ReferencedSOPInstanceUID)}`);
    expect(items).toEqual(['CONTAINS IMAGE 1.2.3.1.1', 'CONTAINS IMAGE 1.2.3.1.2', 'CONTAINS COMPOSITE 1.2.3.2.1']);
    const evidence = note.items(Tag.CurrentRequestedProcedureEvidenceSequence).flatMap((st) => st.dataset.items(Tag.ReferencedSeriesSequence).map((se) =>
      `${st.dataset.string(Tag.StudyInstanceUID)}/${se.dataset.string(Tag.SeriesInstanceUID)}: ${se.dataset.items(Tag.ReferencedSOPSequence).map((i) => i.dataset.string(Tag.ReferencedSOPInstanceUID)).join(',')}`));
    expect(evidence).toEqual(['1.2.3/1.2.3.1: 1.2.3.1.1,1.2.3.1.2', '1.2.3/1.2.3.2: 1.2.3.2.1']);
  });
});
