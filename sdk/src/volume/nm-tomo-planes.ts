import type { SourceInstance } from '../context/source-series.js';
import { itemsOf, numbersOf } from './dicom-numbers.js';
import type { MultiFramePlanes } from './multi-frame-planes.js';
import { volumeError } from './volume-error.js';

/**
 * Frame geometry of an NM reconstruction (PS3.3 C.8.4.9 NM Image, C.8.4.8 NM Multi-frame,
 * C.8.4.11 NM Detector, C.8.4.15 NM Reconstruction): Image Type value 3 RECON TOMO or RECON GATED
 * TOMO; frame f is slice Slice Vector[f] (0054,0080), slice 1 at Image Position (Patient) of the Detector Information
 * Sequence item, with its Image Orientation (Patient), the next ones Spacing Between Slices
 * (0018,0088) apart along the normal (row × column; else Slice Thickness). A negative Spacing
 * Between Slices, which PS3.3 does not allow but some systems write, is read as slices stacked
 * against the normal. Undefined when the instance has no Slice Vector or Detector Information
 * Sequence; throws ATRIUM_ERR_VOLUME_INPUT when it is not a reconstruction or misses what places
 * the slices.
 */
export function nmTomoPlanes(instance: SourceInstance): MultiFramePlanes | undefined {
  const detectors = itemsOf(instance.attribute('DetectorInformationSequence'));
  const sliceVector = instance.numbers('SliceVector');
  if (detectors.length === 0 && sliceVector.length === 0) return undefined;
  const uid = instance.sopInstanceUID;
  const imageType = instance.attribute('ImageType');
  const kind = Array.isArray(imageType) ? String(imageType[2] ?? '') : '';
  const fail = (why: string): never => {
    throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${uid} is an NM image whose frames have no volume geometry: ${why}`, { sopInstanceUID: uid });
  };
  if (kind !== 'RECON TOMO' && kind !== 'RECON GATED TOMO') fail(`Image Type value 3 is ${kind || '(absent)'}, not RECON TOMO (projections are not a volume)`);
  if (sliceVector.length !== instance.numberOfFrames) fail(`Slice Vector (0054,0080) has ${sliceVector.length} values for ${instance.numberOfFrames} frames`);
  const detector = detectors[0];
  const position = numbersOf(detector?.ImagePositionPatient);
  const orientation = numbersOf(detector?.ImageOrientationPatient);
  if (position.length !== 3 || orientation.length !== 6) fail('the Detector Information Sequence gives no Image Position / Orientation (Patient)');
  const spacing = instance.number('SpacingBetweenSlices') ?? instance.number('SliceThickness');
  if (spacing === undefined || spacing === 0 || !Number.isFinite(spacing)) fail('neither Spacing Between Slices nor Slice Thickness gives the slice spacing');
  const [r0, r1, r2, c0, c1, c2] = orientation as [number, number, number, number, number, number];
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const pixelSpacing = instance.numbers('PixelSpacing');
  const planes = sliceVector.map((slice) => ({
    imagePositionPatient: position.map((p, a) => p + (slice - 1) * spacing! * normal[a]!),
    imageOrientationPatient: orientation,
    pixelSpacing,
  }));
  return {
    planes,
    rescaleType: instance.string('RescaleType'),
    sliceSpacing: Math.abs(spacing!),
    frameLabel: (f) => `frame ${f + 1} (slice ${sliceVector[f]}) of ${uid}`,
  };
}
