import { testSeries, type TestSeries } from '@atrium/testing';
import type { NmObject } from './nm-object.js';

/**
 * The objects of one series of the phantom study (an NM acquisition, or the slices of its CT) as
 * the kit's Part 10 files: every attribute the generator wrote, and its frames. The kit's defaults
 * that describe its own Secondary Capture or chest CT rather than the phantom (Conversion Type, Body
 * Part Examined, Manufacturer's Model Name) are left out.
 */
export function nmTestSeries(objects: readonly NmObject[]): TestSeries {
  const first = objects[0]!.attributes;
  return testSeries({
    rows: Number(first.Rows),
    columns: Number(first.Columns),
    modality: String(first.Modality),
    images: objects.map((o) => o.frames),
    instance: (i) => ({ ConversionType: undefined, BodyPartExamined: undefined, ManufacturerModelName: undefined, ...objects[i]!.attributes }),
  });
}
