export { windowToGrey } from '@atrium/sdk';

/** The calcium window of the screen saves and the key image: W 800 / L 200 HU. */
export const CALCIUM_WINDOW = { center: 200, width: 800 } as const;
