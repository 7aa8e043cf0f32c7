/**
 * Parallel-beam projections of a volume, transposed for speed: `data[(view · bins + bin) · slices + slice]`
 * (the slice index runs fastest, so every operation of a projector on one transaxial position
 * touches `slices` consecutive values). Values are counts per bin.
 */
export interface Projections {
  readonly views: number;
  readonly bins: number;
  readonly slices: number;
  readonly data: Float32Array;
}

/**
 * One view in the transaxial plane of the reconstruction grid, in pixel units with X along the
 * grid's columns and Y along its rows, origin at the grid centre:
 * - `s`: unit vector of the detector bin axis (bin coordinate grows along it);
 * - `d`: unit vector from the rotation axis towards the detector (perpendicular to `s`);
 * - `center`: bin coordinate (0 = centre of the first bin) onto which the rotation axis projects.
 */
export interface ParallelView {
  readonly s: readonly [number, number];
  readonly d: readonly [number, number];
  readonly center: number;
}

/**
 * The reconstruction grid: `size × size` transaxial pixels (the projection bin size) and
 * `slices` slices (one per projection row). Volumes are `Float32Array`s laid out
 * `[(row · size + column) · slices + slice]`. The rotation axis passes through the grid centre,
 * `(size − 1) / 2` in column and row units unless `center` says otherwise.
 */
export interface ReconGrid {
  readonly size: number;
  readonly slices: number;
  readonly center?: number;
}

/** Index of voxel (column, row, slice) in a volume of the grid. */
export function voxelIndex(grid: ReconGrid, column: number, row: number, slice: number): number {
  return (row * grid.size + column) * grid.slices + slice;
}

/** The grid centre in column / row units. */
export function gridCenter(grid: ReconGrid): number {
  return grid.center ?? (grid.size - 1) / 2;
}

/**
 * Whether pixel (column, row) lies in the field of view: the disc inscribed in the grid
 * (radius size / 2 around the centre). Reconstructions are zero outside it.
 */
export function inFieldOfView(grid: ReconGrid, column: number, row: number): boolean {
  const c = gridCenter(grid);
  const r = grid.size / 2;
  return (column - c) ** 2 + (row - c) ** 2 <= r * r;
}

/** Projections of the given shape, all zero. */
export function emptyProjections(views: number, bins: number, slices: number): Projections {
  return { views, bins, slices, data: new Float32Array(views * bins * slices) };
}
