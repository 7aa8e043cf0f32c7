import { volumeFromSeries, type AppContext, type SourceSeries, type Volume } from '@atrium/sdk';

/**
 * The volume of the input series (SDK {@link volumeFromSeries}: classic series sorted along the
 * normal, Enhanced CT / MR through their functional groups; mixed orientations, duplicates and, unless
 * `resample`, gaps are refused with the reason), decoding reported as the first `share` of the progress.
 */
export function loadVolume(ctx: AppContext, input: SourceSeries, unevenSpacing: 'refuse' | 'resample', share: number): Promise<Volume> {
  return volumeFromSeries(input, {
    unevenSpacing,
    signal: ctx.signal,
    onProgress: (done, total) => ctx.progress((share * done) / total, `loading slice ${done} of ${total}`),
  });
}

/** The smallest voxel value (air for CT): what clipped or removed voxels become, and the fill outside the volume. */
export function backgroundOf(volume: Volume): number {
  let min = Infinity;
  const v = volume.voxels;
  for (let i = 0; i < v.length; i++) if (v[i]! < min) min = v[i]!;
  return Number.isFinite(min) ? min : 0;
}
