/** A 2-D lesion as seen by {@link linkRegions}. */
export interface LinkableLesion {
  readonly sliceIndex: number;
  /** Ascending row-major pixel indices (all slices share one grid). */
  readonly pixelIndices: Int32Array;
}

/** 3-D regions: `regionOf[i]` is the 1-based region of lesion i; `members[id - 1]` lists its lesions ascending. */
export interface LinkedRegions {
  readonly regionOf: Int32Array;
  readonly members: readonly (readonly number[])[];
}

/**
 * Connects 2-D lesions into 3-D regions: lesions on adjacent slices (sliceIndex differing by 1, in the order given)
 * belong to one region when they share at least one pixel (same row and column). Regions are numbered 1.. in the
 * order of their first lesion. Pure; lesions may come in any order.
 */
export function linkRegions(lesions: readonly LinkableLesion[], pixelsPerSlice: number): LinkedRegions {
  const parent = Int32Array.from(lesions, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const bySlice = new Map<number, number[]>();
  lesions.forEach((l, i) => {
    const list = bySlice.get(l.sliceIndex);
    if (list) list.push(i);
    else bySlice.set(l.sliceIndex, [i]);
  });
  const owner = new Int32Array(pixelsPerSlice).fill(-1);
  for (const [slice, here] of bySlice) {
    const below = bySlice.get(slice + 1);
    if (below === undefined) continue;
    for (const i of here) for (const p of lesions[i]!.pixelIndices) owner[p] = i;
    for (const j of below) {
      for (const p of lesions[j]!.pixelIndices) {
        const i = owner[p]!;
        if (i >= 0) parent[find(i)] = find(j);
      }
    }
    for (const i of here) for (const p of lesions[i]!.pixelIndices) owner[p] = -1;
  }
  const regionOf = new Int32Array(lesions.length);
  const idOfRoot = new Map<number, number>();
  const members: number[][] = [];
  lesions.forEach((_, i) => {
    const root = find(i);
    let id = idOfRoot.get(root);
    if (id === undefined) {
      id = members.push([]);
      idOfRoot.set(root, id);
    }
    regionOf[i] = id;
    members[id - 1]!.push(i);
  });
  return { regionOf, members };
}
