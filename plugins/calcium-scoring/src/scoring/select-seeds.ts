import type { SdkError } from '@atrium/sdk';
import { calciumError } from '../calcium-errors.js';
import { roiTest, type RoiTest } from './seed-roi.js';
import type { SliceGeometry } from './slice-geometry.js';
import type { Artery, Seed } from './types.js';

/** What {@link selectSeeds} needs to know about the slices and the calcium candidates. */
export interface SeedTarget {
  readonly geometry: Pick<SliceGeometry, 'toPixel' | 'toPatient' | 'nearestSlice'>;
  readonly slices: number;
  readonly rows: number;
  readonly columns: number;
  readonly connectivity: 4 | 8;
  /** Instance Number of each slice (undefined when absent). */
  readonly instanceNumbers: readonly (number | undefined)[];
  /** Whether pixel `p` (row × columns + column) of a slice is calcium (in a candidate lesion). */
  isCandidate(sliceIndex: number, p: number): boolean;
}

/** Owner of a pixel in {@link SeedSelection.owners}: nobody, an exclusion, or a 1-based seed number. */
export const EXCLUDED = -1;

/** What the seeds selected. */
export interface SeedSelection {
  /** Per slice (undefined when nothing was selected on it): per pixel 0, {@link EXCLUDED}, or the 1-based number of the artery seed that took it. */
  readonly owners: readonly (Int32Array | undefined)[];
  /** Per seed (in the order given): pixels it selected on each slice it reached (slice index → count). */
  readonly reached: readonly ReadonlyMap<number, number>[];
}

/** Human description of a seed, as used in error messages ("LAD at [1, 2, 3]"). */
export function describeSeed(seed: Seed): string {
  const what = seed.exclude ? 'exclusion' : seed.artery ?? '?';
  const where = 'at' in seed ? `at [${seed.at.join(', ')}]` : `at instance ${seed.instanceNumber}, row ${seed.row}, column ${seed.column}`;
  return `${what} ${where}${seed.roi ? ' within its roi' : ''}`;
}

/**
 * Let each seed select calcium (pure but for the errors): exclusion seeds first, then artery
 * seeds, each in the order given. A seed takes the candidate pixels 3-D connected to its point —
 * in-plane by the scoring connectivity, across slices through the same row and column — inside
 * its region of interest, not excluded and not taken by a seed of another artery (a seed of the
 * same artery may cross them). So a seed without roi takes its whole region, as before; two seeds
 * with rois split one region (a plaque across the LM / LAD bifurcation) between two arteries.
 * mm seeds go to the nearest slice within half an increment and the pixel whose centre is nearest.
 * Throws ATRIUM_ERR_CALCIUM_SEED_MISS naming a seed whose point is not calcium (or outside its
 * roi, or excluded), ATRIUM_ERR_CALCIUM_SEED_CONFLICT when its point was taken for another artery.
 */
