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
