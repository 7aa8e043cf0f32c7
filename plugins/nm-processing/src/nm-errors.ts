import { defineErrors } from '@atrium/sdk';

/** The NM processing plugin's own error codes (`atrium help errors` lists them under the plugin). */
export const nmErrors = defineErrors({
  ATRIUM_ERR_NM_REFUSED: {
    message: 'The NM acquisition is not of the kind the app handles, or misses or contradicts what the computation needs (rotation, detector geometry, pixel spacing, frame vectors, timing).',
    http: 422,
  },
});
