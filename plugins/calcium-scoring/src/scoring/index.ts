/** Pure calcium scoring algorithms: plain numbers in, scores out. */
export type * from './types.js';
export { agatstonWeight } from './agatston-weight.js';
export { riskCategory } from './risk-category.js';
export { KVP_THRESHOLDS, thresholdForKvp, type KvpThreshold } from './threshold-for-kvp.js';
export { connectedComponents, type Components } from './connected-components.js';
export { passesMinArea } from './min-area.js';
export { sliceGeometry, type SliceGeometry } from './slice-geometry.js';
export { linkRegions, type LinkableLesion, type LinkedRegions } from './link-regions.js';
export { describeSeed, EXCLUDED, selectSeeds, type SeedSelection, type SeedTarget } from './select-seeds.js';
export { roiTest, type RoiTest } from './seed-roi.js';
export { checkPlausibility, DEFAULT_PLAUSIBILITY } from './check-plausibility.js';
export { isotropicVolume, type IsotropicVolumeInput, type VolumeNeighbour } from './isotropic-volume.js';
export { scoreCalcium } from './score-calcium.js';
export { cacDrs } from './cac-drs.js';
