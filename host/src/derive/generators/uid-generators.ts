import type { Generator } from './generator.js';

/** SOP Instance UID: the deterministic UID of this object (see `derivedUids`). */
export const sopInstanceUid: Generator = (ctx) => ctx.sopInstanceUID;

/** Series Instance UID: the deterministic UID of the output series (see `derivedUids`). */
export const seriesInstanceUid: Generator = (ctx) => ctx.seriesInstanceUID;
