import type { DicomItem } from '@atrium/sdk';

/** Codes of PS3.16 CID 7203 "Image Derivation" (DCM) the 3-D apps write in Derivation Code Sequence. */
export const DERIVATION = {
  mpr: { value: '113072', meaning: 'Multiplanar reformatting' },
  volumeRendering: { value: '113074', meaning: 'Volume rendering' },
  surfaceRendering: { value: '113075', meaning: 'Surface rendering' },
  volumeEditing: { value: '113077', meaning: 'Volume editing' },
  mip: { value: '113078', meaning: 'Maximum intensity projection' },
  minip: { value: '113079', meaning: 'Minimum intensity projection' },
  resampling: { value: '113085', meaning: 'Spatial resampling' },
} as const;

/** Derivation Code Sequence items of the given codes. */
export function derivationItems(...codes: readonly { readonly value: string; readonly meaning: string }[]): DicomItem[] {
  return codes.map((c) => ({ CodeValue: c.value, CodingSchemeDesignator: 'DCM', CodeMeaning: c.meaning }));
}
