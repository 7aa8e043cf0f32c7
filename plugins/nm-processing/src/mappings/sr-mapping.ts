import {
  appEquipmentMapping, generalStudyMapping, patientMapping, patientStudyMapping, sopCommonMapping, srDocumentMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the renogram's Comprehensive SR is produced (the Canon GCA-9300R creates no
 * SR; this follows the vocabulary of its Tables 8-4 … 8-15), from the SDK's module fragments, which
 * agree with those tables here: patient and study Copied from the dynamic image (same study), the
 * physicians of record and reading Removed (Table 8-6 sets them to null); General Equipment names
 * the app (manufacturer, app title and version, as the GCA-9300R names itself in Table 8-7); the
 * SOP Common attributes of a new object (Table 8-15). The SR modules — a new SR series, the SR
 * Document General attributes (Completion / Verification Flag, Current Requested Procedure
 * Evidence), the content tree and the coding scheme declaration — follow the SDK's
 * {@link srDocumentMapping}, filled by the SDK's SR builder.
 */
export const srMapping: MappingTable = {
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  ...appEquipmentMapping,
  ...sopCommonMapping,
  ...srDocumentMapping,
};
