/** PS3.15 Annex E de-identification of one object (pure: no store, no files). */
export { deidentify } from './deidentify.js';
export type { AppliedAction, DeidOptions, DeidReport, PixelMaskRegion } from './deid-options.js';
export { UidMapper } from './uid-mapper.js';
export { defaultDateShiftDays, shiftDate, shiftDateTime } from './date-shift.js';
export { burnedInReason } from './check-burned-in.js';
export { deidentifyAsync } from './deidentify-async.js';
export { cleanPixelData, type PixelCleaning } from './clean-pixel-data.js';
