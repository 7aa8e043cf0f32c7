import { defineErrors } from '@atrium/sdk';

/** The calcium scoring plugin's own error codes (`atrium help errors` lists them under the plugin). */
export const calciumErrors = defineErrors({
  ATRIUM_ERR_CALCIUM_REFUSED: { message: 'The series would be scored wrong: no or inconsistent slice geometry, slices that are not axial, no rescale, several Frames of Reference, or a multi-frame instance.', http: 422 },
  ATRIUM_ERR_CALCIUM_INPUT: { message: 'The slices handed to the scorer do not fit together (geometry, sizes or pixel values).', http: 422 },
  ATRIUM_ERR_CALCIUM_SEED_MISS: { message: 'A seed lies in no calcification above the threshold.', http: 400 },
  ATRIUM_ERR_CALCIUM_SEED_CONFLICT: { message: 'Two seeds give one calcified region different arteries.', http: 400 },
});
