import type { SourceInstance } from '../context/source-series.js';
import type { SrImageReference } from './sr-content-item.js';

/**
 * The reference an IMAGE (or COMPOSITE) item makes to a source instance: its study, series, SOP
 * Class and SOP Instance UIDs, and the frames (numbered from 1, Referenced Frame Number) of a
 * multi-frame image when given.
 */
export function srReferenceTo(instance: SourceInstance, frames?: readonly number[]): SrImageReference {
  return {
    studyInstanceUID: instance.string('StudyInstanceUID') ?? '',
    seriesInstanceUID: instance.string('SeriesInstanceUID') ?? '',
    sopClassUID: instance.sopClassUID,
    sopInstanceUID: instance.sopInstanceUID,
    ...(frames !== undefined && frames.length > 0 ? { frames: [...frames] } : {}),
  };
}
