/** Pearson correlation of two arrays over the indices where `mask` is set. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>, mask: ArrayLike<number | boolean>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    n++;
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

/** A volume laid out `[(row · columns + column) · slices + slice]` with its shape. */
export interface GridVolume {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  readonly data: ArrayLike<number>;
}

/**
 * The weighted centroid (column, row, slice) of `sign × (value − level)`, clipped at 0, over the
 * voxels within `radius` voxels of `around`: the centre of a hot (sign 1) or cold (sign −1) spot.
 */
export function spotCentroid(v: GridVolume, around: readonly [number, number, number], radius: number, level: number, sign: 1 | -1): [number, number, number] {
  let w = 0;
  const c: [number, number, number] = [0, 0, 0];
  for (let row = 0; row < v.rows; row++) for (let col = 0; col < v.columns; col++) for (let k = 0; k < v.slices; k++) {
    if ((col - around[0]) ** 2 + (row - around[1]) ** 2 + (k - around[2]) ** 2 > radius * radius) continue;
    const x = Math.max(0, sign * (v.data[(row * v.columns + col) * v.slices + k]! - level));
    w += x;
    c[0] += x * col;
    c[1] += x * row;
    c[2] += x * k;
  }
  return [c[0]! / w, c[1]! / w, c[2]! / w];
}

/** Euclidean distance of two points. */
export function distance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));
}

/** The median of the values where `mask` is set. */
export function maskedMedian(a: ArrayLike<number>, mask: ArrayLike<number | boolean>): number {
  const values: number[] = [];
  for (let i = 0; i < a.length; i++) if (mask[i]) values.push(a[i]!);
  values.sort((x, y) => x - y);
  return values[Math.floor(values.length / 2)]!;
}
