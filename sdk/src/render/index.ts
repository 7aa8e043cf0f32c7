/** Small pure helpers for apps that render pictures (reports, screen saves). */
export { bitmapFont, type BitmapFont } from './bitmap-font.js';
export { fitText, plotText, textWidth, wrapText, type TextLayout } from './plot-text.js';
export { windowToGrey } from './window-to-grey.js';
export { downsample, fitInside, type SampleGrid } from './downsample.js';