export function selectSeeds(seeds: readonly Seed[], target: SeedTarget): SeedSelection {
  const owners: (Int32Array | undefined)[] = Array.from({ length: target.slices });
  const ownersOf = (s: number): Int32Array => (owners[s] ??= new Int32Array(target.rows * target.columns));
  const arteryOf = (owner: number): Artery | undefined => (owner > 0 ? seeds[owner - 1]!.artery : undefined);
  const reached: Map<number, number>[] = seeds.map(() => new Map());
  const order = [...seeds.keys()].sort((a, b) => Number(!seeds[a]!.exclude) - Number(!seeds[b]!.exclude) || a - b);
  for (const index of order) {
    const seed = seeds[index]!;
    const inRoi: RoiTest = seed.roi ? roiTest(seed.roi, target.geometry, target.instanceNumbers) : () => true;
    const [slice, p] = seedPixel(index, seed, target);
    const fail = (why: string): never => {
      throw calciumError('ATRIUM_ERR_CALCIUM_SEED_MISS', `seed ${index + 1} (${describeSeed(seed)}) hits no calcification: ${why}`, { seed: index + 1, artery: seed.artery });
    };
    const row = Math.floor(p / target.columns);
    const where = `pixel (row ${row}, column ${p - row * target.columns}) of slice ${slice} (instance ${target.instanceNumbers[slice] ?? '-'})`;
    if (!target.isCandidate(slice, p)) fail(`${where} is not in a lesion`);
    if (!inRoi(slice, row, p - row * target.columns)) fail(`${where} is outside the seed's own roi`);
    const held = owners[slice]?.[p] ?? 0;
    if (held === EXCLUDED) fail(`${where} was removed by an exclusion seed`);
    if (!seed.exclude && held > 0 && arteryOf(held) !== seed.artery) {
      throw calciumError('ATRIUM_ERR_CALCIUM_SEED_CONFLICT', `seed ${index + 1} (${describeSeed(seed)}) selects calcium already assigned to ${arteryOf(held)} by seed ${held}; give the seeds rois to split the region`, { seed: index + 1, conflictsWith: held });
    }
    const passable = (s: number, q: number): boolean => {
      const o = owners[s]?.[q] ?? 0;
      if (o === EXCLUDED) return false;
      if (seed.exclude) return true;
      return o === 0 || arteryOf(o) === seed.artery;
    };
    const mark = seed.exclude ? EXCLUDED : index + 1;
    flood(slice, p, target, inRoi, passable, (s, q) => {
      const own = ownersOf(s);
      if (own[q] === 0 || seed.exclude) own[q] = mark;
      reached[index]!.set(s, (reached[index]!.get(s) ?? 0) + 1);
    });
  }
  return { owners, reached };
}

/** The seed's slice and pixel index. */
function seedPixel(index: number, seed: Seed, target: SeedTarget): [number, number] {
  const miss = (why: string): SdkError => calciumError('ATRIUM_ERR_CALCIUM_SEED_MISS', `seed ${index + 1} (${describeSeed(seed)}) hits no calcification: ${why}`, { seed: index + 1, artery: seed.artery });
  let slice: number;
  let row: number;
  let column: number;
  if ('at' in seed) {
    const s = target.geometry.nearestSlice(seed.at);
    if (s === undefined) throw miss('no slice within half an increment');
    slice = s;
    [row, column] = target.geometry.toPixel(slice, seed.at).map(Math.round) as [number, number];
  } else {
    slice = target.instanceNumbers.indexOf(seed.instanceNumber);
    if (slice < 0) throw miss(`no slice has instance number ${seed.instanceNumber}`);
    [row, column] = [Math.round(seed.row), Math.round(seed.column)];
  }
  if (row < 0 || row >= target.rows || column < 0 || column >= target.columns) throw miss(`pixel (row ${row}, column ${column}) of slice ${slice} is outside the image`);
  return [slice, row * target.columns + column];
}

/** Visit the candidate pixels 3-D connected to (slice, p) that pass `inRoi` and `passable`, each once. */
function flood(slice: number, p: number, t: SeedTarget, inRoi: RoiTest, passable: (s: number, q: number) => boolean, visit: (s: number, q: number) => void): void {
  const n = t.rows * t.columns;
  const seen = new Set<number>([slice * n + p]);
  const stack = [slice * n + p];
  const push = (s: number, q: number): void => {
    const key = s * n + q;
    if (seen.has(key) || !t.isCandidate(s, q) || !passable(s, q)) return;
    const r = Math.floor(q / t.columns);
    if (!inRoi(s, r, q - r * t.columns)) return;
    seen.add(key);
    stack.push(key);
  };
  while (stack.length > 0) {
    const key = stack.pop()!;
    const s = Math.floor(key / n);
    const q = key - s * n;
    visit(s, q);
    const r = Math.floor(q / t.columns);
    const c = q - r * t.columns;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if ((dr === 0 && dc === 0) || (t.connectivity === 4 && dr !== 0 && dc !== 0)) continue;
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && rr < t.rows && cc >= 0 && cc < t.columns) push(s, rr * t.columns + cc);
      }
    }
    if (s > 0) push(s - 1, q);
    if (s + 1 < t.slices) push(s + 1, q);
  }
}
