import type { SourceInstance } from '@atrium/sdk';
import { nmRefusal } from './nm-refusal.js';

/** The NM Multi-frame dimensions (PS3.3 C.8.4.8): vector keyword and the attribute that counts its values. */
const DIMENSIONS = {
  energyWindow: ['EnergyWindowVector', 'NumberOfEnergyWindows'],
  detector: ['DetectorVector', 'NumberOfDetectors'],
  phase: ['PhaseVector', 'NumberOfPhases'],
  rotation: ['RotationVector', 'NumberOfRotations'],
  rrInterval: ['RRIntervalVector', 'NumberOfRRIntervals'],
  timeSlot: ['TimeSlotVector', 'NumberOfTimeSlots'],
  slice: ['SliceVector', 'NumberOfSlices'],
  angularView: ['AngularViewVector', undefined],
  timeSlice: ['TimeSliceVector', undefined],
} as const;

export type NmDimension = keyof typeof DIMENSIONS;

/**
 * Where each frame of an NM multi-frame image belongs: for each dimension, the 1-based value of its
 * vector per frame (PS3.3 C.8.4.8.1). A vector the image lacks is taken as all 1 when its count
 * attribute is absent or 1 (one energy window, one detector, one rotation ...), and is undefined
 * otherwise; `count` gives Number of … (or the largest value of the vector).
 */
export interface NmFrameVectors {
  readonly frames: number;
  readonly of: Readonly<Record<NmDimension, readonly number[] | undefined>>;
  readonly count: Readonly<Record<NmDimension, number>>;
}

/**
 * Read and check the frame vectors of an NM image: every vector present has Number of Frames values,
 * each from 1 to its Number of … . Throws ATRIUM_ERR_NM_REFUSED naming the vector otherwise.
 */
export function nmFrameVectors(instance: SourceInstance, app: string): NmFrameVectors {
  const frames = instance.numberOfFrames;
  const uid = instance.sopInstanceUID;
  const of = {} as Record<NmDimension, readonly number[] | undefined>;
  const count = {} as Record<NmDimension, number>;
  for (const [dim, [vectorKeyword, countKeyword]] of Object.entries(DIMENSIONS) as [NmDimension, readonly [string, string | undefined]][]) {
    const values = instance.numbers(vectorKeyword);
    const declared = countKeyword ? instance.number(countKeyword) : undefined;
    if (values.length === 0) {
      of[dim] = declared === undefined || declared === 1 ? Array<number>(frames).fill(1) : undefined;
      count[dim] = declared ?? 1;
      continue;
    }
    if (values.length !== frames) {
      throw nmRefusal(app, `${vectorKeyword} has ${values.length} values for ${frames} frames in ${uid}`, { sopInstanceUID: uid, attribute: vectorKeyword });
    }
    const max = declared ?? Math.max(...values);
    const bad = values.findIndex((v) => !Number.isInteger(v) || v < 1 || v > max);
    if (bad >= 0) {
      throw nmRefusal(app, `${vectorKeyword} value ${values[bad]} of frame ${bad + 1} is not between 1 and ${countKeyword ?? 'its largest value'} (${max}) in ${uid}`, { sopInstanceUID: uid, attribute: vectorKeyword });
    }
    of[dim] = values;
    count[dim] = max;
  }
  return { frames, of, count };
}
