/** 2-D connected components of a mask. */
export interface Components {
  /** Per pixel: 0 background, 1..count the component label (labels numbered in raster order of their first pixel). */
  readonly labels: Int32Array;
  readonly count: number;
  /** pixels[k] = ascending row-major indices of the pixels of label k + 1. */
  readonly pixels: readonly Int32Array[];
}

/**
 * Labels the 4- or 8-connected components of a row-major mask (truthy = foreground). Pure.
 * `foreground`, when given, must list the ascending indices of the truthy pixels: it spares the scan of the whole mask
 * (the cost is then proportional to the foreground, plus allocating the label image).
 * `scratch`, when given, is a label image of rows × columns zeros used instead of a new one (it is the
 * `labels` returned: the caller sets the labelled pixels back to 0 before passing it again).
 */
export function connectedComponents(
  mask: ArrayLike<boolean | number>,
  rows: number,
  columns: number,
  connectivity: 4 | 8,
  foreground?: ArrayLike<number>,
  scratch?: Int32Array,
): Components {
  const labels = scratch ?? new Int32Array(rows * columns);
  const seeds = foreground ?? foregroundOf(mask, rows * columns);
  const pixels: Int32Array[] = [];
  // One stack holds the component being grown: pixels [0, done) visited, [done, top) to visit.
  let members: Int32Array = new Int32Array(Math.max(16, Math.min(seeds.length, rows * columns)));
  const diagonal = connectivity === 8;
  for (let k = 0; k < seeds.length; k++) {
    const start = seeds[k]!;
    if (labels[start] !== 0) continue;
    const label = pixels.length + 1;
    labels[start] = label;
    members[0] = start;
    let top = 1;
    for (let done = 0; done < top; done++) {
      const p = members[done]!;
      const r = (p / columns) | 0;
      const c = p - r * columns;
      const up = r > 0;
      const down = r + 1 < rows;
      const left = c > 0;
      const right = c + 1 < columns;
      if (top + 8 > members.length) members = grow(members);
      // The neighbours in raster order; diagonals only with 8-connectivity.
      if (up) {
        const q = p - columns;
        if (diagonal && left && mask[q - 1] && labels[q - 1] === 0) { labels[q - 1] = label; members[top++] = q - 1; }
        if (mask[q] && labels[q] === 0) { labels[q] = label; members[top++] = q; }
        if (diagonal && right && mask[q + 1] && labels[q + 1] === 0) { labels[q + 1] = label; members[top++] = q + 1; }
      }
      if (left && mask[p - 1] && labels[p - 1] === 0) { labels[p - 1] = label; members[top++] = p - 1; }
      if (right && mask[p + 1] && labels[p + 1] === 0) { labels[p + 1] = label; members[top++] = p + 1; }
      if (down) {
        const q = p + columns;
        if (diagonal && left && mask[q - 1] && labels[q - 1] === 0) { labels[q - 1] = label; members[top++] = q - 1; }
        if (mask[q] && labels[q] === 0) { labels[q] = label; members[top++] = q; }
        if (diagonal && right && mask[q + 1] && labels[q + 1] === 0) { labels[q + 1] = label; members[top++] = q + 1; }
      }
    }
    pixels.push(members.slice(0, top).sort());
  }
  return { labels, count: pixels.length, pixels };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function foregroundOf(mask: ArrayLike<boolean | number>, n: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < n; p++) if (mask[p]) out.push(p);
  return out;
}
