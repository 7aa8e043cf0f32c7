import type { DicomItem } from '../app/dicom-value.js';
import type { SourceInstance } from '../context/source-series.js';
import { itemsOf, numbersOf, positive, textOf } from './dicom-numbers.js';
import type { MultiFramePlanes } from './multi-frame-planes.js';
import { volumeError } from './volume-error.js';

/**
 * Frame geometry of an enhanced multi-frame image from its functional groups (PS3.3 C.7.6.16):
 * per frame, the Per-frame Functional Groups Sequence item, else the Shared one, for Plane
 * Position (Patient) (C.7.6.16.2.3), Plane Orientation (Patient) (C.7.6.16.2.4), Pixel Measures
 * (C.7.6.16.2.1) and Pixel Value Transformation (C.7.6.16.2.9). Undefined when the image has no
 * functional groups. Throws ATRIUM_ERR_VOLUME_INPUT when the per-frame items do not match Number
 * of Frames.
 */
export function enhancedFramePlanes(instance: SourceInstance): MultiFramePlanes | undefined {
  const shared = itemsOf(instance.attribute('SharedFunctionalGroupsSequence'))[0];
  const perFrame = itemsOf(instance.attribute('PerFrameFunctionalGroupsSequence'));
  if (!shared && perFrame.length === 0) return undefined;
  const n = instance.numberOfFrames;
  if (perFrame.length !== n) {
    throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${instance.sopInstanceUID} has ${perFrame.length} Per-frame Functional Groups Sequence item(s) for ${n} frames (PS3.3 C.7.6.16)`, { sopInstanceUID: instance.sopInstanceUID });
  }
  const macro = (f: number, sequence: string): DicomItem | undefined => itemsOf(perFrame[f]?.[sequence])[0] ?? itemsOf(shared?.[sequence])[0];
  const planes = perFrame.map((_, f) => ({
    imagePositionPatient: numbersOf(macro(f, 'PlanePositionSequence')?.ImagePositionPatient),
    imageOrientationPatient: numbersOf(macro(f, 'PlaneOrientationSequence')?.ImageOrientationPatient),
    pixelSpacing: numbersOf(macro(f, 'PixelMeasuresSequence')?.PixelSpacing),
  }));
  const measures = macro(0, 'PixelMeasuresSequence');
  const frameLabel = (f: number): string => {
    const content = macro(f, 'FrameContentSequence');
    const stack = textOf(content?.StackID);
    const position = numbersOf(content?.InStackPositionNumber)[0];
    const temporal = numbersOf(content?.TemporalPositionIndex)[0];
    const parts = [stack !== undefined ? `stack ${stack}` : '', position !== undefined ? `position ${position}` : '', temporal !== undefined ? `temporal position ${temporal}` : ''].filter((p) => p !== '');
    return `frame ${f + 1}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} of ${instance.sopInstanceUID}`;
  };
  return {
    planes,
    rescaleType: textOf(macro(0, 'PixelValueTransformationSequence')?.RescaleType),
    sliceSpacing: positive(numbersOf(measures?.SpacingBetweenSlices)[0]) ?? positive(numbersOf(measures?.SliceThickness)[0]),
    frameLabel,
  };
}
