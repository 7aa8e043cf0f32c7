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
 */
export function connectedComponents(
  mask: ArrayLike<boolean | number>,
  rows: number,
  columns: number,
  connectivity: 4 | 8,
  foreground?: ArrayLike<number>,
): Components {
  const labels = new Int32Array(rows * columns);
  const seeds = foreground ?? foregroundOf(mask, rows * columns);
  const pixels: Int32Array[] = [];
  const stack: number[] = [];
  const members: number[] = [];
  for (let k = 0; k < seeds.length; k++) {
    const start = seeds[k]!;
    if (labels[start] !== 0) continue;
    const label = pixels.length + 1;
    members.length = 0;
    stack.push(start);
    labels[start] = label;
    while (stack.length > 0) {
      const p = stack.pop()!;
      members.push(p);
      const r = (p / columns) | 0;
      const c = p - r * columns;
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= rows) continue;
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr === 0 && dc === 0) || (connectivity === 4 && dr !== 0 && dc !== 0)) continue;
          const cc = c + dc;
          if (cc < 0 || cc >= columns) continue;
          const q = rr * columns + cc;
          if (mask[q] && labels[q] === 0) {
            labels[q] = label;
            stack.push(q);
          }
        }
      }
    }
    pixels.push(Int32Array.from(members).sort());
  }
  return { labels, count: pixels.length, pixels };
}

function foregroundOf(mask: ArrayLike<boolean | number>, n: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < n; p++) if (mask[p]) out.push(p);
  return out;
}
