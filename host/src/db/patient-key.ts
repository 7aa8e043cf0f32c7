import type { PatientFields } from './instance-record.js';

/** The attributes that identify a patient row. */
export type PatientIdentity = Pick<
  PatientFields,
  'PatientID' | 'IssuerOfPatientID' | 'PatientName' | 'PatientBirthDate'
>;

/**
 * The identity of a patient row: Patient ID (0010,0020) qualified by Issuer of Patient ID
 * (0010,0021); when the Patient ID is empty or absent, Patient's Name (0010,0010) plus
 * Patient's Birth Date (0010,0030). Patients without any of these share one row.
 * The result is an opaque string stored in `patient.patient_key`.
 */
export function patientKey(p: PatientIdentity): string {
  const id = p.PatientID?.trim() ?? '';
  if (id !== '') return JSON.stringify(['id', id, p.IssuerOfPatientID?.trim() ?? '']);
  return JSON.stringify(['name', p.PatientName?.trim() ?? '', p.PatientBirthDate?.trim() ?? '']);
}
