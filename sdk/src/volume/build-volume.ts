import type { FrameData } from '../context/source-series.js';
import type { SlicePlane } from '../geometry/series-geometry.js';
import { fillVolume } from './fill-volume.js';
import { planStack } from './stack-plan.js';
import type { Volume, VolumeSliceSource } from './volume.js';
import type { VolumeOptions } from './volume-options.js';

/** One source slice: where it is, where it came from, how to decode it (modality values). */
export interface StackSlice {
  readonly plane: SlicePlane;
  readonly source: VolumeSliceSource;
  readonly label: string;
  read(): Promise<FrameData>;
}

/** The slices of one volume, and what they share. */
export interface StackInput {
  readonly slices: readonly StackSlice[];
  readonly rows: number;
  readonly columns: number;
  readonly frameOfReferenceUID: string | undefined;
  readonly unit: string | undefined;
  /** Slice spacing of a one-slice volume (mm). */
  readonly singleSliceSpacing: number;
}

/** Plan the stack ({@link planStack}), then decode it into voxels ({@link fillVolume}). */
export async function buildVolume(input: StackInput, options: VolumeOptions = {}): Promise<Volume> {
  const label = (i: number): string => input.slices[i]!.label;
  const plan = planStack(input.slices.map((s) => s.plane), {
    unevenSpacing: options.unevenSpacing ?? 'refuse',
    singleSliceSpacing: input.singleSliceSpacing,
    label,
    ...(options.sliceSpacing !== undefined ? { sliceSpacing: options.sliceSpacing } : {}),
  });
  const sorted = plan.order.map((i) => input.slices[i]!);
  const voxels = await fillVolume({
    columns: input.columns,
    rows: input.rows,
    samples: plan.samples,
    read: (s) => sorted[s]!.read(),
    label: (s) => sorted[s]!.label,
    ...(options.voxelType !== undefined ? { voxelType: options.voxelType } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
  });
  return {
    dimensions: [input.columns, input.rows, plan.samples.length],
    spacing: plan.spacing,
    origin: plan.origin,
    direction: plan.direction,
    frameOfReferenceUID: input.frameOfReferenceUID,
    voxels,
    unit: input.unit,
    sliceSources: plan.interpolated ? undefined : sorted.map((s) => s.source),
  };
}
