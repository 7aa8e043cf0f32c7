import { describe, expect, it } from 'vitest';
import type { DicomItem } from '../app/dicom-value.js';
import { SdkError } from '../sdk-error.js';
import type { CodedConcept } from './coded-concept.js';
import { buildSrDocument } from './build-sr-document.js';
import { NumericValueQualifier } from './numeric-value-qualifier.js';
import type { SrImageReference } from './sr-content-item.js';
import type { SrDocumentSpec } from './sr-document-spec.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';
const SEG = '1.2.840.10008.5.1.4.1.1.66.4';
const ref = (series: string, n: number, sopClassUID = CT): SrImageReference => ({ studyInstanceUID: '2.25.1', seriesInstanceUID: series, sopClassUID, sopInstanceUID: `${series}.${n}` });
const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });
const local = (value: string, meaning: string): CodedConcept => ({ value, scheme: '99TEST', meaning });
const mm: CodedConcept = { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' };
const children = (item: DicomItem): readonly DicomItem[] => item.ContentSequence as readonly DicomItem[];

/** A report with every value type the builder writes. */
const everything: SrDocumentSpec = {
  iod: 'comprehensive-sr',
  completion: 'COMPLETE',
  codingSchemes: [{ designator: '99TEST', name: 'Test codes', responsibleOrganization: 'Atrium project' }],
  root: {
    valueType: 'CONTAINER',
    concept: local('REPORT', 'Test report'),
    template: { identifier: '1500', mappingResource: 'DCMR' },
    children: [
      { relationship: 'HAS OBS CONTEXT', valueType: 'PNAME', concept: dcm('121008', 'Person Observer Name'), personName: 'Doe^Jane' },
      { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', concept: dcm('121018', 'Procedure Study Instance UID'), uid: '2.25.1' },
      { relationship: 'HAS OBS CONTEXT', valueType: 'DATE', concept: local('D', 'A date'), date: '20240229' },
      { relationship: 'HAS OBS CONTEXT', valueType: 'TIME', concept: local('T', 'A time'), time: '235959.5' },
      { relationship: 'HAS OBS CONTEXT', valueType: 'DATETIME', concept: local('DT', 'A date-time'), dateTime: '20240229235959+0100' },
      {
        relationship: 'CONTAINS', valueType: 'NUM', concept: local('DIAMETER', 'Diameter'), value: 12.5, unit: mm,
        children: [
          { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: local('METHOD', 'Method'), code: { value: '255590007', scheme: 'SCT', meaning: 'Quantitative' } },
          { relationship: 'INFERRED FROM', valueType: 'IMAGE', image: ref('2.25.2', 1) },
          { relationship: 'INFERRED FROM', valueType: 'SCOORD', graphicType: 'POINT', graphicData: [10.5, 20], children: [{ relationship: 'SELECTED FROM', valueType: 'IMAGE', image: ref('2.25.3', 7, ENHANCED_CT), children: [] }] },
        ],
      },
      { relationship: 'CONTAINS', valueType: 'NUM', concept: local('MASS', 'Mass'), qualifier: NumericValueQualifier.measurementNotAttempted },
      { relationship: 'CONTAINS', valueType: 'TEXT', concept: local('NOTE', 'Note'), text: 'not for clinical use' },
      { relationship: 'CONTAINS', valueType: 'IMAGE', image: { ...ref('2.25.3', 7, ENHANCED_CT), frames: [2, 5] } },
      { relationship: 'CONTAINS', valueType: 'COMPOSITE', object: ref('2.25.4', 1, SEG) },
    ],
  },
};

describe('buildSrDocument', () => {
  const doc = buildSrDocument(everything);
  const tree = children(doc);

  it('writes the document attributes: Modality SR, flags, the root CONTAINER with its template, the declared scheme', () => {
    expect([doc.Modality, doc.CompletionFlag, doc.VerificationFlag, doc.VerifyingObserverSequence]).toEqual(['SR', 'COMPLETE', 'UNVERIFIED', undefined]);
    expect([doc.ValueType, doc.ConceptNameCodeSequence, doc.ContinuityOfContent, doc.ContentTemplateSequence, doc.RelationshipType]).toEqual([
      'CONTAINER', [{ CodeValue: 'REPORT', CodingSchemeDesignator: '99TEST', CodeMeaning: 'Test report' }], 'SEPARATE', [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }], undefined,
    ]);
    expect(doc.CodingSchemeIdentificationSequence).toEqual([{ CodingSchemeDesignator: '99TEST', CodingSchemeName: 'Test codes', CodingSchemeResponsibleOrganization: 'Atrium project' }]);
  });

  it('writes each value type with its attributes (PS3.3 C.17.3, C.18)', () => {
    expect(tree.slice(0, 5).map((i) => [i.RelationshipType, i.ValueType, i.PersonName ?? i.UID ?? i.Date ?? i.Time ?? i.DateTime])).toEqual([
      ['HAS OBS CONTEXT', 'PNAME', 'Doe^Jane'], ['HAS OBS CONTEXT', 'UIDREF', '2.25.1'], ['HAS OBS CONTEXT', 'DATE', '20240229'], ['HAS OBS CONTEXT', 'TIME', '235959.5'], ['HAS OBS CONTEXT', 'DATETIME', '20240229235959+0100'],
    ]);
    const [num, notComputed, text, image, composite] = tree.slice(5);
    expect(num!.MeasuredValueSequence).toEqual([{ MeasurementUnitsCodeSequence: [{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' }], NumericValue: 12.5 }]);
    expect(children(num!).map((c) => `${c.RelationshipType} ${c.ValueType}`)).toEqual(['HAS CONCEPT MOD CODE', 'INFERRED FROM IMAGE', 'INFERRED FROM SCOORD']);
    expect(children(num!)[0]!.ConceptCodeSequence).toEqual([{ CodeValue: '255590007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Quantitative' }]);
    const scoord = children(num!)[2]!;
    expect([scoord.GraphicType, scoord.GraphicData, scoord.ConceptNameCodeSequence]).toEqual(['POINT', [10.5, 20], undefined]);
    expect(children(scoord)).toEqual([{ RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: ENHANCED_CT, ReferencedSOPInstanceUID: '2.25.3.7' }] }]);
    // Not computed: an empty Measured Value Sequence and the reason — never a zero.
    expect([notComputed!.MeasuredValueSequence, notComputed!.NumericValueQualifierCodeSequence]).toEqual(['', [{ CodeValue: '114007', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Measurement not attempted' }]]);
    expect(text!.TextValue).toBe('not for clinical use');
    expect(image!.ReferencedSOPSequence).toEqual([{ ReferencedSOPClassUID: ENHANCED_CT, ReferencedSOPInstanceUID: '2.25.3.7', ReferencedFrameNumber: [2, 5] }]);
    expect(composite!.ReferencedSOPSequence).toEqual([{ ReferencedSOPClassUID: SEG, ReferencedSOPInstanceUID: '2.25.4.1' }]);
  });

  it('builds Current Requested Procedure Evidence from the extra evidence and every IMAGE and COMPOSITE reference, by study and series, each once', () => {
    const sop = (uid: string, sopClass = CT) => ({ ReferencedSOPClassUID: sopClass, ReferencedSOPInstanceUID: uid });
    expect(doc.CurrentRequestedProcedureEvidenceSequence).toEqual([
      {
        StudyInstanceUID: '2.25.1',
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: '2.25.2', ReferencedSOPSequence: [sop('2.25.2.1')] },
          { SeriesInstanceUID: '2.25.3', ReferencedSOPSequence: [sop('2.25.3.7', ENHANCED_CT)] },
          { SeriesInstanceUID: '2.25.4', ReferencedSOPSequence: [sop('2.25.4.1', SEG)] },
        ],
      },
    ]);
    const withExtra = buildSrDocument({ ...everything, evidence: [{ ...ref('2.25.9', 1), studyInstanceUID: '2.25.8' }, ref('2.25.2', 2), ref('2.25.2', 1)] });
    expect(withExtra.CurrentRequestedProcedureEvidenceSequence).toEqual([
      { StudyInstanceUID: '2.25.8', ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.9', ReferencedSOPSequence: [sop('2.25.9.1')] }] },
      {
        StudyInstanceUID: '2.25.1',
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: '2.25.2', ReferencedSOPSequence: [sop('2.25.2.2'), sop('2.25.2.1')] },
          { SeriesInstanceUID: '2.25.3', ReferencedSOPSequence: [sop('2.25.3.7', ENHANCED_CT)] },
          { SeriesInstanceUID: '2.25.4', ReferencedSOPSequence: [sop('2.25.4.1', SEG)] },
        ],
      },
    ]);
    const plain = buildSrDocument({ iod: 'enhanced-sr', completion: 'PARTIAL', root: { valueType: 'CONTAINER', concept: dcm('121070', 'Findings') } });
    expect([plain.CurrentRequestedProcedureEvidenceSequence, plain.ContentSequence, plain.CodingSchemeIdentificationSequence, plain.CompletionFlag]).toEqual([undefined, undefined, undefined, 'PARTIAL']);
  });

  it('writes the Predecessor Documents Sequence of the documents it replaces, by study and series; none without', () => {
    const SR = '1.2.840.10008.5.1.4.1.1.88.33';
    const replacing = buildSrDocument({ ...everything, predecessors: [ref('2.25.7', 1, SR), ref('2.25.7', 2, SR)] });
    expect(replacing.PredecessorDocumentsSequence).toEqual([
      { StudyInstanceUID: '2.25.1', ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.7', ReferencedSOPSequence: [{ ReferencedSOPClassUID: SR, ReferencedSOPInstanceUID: '2.25.7.1' }, { ReferencedSOPClassUID: SR, ReferencedSOPInstanceUID: '2.25.7.2' }] }] },
    ]);
    expect([doc.PredecessorDocumentsSequence, buildSrDocument({ ...everything, predecessors: [] }).PredecessorDocumentsSequence]).toEqual([undefined, undefined]);
  });

  it('writes the Verifying Observer Sequence of a VERIFIED document (identification code empty when not given)', () => {
    const verified = buildSrDocument({
      ...everything,
      completionDescription: 'all arteries scored',
      verification: { flag: 'VERIFIED', observers: [{ name: 'Smith^John', organization: 'Cardiology', dateTime: '20240305143000' }, { name: 'Roe^Ann', organization: 'Radiology', dateTime: '20240305150000', code: local('AR', 'Ann Roe') }] },
    });
    expect([verified.VerificationFlag, verified.CompletionFlagDescription]).toEqual(['VERIFIED', 'all arteries scored']);
    expect(verified.VerifyingObserverSequence).toEqual([
      { VerifyingObserverName: 'Smith^John', VerifyingObserverIdentificationCodeSequence: '', VerifyingOrganization: 'Cardiology', VerificationDateTime: '20240305143000' },
      { VerifyingObserverName: 'Roe^Ann', VerifyingObserverIdentificationCodeSequence: [{ CodeValue: 'AR', CodingSchemeDesignator: '99TEST', CodeMeaning: 'Ann Roe' }], VerifyingOrganization: 'Radiology', VerificationDateTime: '20240305150000' },
    ]);
  });

  it('writes long code values as Long / URN Code Value, and a Floating Point Value when DS cannot hold the number', () => {
    const doc2 = buildSrDocument({
      iod: 'comprehensive-sr',
      completion: 'COMPLETE',
      root: {
        valueType: 'CONTAINER',
        concept: { value: '126000', scheme: 'DCM', meaning: 'Imaging Measurement Report' },
        children: [
          { relationship: 'CONTAINS', valueType: 'CODE', concept: { value: 'http://loinc.org/18748-4', scheme: 'LN', meaning: 'Diagnostic imaging study' }, code: { value: '1234567890123456789', scheme: 'SCT', meaning: 'A long code' } },
          { relationship: 'CONTAINS', valueType: 'NUM', concept: dcm('121206', 'Distance'), value: 1 / 3, unit: mm },
        ],
      },
    });
    const [code, num] = children(doc2);
    expect(code!.ConceptNameCodeSequence).toEqual([{ URNCodeValue: 'http://loinc.org/18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging study' }]);
    expect(code!.ConceptCodeSequence).toEqual([{ LongCodeValue: '1234567890123456789', CodingSchemeDesignator: 'SCT', CodeMeaning: 'A long code' }]);
    expect((num!.MeasuredValueSequence as readonly DicomItem[])[0]).toMatchObject({ NumericValue: 1 / 3, FloatingPointValue: 1 / 3 });
  });

  it('throws ATRIUM_ERR_SR_INVALID listing every problem with its content item, and writes nothing', () => {
    let e: unknown;
    try {
      buildSrDocument({ ...everything, root: { ...everything.root, children: [{ relationship: 'CONTAINS', valueType: 'NUM', concept: local('X', 'Volume'), value: 3 } as never, { relationship: 'HAS PROPERTIES', valueType: 'TEXT', concept: local('N', 'Note'), text: 'x' }] } });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SdkError);
    const err = e as SdkError;
    expect(err.code).toBe('ATRIUM_ERR_SR_INVALID');
    expect(err.message).toBe(
      'the structured report is not valid: content item 1.1 (NUM "Volume"): a value without a unit (Measurement Units Code Sequence: a UCUM code, PS3.16 CID 82; 1 or a curly-brace annotation for counts and scores) [ATRIUM_ERR_SR_UNIT]; '
      + 'content item 1.2: CONTAINER HAS PROPERTIES TEXT is not allowed in Comprehensive SR (PS3.3 Table A.35.3-2) [ATRIUM_ERR_SR_RELATIONSHIP]',
    );
    expect((err.details.problems as { path: string }[]).map((p) => p.path)).toEqual(['1.1', '1.2']);
  });
});
