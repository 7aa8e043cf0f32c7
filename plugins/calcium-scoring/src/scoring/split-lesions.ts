import { connectedComponents } from './connected-components.js';
import { measureLesion, type CandidateLesion } from './find-candidates.js';
import { EXCLUDED, type SeedSelection } from './select-seeds.js';
import type { SliceGeometry } from './slice-geometry.js';
import type { Artery, ScoringSlice, Seed } from './types.js';

/** A 2-D lesion with what selected it, before it is linked into a region and given a volume. */
export interface LabelledLesion extends CandidateLesion {
  readonly artery?: Artery;
  readonly excluded?: true;
}

/**
 * The lesions of the stack once the seeds have selected (pure): a candidate nobody selected
 * stays whole and unseeded; the pixels of a selected candidate are grouped by artery (or
 * exclusion) and each group split into its 2-D connected pieces, each measured as a lesion
 * (area, peak HU and weight of that piece). Pixels of a selected candidate that no seed took
 * (outside the rois) are dropped: the reader bounded the lesion there.
 */
export function splitLesions(
  slices: readonly ScoringSlice[],
  candidates: readonly CandidateLesion[],
  selection: SeedSelection,
  seeds: readonly Seed[],
  o: { readonly geometry: SliceGeometry; readonly connectivity: 4 | 8; readonly weightScale: number },
): LabelledLesion[] {
  const { rows, columns } = slices[0]!;
  const mask = new Uint8Array(rows * columns);
  const labels = new Int32Array(rows * columns);
  const out: LabelledLesion[] = [];
  for (const c of candidates) {
    const owners = selection.owners[c.sliceIndex];
    const groups = new Map<string, number[]>();
    if (owners !== undefined) {
      for (const p of c.pixelIndices) {
        const owner = owners[p]!;
        const key = owner === EXCLUDED ? 'excluded' : owner > 0 ? seeds[owner - 1]!.artery! : undefined;
        if (key === undefined) continue;
        const group = groups.get(key);
        if (group) group.push(p);
        else groups.set(key, [p]);
      }
    }
    if (groups.size === 0) {
      out.push(c);
      continue;
    }
    for (const [key, pixels] of groups) {
      for (const p of pixels) mask[p] = 1;
      const pieces = connectedComponents(mask, rows, columns, o.connectivity, pixels, labels);
      for (const p of pixels) {
        mask[p] = 0;
        labels[p] = 0;
      }
      for (const piece of pieces.pixels) {
        const lesion = measureLesion(slices[c.sliceIndex]!, c.sliceIndex, piece, o.geometry, o.weightScale);
        out.push(key === 'excluded' ? { ...lesion, excluded: true } : { ...lesion, artery: key as Artery });
      }
    }
  }
  return out;
}
