import {
  appEquipmentMapping, generalStudyMapping, patientMapping, patientStudyMapping, sopCommonMapping, srDocumentMapping, type MappingTable,
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
};
