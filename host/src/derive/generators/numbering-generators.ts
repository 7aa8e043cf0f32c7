import type { Generator } from './generator.js';

/** Series Number: the number the caller chose (next free in the study). */
export const seriesNumber: Generator = (ctx) => ctx.request.seriesNumber;

/** Instance Number: 1, 2, ... in the order the app writes the objects of the series. */
export const instanceNumber: Generator = (ctx) => ctx.request.index + 1;
