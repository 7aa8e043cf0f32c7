import { frameFragmentRanges } from './encapsulated-frame.js';
import { nativeFramesAvailable } from './native-frame.js';
import { validateDescription } from './pixel-layout.js';
import type { PixelDataSource, PixelDescription } from './pixel-types.js';

/**
 * How many frames can be fetched: Number of Frames, capped for native data by the whole
 * frames the value actually holds. For encapsulated data it checks that the fragments can
 * be mapped to Number of Frames frames (`ATRIUM_ERR_PIXELS_FRAGMENTS` otherwise).
 */
export function frameCount(desc: PixelDescription, source: PixelDataSource): number {
  validateDescription(desc);
  if (source.kind === 'native') return Math.min(desc.numberOfFrames, nativeFramesAvailable(desc, source));
  return frameFragmentRanges(source, desc.numberOfFrames).length;
}
