import type { SdkError } from '@atrium/sdk';
import { nmErrors } from '../nm-errors.js';

/**
 * An input the NM apps cannot process, with the reason: `ATRIUM_ERR_NM_REFUSED` (the acquisition
 * is not of the kind the app handles, or misses or contradicts what the computation needs: rotation
 * data, detector geometry, pixel spacing, frame vectors, timing). `details` names the instance and
 * the attribute.
 */
export function nmRefusal(app: string, why: string, details: Readonly<Record<string, unknown>> = {}): SdkError {
  return nmErrors.error('ATRIUM_ERR_NM_REFUSED', `${app} refused: ${why}`, details);
}
