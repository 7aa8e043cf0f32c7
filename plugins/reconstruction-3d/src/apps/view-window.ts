import type { Volume } from '@atrium/sdk';

/**
 * The window of a grey view: the one given (width > 0), else the preset's (CT in HU), else for
 * other volumes the range between the 1st and 99.5th percentiles of the voxels.
 */
export function viewWindow(given: { readonly center: number; readonly width: number }, volume: Volume, ctDefault: { readonly center: number; readonly width: number }): { center: number; width: number } {
  if (given.width > 0) return { center: given.center, width: Math.max(1, given.width) };
  if (volume.unit === 'HU') return { ...ctDefault };
  const values = volume.voxels;
  const step = Math.max(1, Math.floor(values.length / 200_000));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(values[i]!);
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.01 * (sample.length - 1))]!;
  const hi = sample[Math.floor(0.995 * (sample.length - 1))]!;
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}
