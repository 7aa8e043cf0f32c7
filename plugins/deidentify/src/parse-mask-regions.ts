import { SdkError, type PixelRegion } from '@atrium/sdk';

/** One region `x,y,width,height` (whole numbers, width and height at least 1); regions separated by `;`. */
export const MASK_REGIONS_PATTERN = String.raw`(\d+,\d+,[1-9]\d*,[1-9]\d*(;\d+,\d+,[1-9]\d*,[1-9]\d*)*)?`;

/**
 * Parse the `pixelMaskRegions` parameter: `''` → no regions; `'0,0,512,40;0,480,512,32'` → two
 * rectangles (x, y, width, height in pixels from the top left).
 *
 * @throws SdkError ATRIUM_ERR_PARAM_INVALID when the text is not in that form.
 */
export function parseMaskRegions(text: string): PixelRegion[] {
  if (text.trim() === '') return [];
  if (!new RegExp(`^(?:${MASK_REGIONS_PATTERN})$`).test(text)) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "pixelMaskRegions" must be "x,y,width,height" rectangles separated by ";" (got ${JSON.stringify(text)})`, { parameter: 'pixelMaskRegions', value: text });
  }
  return text.split(';').map((r) => {
    const [x = 0, y = 0, width = 0, height = 0] = r.split(',').map(Number);
    return { x, y, width, height };
  });
}
