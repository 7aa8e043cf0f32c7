import type { SdkError } from '@atrium/sdk';
import { calciumErrors } from '../calcium-errors.js';
import type { SliceGeometry } from './slice-geometry.js';
import type { Artery, Seed } from './types.js';

/** What {@link assignSeeds} needs to know about the slices and lesions. */
export interface SeedTarget {
  readonly geometry: Pick<SliceGeometry, 'toPixel' | 'nearestSlice'>;
  readonly rows: number;
  readonly columns: number;
  /** Instance Number of each slice (undefined when absent). */
  readonly instanceNumbers: readonly (number | undefined)[];
  /** 1-based region id of the lesion covering (slice, row*columns+column), or undefined. */
  regionAt(sliceIndex: number, pixelIndex: number): number | undefined;
}

/** Human description of a seed, as used in error messages ("LAD at [1, 2, 3]"). */
export function describeSeed(seed: Seed): string {
  return 'at' in seed
    ? `${seed.artery} at [${seed.at.join(', ')}]`
    : `${seed.artery} at instance ${seed.instanceNumber}, row ${seed.row}, column ${seed.column}`;
}

function miss(index: number, seed: Seed, why: string): SdkError {
  return calciumErrors.error('ATRIUM_ERR_CALCIUM_SEED_MISS', `seed ${index + 1} (${describeSeed(seed)}) hits no calcification: ${why}`, {
    seed: index + 1,
    artery: seed.artery,
  });
}

/**
 * Maps each seed to the 3-D region it hits and returns region id → artery. mm seeds go to the nearest slice within half
 * an increment and the pixel whose centre is nearest; (instanceNumber, row, column) seeds use 0-based row/column.
 * Throws ATRIUM_ERR_CALCIUM_SEED_MISS naming the first seed that hits no lesion pixel, and
 * ATRIUM_ERR_CALCIUM_SEED_CONFLICT when two seeds give one region different arteries.
 */
export function assignSeeds(seeds: readonly Seed[], target: SeedTarget): Map<number, { artery: Artery; seed: number }> {
  const assigned = new Map<number, { artery: Artery; seed: number }>();
  seeds.forEach((seed, index) => {
    let slice: number | undefined;
    let row: number;
    let column: number;
    if ('at' in seed) {
      slice = target.geometry.nearestSlice(seed.at);
      if (slice === undefined) throw miss(index, seed, 'no slice within half an increment');
      [row, column] = target.geometry.toPixel(slice, seed.at).map(Math.round) as [number, number];
    } else {
      slice = target.instanceNumbers.indexOf(seed.instanceNumber);
      if (slice < 0) throw miss(index, seed, `no slice has instance number ${seed.instanceNumber}`);
      [row, column] = [Math.round(seed.row), Math.round(seed.column)];
    }
    if (row < 0 || row >= target.rows || column < 0 || column >= target.columns) {
      throw miss(index, seed, `pixel (row ${row}, column ${column}) of slice ${slice} is outside the image`);
    }
    const region = target.regionAt(slice, row * target.columns + column);
    if (region === undefined) throw miss(index, seed, `pixel (row ${row}, column ${column}) of slice ${slice} is not in a lesion`);
    const previous = assigned.get(region);
    if (previous !== undefined && previous.artery !== seed.artery) {
      throw calciumErrors.error(
        'ATRIUM_ERR_CALCIUM_SEED_CONFLICT',
        `seed ${index + 1} (${describeSeed(seed)}) selects region ${region}, already assigned to ${previous.artery} by seed ${previous.seed}`,
        { seed: index + 1, region },
      );
    }
    assigned.set(region, { artery: seed.artery, seed: previous?.seed ?? index + 1 });
  });
  return assigned;
}
