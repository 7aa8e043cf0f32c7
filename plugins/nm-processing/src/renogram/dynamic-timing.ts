import type { SourceInstance } from '@atrium/sdk';
import { itemsOf, numberOf, textOf } from '../geometry/dicom-values.js';
import { nmFrameVectors } from '../geometry/nm-frame-vectors.js';
import { nmRefusal } from '../geometry/nm-refusal.js';

/** When one frame of a dynamic study was acquired, seconds from the start of the first phase's first frame. */
export interface FrameTime {
  readonly frame: number;
  readonly phase: number;
  readonly start: number;
  readonly duration: number;
  readonly mid: number;
}

/** The timing of a DYNAMIC NM image and the phases' descriptions. */
export interface DynamicTiming {
  /** Frames in acquisition order (by start time). */
  readonly frames: readonly FrameTime[];
  readonly phases: readonly { readonly number: number; readonly start: number; readonly description: string | undefined }[];
}

/**
 * Frame times of a DYNAMIC NM image from its NM Phase module (PS3.3 C.8.4.14): phase p starts Phase
 * Delay (0054,0036) after the end of phase p − 1 (after the start, for the first), and holds Number of
 * Frames in Phase (0054,0033) frames of Actual Frame Duration (0018,1242) ms, Pause Between Frames
 * (0054,0038) ms apart; Phase Vector and Time Slice Vector place each frame. Refuses
 * (ATRIUM_ERR_NM_REFUSED) missing or inconsistent timing, naming the phase.
 */
export function dynamicTiming(instance: SourceInstance, app: string): DynamicTiming {
  const uid = instance.sopInstanceUID;
  const refuse = (why: string, attribute: string): never => {
    throw nmRefusal(app, `${why} (${uid})`, { sopInstanceUID: uid, attribute });
  };
  const items = itemsOf(instance.attribute('PhaseInformationSequence'));
  if (items.length === 0) refuse('the Phase Information Sequence is missing or empty: the frame times are unknown', 'PhaseInformationSequence');
  const vectors = nmFrameVectors(instance, app);
  const phaseOf = vectors.of.phase ?? (items.length === 1 ? Array<number>(vectors.frames).fill(1) : refuse('the Phase Vector is missing', 'PhaseVector'));
  const sliceOf = vectors.of.timeSlice;
  const phases: { number: number; start: number; description: string | undefined }[] = [];
  const frames: FrameTime[] = [];
  let end = 0;
  items.forEach((item, p) => {
    const duration = numberOf(item.ActualFrameDuration);
    const count = numberOf(item.NumberOfFramesInPhase);
    const delay = numberOf(item.PhaseDelay) ?? 0;
    const pause = numberOf(item.PauseBetweenFrames) ?? 0;
    if (!(duration! > 0)) refuse(`phase ${p + 1} has Actual Frame Duration ${duration ?? '(absent)'}`, 'ActualFrameDuration');
    if (!(Number.isInteger(count) && count! >= 1)) refuse(`phase ${p + 1} has Number of Frames in Phase ${count ?? '(absent)'}`, 'NumberOfFramesInPhase');
    const start = end + delay / 1000;
    phases.push({ number: p + 1, start, description: textOf(item.PhaseDescription) });
    const inPhase = phaseOf.flatMap((ph, f) => (ph === p + 1 ? [f] : []));
    if (inPhase.length !== count) refuse(`phase ${p + 1} says ${count} frames but the Phase Vector gives it ${inPhase.length}`, 'NumberOfFramesInPhase');
    inPhase.forEach((f, n) => {
      const j = (sliceOf?.[f] ?? n + 1) - 1;
      if (j < 0 || j >= count!) refuse(`frame ${f + 1} is time slice ${j + 1} of phase ${p + 1}, which has ${count}`, 'TimeSliceVector');
      const s = start + (j * (duration! + pause)) / 1000;
      frames.push({ frame: f, phase: p + 1, start: s, duration: duration! / 1000, mid: s + duration! / 2000 });
    });
    end = start + (count! * duration! + (count! - 1) * pause) / 1000;
  });
  frames.sort((a, b) => a.start - b.start || a.frame - b.frame);
  return { frames, phases };
}
