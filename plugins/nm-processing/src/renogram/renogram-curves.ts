import type { FrameTime } from './dynamic-timing.js';
import type { Roi } from './roi.js';

/** Time–activity curves of the kidneys, background-corrected, as count rates. */
export interface RenogramCurves {
  /** Frame mid-times, s. */
  readonly t: readonly number[];
  readonly durations: readonly number[];
  /** Counts per second in each ROI (raw). */
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly background: readonly number[];
  /** Kidney count rates minus background count rate per pixel × kidney pixels. */
  readonly leftCorrected: readonly number[];
  readonly rightCorrected: readonly number[];
}

/**
 * The renogram: for each frame (in time order), the counts in each ROI divided by the frame duration
 * (frames of different phases are comparable), and each kidney's curve with the background
 * subtracted as the background ROI's counts per pixel times the kidney's pixels.
 */
export function renogramCurves(frames: readonly { readonly time: FrameTime; readonly data: ArrayLike<number> }[], rois: { readonly left: Roi; readonly right: Roi; readonly background: Roi }): RenogramCurves {
  const sumIn = (data: ArrayLike<number>, roi: Roi) => {
    let s = 0;
    for (let i = 0; i < roi.mask.length; i++) if (roi.mask[i]) s += data[i]!;
    return s;
  };
  const left: number[] = [];
  const right: number[] = [];
  const background: number[] = [];
  const leftCorrected: number[] = [];
  const rightCorrected: number[] = [];
  for (const { time, data } of frames) {
    const l = sumIn(data, rois.left) / time.duration;
    const r = sumIn(data, rois.right) / time.duration;
    const b = sumIn(data, rois.background) / time.duration;
    const perPixel = rois.background.pixels > 0 ? b / rois.background.pixels : 0;
    left.push(l);
    right.push(r);
    background.push(b);
    leftCorrected.push(l - perPixel * rois.left.pixels);
    rightCorrected.push(r - perPixel * rois.right.pixels);
  }
  return { t: frames.map((f) => f.time.mid), durations: frames.map((f) => f.time.duration), left, right, background, leftCorrected, rightCorrected };
}
