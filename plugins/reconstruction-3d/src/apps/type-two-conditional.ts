import type { DicomValue, SourceInstance } from '@atrium/sdk';

/** Body parts of PS3.16 CID 4031 that come in pairs: Laterality (0020,0060) is then required. */
const PAIRED_BODY_PARTS = new Set(['BREAST', 'EYE', 'EAR', 'KIDNEY', 'LUNG', 'ADRENAL', 'OVARY', 'TESTIS', 'HAND', 'FOOT', 'KNEE', 'HIP', 'SHOULDER', 'ELBOW', 'WRIST', 'ANKLE', 'ARM', 'LEG', 'FEMUR', 'TIBIA', 'FIBULA', 'HUMERUS', 'RADIUS', 'ULNA', 'CLAVICLE', 'SCAPULA', 'PAROTID', 'THIGH', 'EXTREMITY']);

/**
 * Type 2C attributes of the 3-D apps' images whose conditions the engine does not decide:
 * Laterality (General Series: required for a paired body part) — the source's value, else empty
 * when Body Part Examined is paired or absent (not known), else left out; Patient Position (CT and
 * MR images without a Patient Orientation Code Sequence; Secondary Capture copies it) and, for MR,
 * Repetition Time (unless echo planar) — the source's value, else present and empty ("unknown").
 */
export function typeTwoConditional(source: SourceInstance, options: { readonly patientPosition: boolean; readonly mr: boolean }): Record<string, DicomValue> {
  const out: Record<string, DicomValue> = {};
  const laterality = source.attribute('Laterality');
  const bodyPart = source.string('BodyPartExamined');
  if (laterality !== undefined) out.Laterality = laterality;
  else if (bodyPart === undefined || PAIRED_BODY_PARTS.has(bodyPart.toUpperCase())) out.Laterality = '';
  for (const k of [...(options.patientPosition ? ['PatientPosition'] : []), ...(options.mr ? ['RepetitionTime'] : [])]) out[k] = source.attribute(k) ?? '';
  return out;
}
