import { lookupTag, type DicomValue, type FrameData, type SourceInstance } from '@atrium/sdk';
import { dicomValueOf, formatTag, parseDicom, SourceInstanceImpl } from '@atrium/host/engine';
import type { DciodvfyReport } from './dciodvfy.js';

/**
 * One derived object an app wrote in a {@link TestPlugin.run}: the Part 10 file the store would
 * have received, read back as a source instance (`string('ImageComments')`, `await frame(0)`, …),
 * with how the engine produced each attribute.
 */
export interface DerivedTestObject extends SourceInstance {
  /** The output it belongs to (`ctx.derive.write(output, …)`; `deidentified` for `ctx.derive.deidentify`). */
  readonly output: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** `replaced` when the run wrote an object with the same SOP Instance UID before (the store would replace it). */
  readonly status: 'stored' | 'replaced';
  /** The Part 10 file. */
  readonly bytes: Uint8Array;
  /**
   * How the mapping engine produced each attribute it considered: keyword → `Copied`, `Removed`,
   * `Content`, `Generated:<generator>`, with a note when absent, e.g. `Copied (absent in the source)`.
   * Empty for a de-identified copy.
   */
  readonly provenance: Readonly<Record<string, string>>;
  /** The run's start time: what the date and time generators wrote. */
  readonly now: Date;
  /** dciodvfy's report on the object; undefined when dciodvfy is not installed (outside CI) or turned off. */
  readonly dciodvfy: DciodvfyReport | undefined;
  /** Every top-level attribute by keyword (private and unknown ones by their tag, `(gggg,eeee)`). */
  attributes(): Readonly<Record<string, DicomValue>>;
}

/** Build the {@link DerivedTestObject} of stored bytes. */
export function derivedTestObject(fields: Omit<DerivedTestObject, keyof SourceInstance | 'attributes'>): DerivedTestObject {
  const instance = new SourceInstanceImpl(parseDicom(fields.bytes));
  const attributes = (): Readonly<Record<string, DicomValue>> => {
    const ds = instance.file.dataset;
    const out: Record<string, DicomValue> = {};
    for (const e of ds.elements) {
      const keyword = (Math.floor(e.tag / 0x10000) & 1) === 0 ? lookupTag(e.tag)?.keyword : undefined;
      out[keyword || formatTag(e.tag)] = dicomValueOf(ds, e);
    }
    return out;
  };
  return Object.freeze({
    ...fields,
    sopInstanceUID: instance.sopInstanceUID,
    sopClassUID: instance.sopClassUID,
    numberOfFrames: instance.numberOfFrames,
    attribute: (keyword: string) => instance.attribute(keyword),
    string: (keyword: string) => instance.string(keyword),
    numbers: (keyword: string) => instance.numbers(keyword),
    number: (keyword: string) => instance.number(keyword),
    frame: (index: number, options?: Parameters<SourceInstance['frame']>[1]): Promise<FrameData> => instance.frame(index, options),
    attributes,
  });
}
