import { finishFrame } from './finish-frame.js';
import { validateDescription } from './pixel-layout.js';
import { pixelError } from './pixel-error.js';
import type { Frame, GetFrameOptions, PixelDataSource, PixelDescription } from './pixel-types.js';
import { encapsulatedStoredFrame, nativeStoredFrame } from './stored-frame.js';

function checkIndex(desc: PixelDescription, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= desc.numberOfFrames) {
    throw pixelError('FRAME_INDEX', `Frame index ${index} is outside 0..${desc.numberOfFrames - 1}`, { index, numberOfFrames: desc.numberOfFrames });
  }
}

/**
 * Decodes frame `index` (0-based) of the Pixel Data described by `desc`. Native data is
 * sliced, byte-swapped, shifted, masked and sign-extended; encapsulated data is mapped to
 * fragments and decoded by the codec registered for the transfer syntax. The result is
 * always pixel-interleaved; see {@link GetFrameOptions} for colour conversion and rescaling.
 * MONOCHROME1 is reported, never inverted.
 */
export async function getFrame(desc: PixelDescription, source: PixelDataSource, index: number, options: GetFrameOptions = {}): Promise<Frame> {
  validateDescription(desc);
  checkIndex(desc, index);
  if (source.kind === 'native') return finishFrame(desc, nativeStoredFrame(desc, source, index), options);
  return finishFrame(desc, await encapsulatedStoredFrame(desc, source, index), options);
}

/** Synchronous {@link getFrame} for native (uncompressed) Pixel Data. */
export function getNativeFrameSync(
  desc: PixelDescription,
  source: Extract<PixelDataSource, { kind: 'native' }>,
  index: number,
  options: GetFrameOptions = {},
): Frame {
  validateDescription(desc);
  checkIndex(desc, index);
  return finishFrame(desc, nativeStoredFrame(desc, source, index), options);
}

