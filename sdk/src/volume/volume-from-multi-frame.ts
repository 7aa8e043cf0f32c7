import type { SourceInstance } from '../context/source-series.js';
import { SdkError } from '../sdk-error.js';
import { buildVolume } from './build-volume.js';
import { enhancedFramePlanes } from './enhanced-frame-planes.js';
import { nmTomoPlanes } from './nm-tomo-planes.js';
import type { Volume } from './volume.js';
import { volumeError } from './volume-error.js';
import type { VolumeOptions } from './volume-options.js';
import { volumeUnit } from './volume-unit.js';

/**
 * The volume of one multi-frame image: an enhanced image whose functional groups place each
 * frame (Enhanced CT / MR / PET and the like: Plane Position, Plane Orientation, Pixel Measures,
 * Pixel Value Transformation; PS3.3 C.7.6.16), or an NM reconstruction (RECON TOMO: Slice Vector,
 * Detector Information Sequence; PS3.3 C.8.4). The frames (all, or `options.frames`) are sorted
 * along the normal and checked as a classic series is ({@link volumeFromSeries}): frames that share
 * a position — several stacks, temporal positions, gates or energy windows — are refused with
 * their frame numbers; choose the frames of one with `options.frames`. Values are the frames in
 * modality units (`frame(f, { rescale: true })`: each frame's Pixel Value Transformation).
 * Throws SdkError ATRIUM_ERR_VOLUME_* (see {@link VolumeErrorCode}); an image with neither
 * functional groups nor NM slice geometry is ATRIUM_ERR_VOLUME_INPUT.
 */
export async function volumeFromMultiFrame(instance: SourceInstance, options: VolumeOptions = {}): Promise<Volume> {
  const uid = instance.sopInstanceUID;
  const frames = instance.numberOfFrames;
  if (frames === 0) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${uid} has no pixels (SOP Class ${instance.sopClassUID})`, { sopInstanceUID: uid });
  const geometry = enhancedFramePlanes(instance) ?? nmTomoPlanes(instance);
  if (!geometry) {
    throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${uid} has ${frames} frame(s) but neither functional groups (PS3.3 C.7.6.16: Plane Position / Orientation (Patient), Pixel Measures) nor NM slice geometry (Slice Vector, Detector Information Sequence): its frames have no positions`, { sopInstanceUID: uid });
  }
  const selected = options.frames ?? geometry.planes.map((_, f) => f);
  const seen = new Set<number>();
  for (const f of selected) {
    if (!Number.isInteger(f) || f < 0 || f >= frames || seen.has(f)) {
      throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `frame ${f} ${seen.has(f) ? 'is chosen twice' : `is not a frame of ${uid} (0 to ${frames - 1})`}`, { sopInstanceUID: uid, frame: f });
    }
    seen.add(f);
  }
  const input = {
    slices: selected.map((f) => ({
      plane: geometry.planes[f]!,
      source: { sopInstanceUID: uid, frame: f },
      label: geometry.frameLabel(f),
      read: () => instance.frame(f, { rescale: true }),
    })),
    rows: instance.number('Rows') ?? 0,
    columns: instance.number('Columns') ?? 0,
    frameOfReferenceUID: instance.string('FrameOfReferenceUID'),
    unit: volumeUnit(instance.string('Modality'), geometry.rescaleType, instance.string('Units')),
    singleSliceSpacing: geometry.sliceSpacing ?? 1,
  };
  try {
    return await buildVolume(input, options);
  } catch (e) {
    const kinds = e instanceof SdkError ? (e.details.kinds as readonly string[] | undefined) : undefined;
    if (e instanceof SdkError && kinds?.includes('duplicate-position') && options.frames === undefined) {
      throw volumeError('ATRIUM_ERR_VOLUME_GEOMETRY', `${e.message}. Frames at the same position belong to different stacks, temporal positions, gates or energy windows: choose the frames of one with the \`frames\` option`, e.details);
    }
    throw e;
  }
}
