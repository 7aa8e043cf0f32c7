import { Generated, Removed, type MappingTable } from '../app/mapping-table.js';

const content = Generated('Content');

/**
 * Mapping fragment of the SR modules for an output of IOD `comprehensive-sr` or `enhanced-sr`
 * whose content comes from {@link buildSrDocument}; spread it into the output's mapping next to
 * the Patient, Study and Equipment rules:
 * - SR Document Series (PS3.3 C.17.1): Modality from the content, a new series (UID, number,
 *   date, time, description generated), Referenced Performed Procedure Step Sequence empty
 *   (Type 2: the document belongs to no performed procedure step);
 * - SR Document General (PS3.3 C.17.2): Instance Number and Content Date / Time generated;
 *   Completion, Verification, Verifying Observers, Predecessor Documents and Current Requested Procedure Evidence from
 *   the content; Performed Procedure Code Sequence empty (Type 2);
 * - SR Document Content (PS3.3 C.17.3): the root CONTAINER and its tree from the content; the
 *   value attributes a CONTAINER never has Removed;
 * - SOP Common: Coding Scheme Identification Sequence from the content.
 */
export const srDocumentMapping: MappingTable = Object.freeze({
  Modality: content,
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  SeriesDescription: Generated('SeriesDescription'),
  ReferencedPerformedProcedureStepSequence: Generated('Empty'),
  InstanceNumber: Generated('InstanceNumber'),
  CompletionFlag: content,
  CompletionFlagDescription: content,
  VerificationFlag: content,
  VerifyingObserverSequence: content,
  PredecessorDocumentsSequence: content,
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  PerformedProcedureCodeSequence: Generated('Empty'),
  CurrentRequestedProcedureEvidenceSequence: content,
  ValueType: content,
  ConceptNameCodeSequence: content,
  ContinuityOfContent: content,
  ContentTemplateSequence: content,
  ObservationDateTime: content,
  ContentSequence: content,
  TextValue: Removed,
  DateTime: Removed,
  Date: Removed,
  Time: Removed,
  PersonName: Removed,
  UID: Removed,
  MeasuredValueSequence: Removed,
  NumericValueQualifierCodeSequence: Removed,
  ConceptCodeSequence: Removed,
  ReferencedSOPSequence: Removed,
  GraphicData: Removed,
  GraphicType: Removed,
  CodingSchemeIdentificationSequence: content,
});
