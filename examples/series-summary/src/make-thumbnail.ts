import { downsample, fitInside, type SourceInstance } from '@atrium/sdk';
import type { Raster } from './raster.js';
import { fullRangeWindow, rgbToGrey, windowToGrey } from './window-level.js';

/**
 * A greyscale thumbnail of one frame, fitted into `size × size` (aspect kept):
 * - greyscale sources are read rescaled (modality values, e.g. HU), area-averaged, then
 *   window-levelled with the instance's first Window Center / Width, or with the full range
 *   of the values when it has none; MONOCHROME1 is inverted;
 * - colour sources (RGB, YBR, PALETTE COLOR) are read as RGB and shown as their luminance.
 */
export async function makeThumbnail(instance: SourceInstance, frameIndex: number, size: number): Promise<Raster> {
  const photometric = instance.string('PhotometricInterpretation') ?? 'MONOCHROME2';
  const colour = !photometric.startsWith('MONOCHROME');
  const frame = await instance.frame(frameIndex, colour ? { color: 'rgb' } : { rescale: true });
  const grey = frame.samplesPerPixel === 3 ? rgbToGrey(frame.data) : frame.data;
  const fit = fitInside(frame.columns, frame.rows, size);
  const small = downsample({ width: frame.columns, height: frame.rows, data: grey }, fit.width, fit.height);
  const window = colour ? { center: 128, width: 256 } : (instanceWindow(instance) ?? fullRangeWindow(small));
  const data = windowToGrey(small, window.center, window.width);
  if (photometric === 'MONOCHROME1') for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
  return { width: fit.width, height: fit.height, data };
}

function instanceWindow(instance: SourceInstance): { center: number; width: number } | undefined {
  const center = instance.numbers('WindowCenter')[0];
  const width = instance.numbers('WindowWidth')[0];
  return center !== undefined && width !== undefined && width >= 1 ? { center, width } : undefined;
}
