import type { Vec3, Volume } from '@atrium/sdk';

/**
 * A reconstruction in the projectors' layout (`[(row · columns + column) · slices + slice]`) and its
 * place in the patient: column i along direction[0], row j along direction[1], slice k along
 * direction[2], voxel (0, 0, 0) at `origin`.
 */
export interface PlacedVolume {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  readonly data: Float32Array;
  readonly origin: Vec3;
  readonly spacing: Vec3;
  readonly direction: readonly [Vec3, Vec3, Vec3];
  readonly frameOfReferenceUID: string | undefined;
}

/** The SDK's volume (`voxels[i + columns · (j + rows · k)]`) of a placed reconstruction. */
export function toSdkVolume(v: PlacedVolume, unit = 'CNTS'): Volume {
  const { columns, rows, slices, data } = v;
  const voxels = new Float32Array(columns * rows * slices);
  for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
    const src = (j * columns + i) * slices;
    for (let k = 0; k < slices; k++) voxels[i + columns * (j + rows * k)] = data[src + k]!;
  }
  return {
    dimensions: [columns, rows, slices],
    spacing: v.spacing,
    origin: v.origin,
    direction: v.direction,
    frameOfReferenceUID: v.frameOfReferenceUID,
    voxels,
    unit,
    sliceSources: undefined,
  };
}

/** A placed reconstruction of an SDK volume. */
export function fromSdkVolume(v: Volume): PlacedVolume {
  const [columns, rows, slices] = v.dimensions;
  const data = new Float32Array(columns * rows * slices);
  for (let k = 0; k < slices; k++) for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
    data[(j * columns + i) * slices + k] = v.voxels[i + columns * (j + rows * k)]!;
  }
  return { columns, rows, slices, data, origin: v.origin, spacing: v.spacing, direction: v.direction, frameOfReferenceUID: v.frameOfReferenceUID };
}


/** Centre of voxel (column, row, slice) in patient coordinates, mm. */
export function voxelCentreOf(v: Omit<PlacedVolume, 'data'>, column: number, row: number, slice: number): [number, number, number] {
  const [a, b, c] = v.direction;
  return [0, 1, 2].map((x) => v.origin[x]! + column * v.spacing[0] * a[x]! + row * v.spacing[1] * b[x]! + slice * v.spacing[2] * c[x]!) as [number, number, number];
}
