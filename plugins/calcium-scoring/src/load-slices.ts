import type { SourceSeries } from '@atrium/sdk';
import type { ScoringSlice } from './scoring/index.js';

/**
 * Decode every slice of a checked series (see `checkInput`) in HU (`frame(0, { rescale: true })`)
 * as scoring slices, in the series order (sorted along the normal by the host). Checks
 * `signal` between slices and reports each slice to `onSlice` (1-based count).
 */
export async function loadSlices(input: SourceSeries, signal: AbortSignal, onSlice: (done: number) => void = () => {}): Promise<ScoringSlice[]> {
  const slices: ScoringSlice[] = [];
  for (const instance of input.instances) {
    signal.throwIfAborted();
    const frame = await instance.frame(0, { rescale: true });
    const spacing = instance.numbers('PixelSpacing');
    const position = instance.numbers('ImagePositionPatient');
    const o = instance.numbers('ImageOrientationPatient');
    slices.push({
      sopInstanceUID: instance.sopInstanceUID,
      instanceNumber: instance.number('InstanceNumber'),
      rows: frame.rows,
      columns: frame.columns,
      hu: frame.data,
      pixelSpacing: [spacing[0]!, spacing[1]!],
      position: [position[0]!, position[1]!, position[2]!],
      orientation: [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!],
    });
    onSlice(slices.length);
  }
  return slices;
}
