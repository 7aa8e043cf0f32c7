import type { DicomValue, FrameData, SourceInstance, SourceSeries } from '@atrium/sdk';
import { numbersOf, textOf } from '../geometry/dicom-values.js';

/** An object as the test support builds it: attributes by keyword, and its frames (rows × columns each; Int16 for CT in HU). */
export interface NmObject {
  readonly attributes: Readonly<Record<string, DicomValue>>;
  readonly frames: readonly (Uint16Array | Int16Array)[];
}

/** A read-only source instance over an {@link NmObject}, as the host gives instances to apps (CT frames are stored in HU: Rescale 1 / 0). */
export function fakeInstance(o: NmObject): SourceInstance {
  const a = o.attributes;
  const rows = Number(a.Rows);
  const columns = Number(a.Columns);
  return Object.freeze({
    sopInstanceUID: String(a.SOPInstanceUID),
    sopClassUID: String(a.SOPClassUID),
    numberOfFrames: o.frames.length,
    attribute: (keyword: string) => a[keyword],
    string: (keyword: string) => textOf(a[keyword]),
    numbers: (keyword: string) => numbersOf(a[keyword]),
    number: (keyword: string) => numbersOf(a[keyword])[0],
    frame: async (index: number): Promise<FrameData> => {
      const data = o.frames[index];
      if (!data) throw new RangeError(`frame ${index} of ${o.frames.length}`);
      return { rows, columns, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data };
    },
  });
}

/** A series of the given objects' instances (all of one study and series). */
export function fakeSeries(objects: readonly NmObject[]): SourceSeries {
  const first = objects[0]!.attributes;
  return Object.freeze({
    studyInstanceUID: String(first.StudyInstanceUID),
    seriesInstanceUID: String(first.SeriesInstanceUID),
    modality: textOf(first.Modality),
    instances: objects.map(fakeInstance),
    geometry: undefined,
  });
}
