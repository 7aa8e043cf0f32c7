import { Copied, generalStudyMapping, patientMapping, patientStudyMapping, type MappingTable } from '@atrium/sdk';

/**
 * The Patient, Patient Study and General Study modules of every 3-D output: the derived series
 * land in the source study, so who the patient is and the study are Copied — the SDK's module
 * fragments, with the Shimadzu SCORE 3D conformance statement's own rule where it differs:
 * Patient's Size and Patient's Weight Copied, as its Appendix lists them in the Patient Study
 * module of the objects it sends (the fragment removes them).
 */
export const score3dPatientStudyMapping: MappingTable = Object.freeze({
  ...patientMapping,
  ...patientStudyMapping,
  PatientSize: Copied,
  PatientWeight: Copied,
  ...generalStudyMapping,
});
