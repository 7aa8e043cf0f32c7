import type { DicomValue, SourceInstance } from '@atrium/sdk';

/**
 * Scanning Sequence and Sequence Variant (MR Image Module, Type 1) of a reformatted MR: the
 * source's values when it has them (classic MR); for an Enhanced MR, whose MR Image and
 * Spectroscopy Instance Macro has no such attributes, derived from Echo Pulse Sequence (SPIN → SE,
 * GRADIENT → GR, BOTH → SE\GR), Inversion Recovery (YES → IR) and Echo Planar Pulse Sequence
 * (YES → EP); RM (research mode) when nothing says; Sequence Variant NONE unless the source says.
 */
export function mrSequenceAttributes(source: SourceInstance): { ScanningSequence: DicomValue; SequenceVariant: DicomValue } {
  const given = source.attribute('ScanningSequence');
  if (given !== undefined && given !== '') return { ScanningSequence: given, SequenceVariant: source.attribute('SequenceVariant') ?? 'NONE' };
  const values: string[] = [];
  const echo = source.string('EchoPulseSequence');
  if (echo === 'SPIN' || echo === 'BOTH') values.push('SE');
  if (echo === 'GRADIENT' || echo === 'BOTH') values.push('GR');
  if (source.string('InversionRecovery') === 'YES') values.push('IR');
  if (source.string('EchoPlanarPulseSequence') === 'YES') values.push('EP');
  return { ScanningSequence: values.length > 0 ? values : 'RM', SequenceVariant: 'NONE' };
}

/** Body parts of PS3.16 CID 4031 that come in pairs: Laterality (0020,0060) is then required. */
const PAIRED_BODY_PARTS = new Set(['BREAST', 'EYE', 'EAR', 'KIDNEY', 'LUNG', 'ADRENAL', 'OVARY', 'TESTIS', 'HAND', 'FOOT', 'KNEE', 'HIP', 'SHOULDER', 'ELBOW', 'WRIST', 'ANKLE', 'ARM', 'LEG', 'FEMUR', 'TIBIA', 'FIBULA', 'HUMERUS', 'RADIUS', 'ULNA', 'CLAVICLE', 'SCAPULA', 'PAROTID', 'THIGH', 'EXTREMITY']);

/**
 * Type 2C attributes of a reformatted CT or MR image whose conditions the engine does not decide:
 * Laterality (General Series: required for a paired body part) — the source's value, else empty
 * when Body Part Examined is paired or absent (not known), else left out; Patient Position (CT and
 * MR without a Patient Orientation Code Sequence) and, for MR, Repetition Time (unless echo planar)
 * — the source's value, else present and empty ("unknown").
 */
export function typeTwoConditional(source: SourceInstance, mr: boolean): Record<string, DicomValue> {
  const out: Record<string, DicomValue> = {};
  const laterality = source.attribute('Laterality');
  const bodyPart = source.string('BodyPartExamined');
  if (laterality !== undefined) out.Laterality = laterality;
  else if (bodyPart === undefined || PAIRED_BODY_PARTS.has(bodyPart.toUpperCase())) out.Laterality = '';
  for (const k of ['PatientPosition', ...(mr ? ['RepetitionTime'] : [])]) out[k] = source.attribute(k) ?? '';
  return out;
}
