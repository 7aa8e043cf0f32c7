import {
  appEquipmentMapping, generalStudyMapping, patientMapping, patientStudyMapping, Removed, sopCommonMapping, srDocumentMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the calcium scoring Comprehensive SR is produced (the GE SmartScore
 * conformance statement has no SR; this follows its Copied / Generated / Removed vocabulary),
 * from the SDK's per-module fragments: Patient and Study attributes Copied (same study); General
 * Equipment naming the app (the plugin's manufacturer, the app's title and version); the SR
 * modules — a new SR series, the SR Document General attributes the app decides (Completion /
 * Verification Flag, Current Requested Procedure Evidence), the root CONTAINER and its content
 * tree, the coding scheme declaration — from {@link srDocumentMapping}, filled by
 * `buildSrContent` (the SDK's SR builder); Performed Procedure Code Sequence and Referenced
 * Performed Procedure Step Sequence (Type 2) are written empty: the SR belongs to no scheduled
 * procedure step.
 */
export const srMapping: MappingTable = {
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  ...appEquipmentMapping,
  ...sopCommonMapping,
  ...srDocumentMapping,
  // The report follows no DICOM template, and its observations are those of the Content Date/Time.
  ContentTemplateSequence: Removed,
  ObservationDateTime: Removed,
};

/** When the SR's conditional attributes are written (printed in the conformance statement's Note column). */
export const srNotes: Readonly<Record<string, string>> = {
  CompletionFlagDescription: 'only when not scored (Completion Flag PARTIAL): why',
  VerifyingObserverSequence: 'only when VERIFIED: the reader (parameter reader) and organization (readerOrganization, else Institution Name)',
  PredecessorDocumentsSequence: 'only when the run supersedes the SRs of earlier runs on the same series (atrium run without --keep-previous)',
  ContentTemplateSequence: 'the report follows no DICOM template',
  ObservationDateTime: 'the observations are those of the Content Date/Time',
};
