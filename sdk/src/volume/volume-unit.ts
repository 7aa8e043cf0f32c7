/**
 * Unit of modality values: Rescale Type (0028,1054) when given (PS3.3 C.11.1.1.2; `HU` for CT,
 * `US` unspecified), else `HU` for CT (PS3.3 C.8.2.1.1.6: CT rescaled values are Hounsfield
 * units), else Units (0054,1001) for PET and NM (PS3.3 C.8.9.1.1.3, e.g. `BQML`, `CNTS`).
 */
export function volumeUnit(modality: string | undefined, rescaleType: string | undefined, units: string | undefined): string | undefined {
  if (rescaleType !== undefined && rescaleType !== 'US') return rescaleType;
  if (modality === 'CT') return 'HU';
  if (modality === 'PT' || modality === 'NM') return units ?? rescaleType;
  return rescaleType;
}
