import type { FrameData, SourceInstance } from '@atrium/sdk';
import { numbersOf, textOf } from '../geometry/dicom-values.js';
import type { NmObject } from './nm-object.js';

/**
 * A read-only source instance over an {@link NmObject}, for the tests of the pure geometry reader
 * (no file, no host). App tests run on real Part 10 files through the kit instead (`nmTestSeries`).
 */
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
