import type { DicomValue, FrameData, SourceInstance } from '@atrium/sdk';
import { Tag, lookupKeyword } from '@atrium/sdk';
import type { DicomFile } from '../io/parse-part10.js';
import { readFrame } from '../io/pixel-access.js';
import { rescale } from '../io/pixels/rescale.js';
import { attributeOf } from './dicom-value-of.js';
import { frameValueTransformation } from './frame-value-transformation.js';

/** A read-only source instance over a parsed file (worker side). */
export class SourceInstanceImpl implements SourceInstance {
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  readonly numberOfFrames: number;

  constructor(readonly file: DicomFile) {
    const ds = file.dataset;
    this.sopInstanceUID = ds.string(Tag.SOPInstanceUID) ?? '';
    this.sopClassUID = ds.string(Tag.SOPClassUID) ?? '';
    this.numberOfFrames = ds.has(Tag.PixelData) ? Math.max(1, ds.number(Tag.NumberOfFrames) ?? 1) : 0;
    Object.freeze(this);
  }

  attribute(keyword: string): DicomValue | undefined {
    return attributeOf(this.file.dataset, keyword);
  }
  string(keyword: string): string | undefined {
    const tag = lookupKeyword(keyword)?.tag;
    return tag === undefined ? undefined : this.file.dataset.string(tag);
  }
  numbers(keyword: string): readonly number[] {
    const tag = lookupKeyword(keyword)?.tag;
    return tag === undefined ? [] : this.file.dataset.numbers(tag);
  }
  number(keyword: string): number | undefined {
    return this.numbers(keyword)[0];
  }
  async frame(index: number, options: { readonly rescale?: boolean; readonly color?: 'native' | 'rgb' } = {}): Promise<FrameData> {
    const transformation = options.rescale ? frameValueTransformation(this.file.dataset, index) : undefined;
    if (!transformation) return readFrame(this.file, index, options);
    const stored = await readFrame(this.file, index, { ...options, rescale: false });
    if (stored.samplesPerPixel !== 1 || !stored.photometricInterpretation.startsWith('MONOCHROME')) return stored;
    return { ...stored, data: rescale(stored.data, transformation.slope, transformation.intercept) };
  }
}
