import type { SourceInstance, SourceSeries } from '../context/source-series.js';
import type { SlicePlane } from '../geometry/series-geometry.js';
import { buildVolume } from './build-volume.js';
import { positive } from './dicom-numbers.js';
import { enhancedFramePlanes } from './enhanced-frame-planes.js';
import type { Volume } from './volume.js';
import { volumeError } from './volume-error.js';
import { volumeFromMultiFrame } from './volume-from-multi-frame.js';
import type { VolumeOptions } from './volume-options.js';
import { volumeUnit } from './volume-unit.js';

/**
 * The volume of a series (PS3.3 C.7.6.2 Image Plane; values through the Modality LUT, C.11.1).
 * A classic series (single-frame images) is sorted by position along the slice normal and
 * checked as the calcium app checks its input: one Frame of Reference, one orientation and
 * pixel spacing, no duplicate positions, no tilt or shear, even spacing (gaps and uneven spacing
 * are refused, or resampled with `unevenSpacing: 'resample'`), frames of one size with one
 * sample per pixel (single-frame enhanced images are placed by their functional groups). A series
 * of one multi-frame image (Enhanced CT / MR / PET, NM RECON TOMO) is built by
 * {@link volumeFromMultiFrame}. A one-slice volume has the slice spacing of Spacing
 * Between Slices, else Slice Thickness, else 1 mm.
 *
 * Memory: slices are decoded one at a time into one Int16 (or Float32) array; a 512×512×1000 CT
 * takes 500 MiB. Throws SdkError ATRIUM_ERR_VOLUME_* (see {@link VolumeErrorCode}) naming the
 * slice (position in the series, Instance Number, SOP Instance UID).
 */
export async function volumeFromSeries(series: SourceSeries, options: VolumeOptions = {}): Promise<Volume> {
  const instances = series.instances;
  const multi = instances.filter((i) => i.numberOfFrames > 1);
  if (multi.length > 0) {
    if (instances.length === 1) return volumeFromMultiFrame(instances[0]!, options);
    throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `series ${series.seriesInstanceUID} mixes ${multi.length} multi-frame image(s) with ${instances.length - multi.length} other instance(s); build a volume per multi-frame image`, { seriesInstanceUID: series.seriesInstanceUID });
  }
  if (instances.length === 0) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `series ${series.seriesInstanceUID} has no instances`, { seriesInstanceUID: series.seriesInstanceUID });
  const label = (i: number): string => {
    const n = instances[i]!.number('InstanceNumber');
    return `slice ${i + 1}${n === undefined ? '' : ` (instance ${n})`} ${instances[i]!.sopInstanceUID}`;
  };
  instances.forEach((inst, i) => {
    if (inst.numberOfFrames === 0) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${label(i)} has no pixels (SOP Class ${inst.sopClassUID})`, { sopInstanceUID: inst.sopInstanceUID });
  });
  const first = instances[0]!;
  const rows = first.number('Rows') ?? 0;
  const columns = first.number('Columns') ?? 0;
  if (!(rows > 0 && columns > 0)) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${label(0)} has no Rows / Columns`, { sopInstanceUID: first.sopInstanceUID });
  instances.forEach((inst, i) => {
    if (inst.number('Rows') !== rows || inst.number('Columns') !== columns) {
      throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${label(i)} is ${inst.number('Columns')}×${inst.number('Rows')}; slice 1 is ${columns}×${rows}`, { sopInstanceUID: inst.sopInstanceUID });
    }
  });
  return buildVolume(
    {
      slices: instances.map((inst, i) => ({
        plane: planeOf(inst),
        source: { sopInstanceUID: inst.sopInstanceUID, frame: 0 },
        label: label(i),
        read: () => inst.frame(0, { rescale: true }),
      })),
      rows,
      columns,
      frameOfReferenceUID: frameOfReference(instances, label),
      unit: volumeUnit(first.string('Modality') ?? series.modality, first.string('RescaleType'), first.string('Units')),
      singleSliceSpacing: positive(first.number('SpacingBetweenSlices')) ?? positive(first.number('SliceThickness')) ?? 1,
    },
    options,
  );
}

/**
 * Image Plane attributes of a single-frame image: the top-level ones, or for an enhanced image
 * (one frame) those of its functional groups.
 */
function planeOf(inst: SourceInstance): SlicePlane {
  const plane = { imagePositionPatient: inst.numbers('ImagePositionPatient'), imageOrientationPatient: inst.numbers('ImageOrientationPatient'), pixelSpacing: inst.numbers('PixelSpacing') };
  return plane.imagePositionPatient.length > 0 ? plane : (enhancedFramePlanes(inst)?.planes[0] ?? plane);
}

/** The one Frame of Reference UID of the instances (undefined when none has one). */
function frameOfReference(instances: readonly SourceInstance[], label: (i: number) => string): string | undefined {
  const uids = instances.map((i) => i.string('FrameOfReferenceUID'));
  const distinct = [...new Set(uids)];
  if (distinct.length <= 1) return distinct[0];
  const other = uids.findIndex((u) => u !== uids[0]);
  throw volumeError('ATRIUM_ERR_VOLUME_GEOMETRY', `the slices belong to ${distinct.length} Frames of Reference (${distinct.map((u) => u ?? '(none)').join(', ')}); ${label(other)} differs from slice 1`, {
    frameOfReferenceUIDs: distinct,
  });
}
