import { lookupKeyword, SopClass, TransferSyntax, type DicomItem, type DicomValue } from '@atrium/sdk';
import { dicomDate, dicomTime } from '../derive/generators/date-time-generators.js';
import { elementFromValue } from '../derive/value-element.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { buildFileMeta, writePart10 } from '../io/write-part10.js';
import { EXPLICIT_LE, transferSyntaxInfo } from '../io/transfer-syntax.js';

/** An object a rejection note names (a replaced output of an earlier run). */
export interface RejectedObject {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** What the note is made of besides the rejected objects. */
export interface RejectionNoteSpec {
  /** An instance of the study (its Patient and General Study attributes are copied). */
  readonly study: DataSet;
  readonly rejected: readonly RejectedObject[];
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly seriesNumber: number;
  readonly now: Date;
  /** Manufacturer (0008,0070) of the equipment that wrote the note. */
  readonly manufacturer: string;
  /** Series Description: why the objects were rejected, in words. */
  readonly description: string;
  /** The organisation UID root (`atrium config set uidRoot`) of the file's Implementation Class UID. */
  readonly uidRoot?: string;
}

/** The Patient and General Study attributes copied from the study's instance (PS3.3 C.7.1.1, C.7.2.1). */
const COPIED = [
  'PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientSex',
  'StudyInstanceUID', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber', 'StudyDescription',
] as const;
/** Type 2 among them: written empty when the source has none. */
const TYPE_2 = new Set(['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber']);

/** Images among the rejected objects are IMAGE items; SR documents and the rest COMPOSITE (PS3.16 TID 2010). */
const NOT_IMAGES = new Set<string>([SopClass.ComprehensiveSRStorage, SopClass.EnhancedSRStorage, SopClass.BasicTextSRStorage, SopClass.KeyObjectSelectionDocumentStorage]);

/**
 * A rejection note (IHE IOCM, Rejected Instances): a Key Object Selection Document (PS3.3
 * A.35.4) whose Document Title is (113001, DCM, "Rejected for Quality Reasons"), template
 * TID 2010 (Key Object Selection), one CONTAINS item per rejected object (IMAGE for images,
 * COMPOSITE otherwise) and the same objects, by study and series, in Current Requested
 * Procedure Evidence Sequence. A receiver that follows IOCM hides or deletes them. Returns the
 * Part 10 file (Explicit VR Little Endian).
 */
export function rejectionNote(spec: RejectionNoteSpec): Uint8Array {
  const characterSet = spec.study.characterSet;
  const values: Record<string, DicomValue> = {};
  if (characterSet.length > 0) values.SpecificCharacterSet = [...characterSet];
  for (const keyword of COPIED) {
    const value = spec.study.strings(lookupKeyword(keyword)!.tag);
    if (value.length > 0 && value.some((v) => v !== '')) values[keyword] = value.length === 1 ? value[0]! : value;
    else if (TYPE_2.has(keyword)) values[keyword] = '';
  }
  const date = dicomDate(spec.now);
  const time = dicomTime(spec.now);
  Object.assign(values, {
    SOPClassUID: SopClass.KeyObjectSelectionDocumentStorage,
    SOPInstanceUID: spec.sopInstanceUID,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    Modality: 'KO',
    SeriesInstanceUID: spec.seriesInstanceUID,
    SeriesNumber: spec.seriesNumber,
    SeriesDate: date,
    SeriesTime: time,
    SeriesDescription: spec.description.slice(0, 64),
    ReferencedPerformedProcedureStepSequence: '',
    Manufacturer: spec.manufacturer,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    CurrentRequestedProcedureEvidenceSequence: evidence(spec.rejected),
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: '113001', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Rejected for Quality Reasons' }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    ContentSequence: spec.rejected.map((r) => ({
      RelationshipType: 'CONTAINS',
      ValueType: NOT_IMAGES.has(r.sopClassUID) ? 'COMPOSITE' : 'IMAGE',
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: r.sopClassUID, ReferencedSOPInstanceUID: r.sopInstanceUID }],
    })),
  } satisfies Record<string, DicomValue>);
  const elements: DataElement[] = Object.entries(values).map(([k, v]) => elementFromValue(k, v, characterSet));
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE, characterSet);
  return writePart10({
    preamble: new Uint8Array(128), meta: buildFileMeta(dataset, TransferSyntax.ExplicitVRLittleEndian, undefined, spec.uidRoot), hasPrefix: true, dataset, transferSyntax: transferSyntaxInfo(TransferSyntax.ExplicitVRLittleEndian), transferSyntaxDetected: false,
    trailing: new Uint8Array(0), stoppedAtPixelData: false, datasetBytes: new Uint8Array(0),
  });
}

/** Hierarchical SOP Instance Reference Macro items (PS3.3 Table C.17-3): per study, per series. */
function evidence(rejected: readonly RejectedObject[]): DicomItem[] {
  const studies = new Map<string, Map<string, RejectedObject[]>>();
  for (const r of rejected) {
    const series = studies.get(r.studyInstanceUID) ?? new Map<string, RejectedObject[]>();
    studies.set(r.studyInstanceUID, series);
    series.set(r.seriesInstanceUID, [...(series.get(r.seriesInstanceUID) ?? []), r]);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([uid, objects]) => ({
      SeriesInstanceUID: uid,
      ReferencedSOPSequence: objects.map((o) => ({ ReferencedSOPClassUID: o.sopClassUID, ReferencedSOPInstanceUID: o.sopInstanceUID })),
    })),
  }));
}
