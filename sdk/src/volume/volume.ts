/** A point or a direction in patient coordinates (LPS, mm: x to the patient's left, y posterior, z head). */
export type Vec3 = readonly [number, number, number];

/**
 * A regular voxel grid in patient space (PS3.3 C.7.6.2.1.1): voxel (i, j, k) has its centre at
 * `origin + i·spacing[0]·direction[0] + j·spacing[1]·direction[1] + k·spacing[2]·direction[2]`.
 * For a stack of images, `i` counts columns (along the row direction cosines of Image Orientation
 * (Patient), spacing = the second value of Pixel Spacing), `j` counts rows (along the column
 * direction cosines, spacing = the first value of Pixel Spacing), `k` counts slices (along the
 * slice normal, spacing = the slice increment from the positions).
 */
export interface VolumeGeometry {
  /** [columns, rows, slices] (i, j, k), each ≥ 1. */
  readonly dimensions: readonly [number, number, number];
  /** Distance between voxel centres along i, j, k (mm), each > 0. */
  readonly spacing: Vec3;
  /** Centre of voxel (0, 0, 0): Image Position (Patient) of the first slice (mm). */
  readonly origin: Vec3;
  /** Unit vectors of the i, j and k axes in patient coordinates (direction cosines). */
  readonly direction: readonly [Vec3, Vec3, Vec3];
  /**
   * Frame of Reference UID (0020,0052) the coordinates belong to (PS3.3 C.7.4.1); undefined when
   * the source has none (some NM reconstructions). Grids of different frames of reference are
   * not comparable without a registration.
   */
  readonly frameOfReferenceUID: string | undefined;
}

/**
 * Voxel values: 16-bit integers when every value is a whole number in −32768…32767 (a CT in HU),
 * 32-bit floats otherwise (rescaled PET/NM, MR with a fractional slope, interpolated values).
 * A 512×512×1000 CT takes 500 MiB as Int16.
 */
export type VoxelArray = Int16Array | Float32Array;

/** Where slice `k` of a volume came from: an instance and its frame (0-based). */
export interface VolumeSliceSource {
  readonly sopInstanceUID: string;
  readonly frame: number;
}

/**
 * A volume of modality values (Modality LUT applied: HU for CT, the Rescale Type or Units of
 * PET/NM/MR) on a regular grid, with its geometry. Built from a classic series or a multi-frame
 * image by {@link volumeFromSeries} / {@link volumeFromMultiFrame}, or produced by
 * {@link resampleVolume}.
 */
export interface Volume extends VolumeGeometry {
  /** Voxel (i, j, k) is `voxels[i + columns·(j + rows·k)]`: slice after slice, row after row. */
  readonly voxels: VoxelArray;
  /**
   * Unit of the values: Rescale Type (0028,1054) when given (e.g. `HU`), else `HU` for CT, Units
   * (0054,1001) for PET and NM (e.g. `BQML`, `CNTS`); undefined when the source does not say.
   */
  readonly unit: string | undefined;
  /**
   * The source instance and frame of each slice k, when each slice is one source frame;
   * undefined when slices were interpolated (uneven spacing resampled, {@link resampleVolume}).
   */
  readonly sliceSources: readonly VolumeSliceSource[] | undefined;
}
