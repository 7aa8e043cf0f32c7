import { pixelError } from './pixel-error.js';
import type { PixelDescription } from './pixel-types.js';

/** Byte width of one stored sample for Bits Allocated 8, 16 or 32 (1-bit data is handled separately). */
export function bytesPerSample(bitsAllocated: number): 1 | 2 | 4 {
  if (bitsAllocated === 8) return 1;
  if (bitsAllocated === 16) return 2;
  if (bitsAllocated === 32) return 4;
  throw pixelError('UNSUPPORTED', `Bits Allocated ${bitsAllocated} is not supported (1, 8, 16 or 32)`, { bitsAllocated });
}

/** True for the photometric interpretations whose native encoding stores two samples per pixel (PS3.3 C.7.6.3.1.2). */
export function isSubsampled422(photometricInterpretation: string): boolean {
  return photometricInterpretation === 'YBR_FULL_422' || photometricInterpretation === 'YBR_PARTIAL_422';
}

/** Number of samples in one frame as stored natively (YBR_*_422 stores 2 per pixel). */
export function storedSamplesPerFrame(desc: PixelDescription): number {
  const pixels = desc.rows * desc.columns;
  if (desc.samplesPerPixel === 3 && isSubsampled422(desc.photometricInterpretation)) return pixels * 2;
  return pixels * desc.samplesPerPixel;
}

/** Checks the description for internal consistency; throws `ATRIUM_ERR_PIXELS_BAD_DESCRIPTION`. */
export function validateDescription(desc: PixelDescription): void {
  const bad = (what: string): never => {
    throw pixelError('BAD_DESCRIPTION', `Invalid pixel description: ${what}`, {
      rows: desc.rows,
      columns: desc.columns,
      samplesPerPixel: desc.samplesPerPixel,
      bitsAllocated: desc.bitsAllocated,
      bitsStored: desc.bitsStored,
      highBit: desc.highBit,
      numberOfFrames: desc.numberOfFrames,
    });
  };
  const positiveInt = (v: number): boolean => Number.isInteger(v) && v > 0;
  if (!positiveInt(desc.rows) || !positiveInt(desc.columns)) bad('Rows and Columns must be positive integers');
  if (!positiveInt(desc.samplesPerPixel) || desc.samplesPerPixel > 4) bad('Samples per Pixel must be 1..4');
  if (![1, 8, 16, 32].includes(desc.bitsAllocated)) bad(`Bits Allocated ${desc.bitsAllocated} is not 1, 8, 16 or 32`);
  if (!positiveInt(desc.bitsStored) || desc.bitsStored > desc.bitsAllocated) bad('Bits Stored must be 1..Bits Allocated');
  if (!Number.isInteger(desc.highBit) || desc.highBit < desc.bitsStored - 1 || desc.highBit >= desc.bitsAllocated) {
    bad('High Bit must be in Bits Stored - 1 .. Bits Allocated - 1');
  }
  if (desc.pixelRepresentation !== 0 && desc.pixelRepresentation !== 1) bad('Pixel Representation must be 0 or 1');
  if (!positiveInt(desc.numberOfFrames)) bad('Number of Frames must be a positive integer');
}
