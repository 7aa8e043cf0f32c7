import { type DerivedPixels, type DicomValue, type IodDefinition, Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DataElement } from '../io/data-element.js';
import { elementFromValue } from './value-element.js';

/** Image Pixel attributes computed from the app's pixels, and defaults for the rest of the pixel group. */
export interface PixelElements {
  /** Samples per Pixel … Pixel Data (+ Number of Frames for multi-frame IODs): always written. */
  readonly core: ReadonlyMap<string, DataElement>;
  /** Written unless the app's content gives the attribute (multi-frame SC: frame pointer, identity rescale, LUT shape). */
  readonly defaults: ReadonlyMap<string, DataElement>;
}

/** What each IOD accepts (PS3.3 A.8): samples per pixel and bits allocated. */
const CONSTRAINTS: Readonly<Record<string, { samples?: number; bits?: number }>> = {
  'multi-frame-grayscale-byte-secondary-capture-image': { samples: 1, bits: 8 },
  'multi-frame-grayscale-word-secondary-capture-image': { samples: 1, bits: 16 },
  'multi-frame-true-color-secondary-capture-image': { samples: 3, bits: 8 },
  'ct-image': { samples: 1, bits: 16 },
  'mr-image': { samples: 1, bits: 16 },
  'nuclear-medicine-image': { samples: 1 },
};

const PAGE_NUMBER_VECTOR = Tag.PageNumberVector;

/**
 * The Image Pixel Module of a derived image from the app's pixels: MONOCHROME2 (1 sample)
 * or RGB (3 samples, Planar Configuration 0), Bits Stored = Bits Allocated, High Bit =
 * Bits Stored − 1, Pixel Representation from `signed`, Pixel Data OB (8 bits) or OW
 * (16 bits, little endian). Multi-frame IODs get Number of Frames; multi-frame SC IODs
 * default to Frame Increment Pointer → Page Number Vector (1…n) and, for MONOCHROME2, an
 * identity Modality LUT (Rescale 0 / 1 / US) and Presentation LUT Shape IDENTITY (PS3.3
 * C.8.6.3). Throws ATRIUM_ERR_DERIVE_PIXELS when the pixels do not fit the IOD or their size.
 */
export function pixelElements(p: DerivedPixels, iod: IodDefinition, content: Readonly<Record<string, DicomValue>>): PixelElements {
  const frames = p.frames ?? 1;
  const fail = (why: string): never => {
    throw new AtriumError('ATRIUM_ERR_DERIVE_PIXELS', `pixels for ${iod.name}: ${why}`, { iod: iod.id });
  };
  for (const [name, v] of [['rows', p.rows], ['columns', p.columns], ['frames', frames]] as const) {
    if (!Number.isInteger(v) || v < 1 || (name !== 'frames' && v > 0xffff)) fail(`${name} must be a whole number from 1 (got ${v})`);
  }
  if (p.samplesPerPixel !== 1 && p.samplesPerPixel !== 3) fail(`samplesPerPixel must be 1 or 3 (got ${String(p.samplesPerPixel)})`);
  if (p.bitsAllocated !== 8 && p.bitsAllocated !== 16) fail(`bitsAllocated must be 8 or 16 (got ${String(p.bitsAllocated)})`);
  const c = CONSTRAINTS[iod.id];
  if (c?.samples !== undefined && p.samplesPerPixel !== c.samples) fail(`the IOD needs ${c.samples} sample(s) per pixel (got ${p.samplesPerPixel})`);
  if (c?.bits !== undefined && p.bitsAllocated !== c.bits) fail(`the IOD needs ${c.bits} bits allocated (got ${p.bitsAllocated})`);
  const multiFrame = iod.modules.some((m) => m.id === 'multi-frame');
  if (!multiFrame && frames !== 1) fail(`the IOD is single-frame (got ${frames} frames)`);
  const count = p.rows * p.columns * p.samplesPerPixel * frames;
  const bytes = pixelBytes(p, count, fail);

  const rgb = p.samplesPerPixel === 3;
  const el = (keyword: string, value: DicomValue): DataElement => elementFromValue(keyword, value, []);
  const core = new Map<string, DataElement>([
    ['SamplesPerPixel', el('SamplesPerPixel', p.samplesPerPixel)],
    ['PhotometricInterpretation', el('PhotometricInterpretation', rgb ? 'RGB' : 'MONOCHROME2')],
    ['Rows', el('Rows', p.rows)],
    ['Columns', el('Columns', p.columns)],
    ['BitsAllocated', el('BitsAllocated', p.bitsAllocated)],
    ['BitsStored', el('BitsStored', p.bitsAllocated)],
    ['HighBit', el('HighBit', p.bitsAllocated - 1)],
    ['PixelRepresentation', el('PixelRepresentation', p.signed ? 1 : 0)],
    ['PixelData', { tag: Tag.PixelData, vr: p.bitsAllocated === 8 ? 'OB' : 'OW', value: bytes, undefinedLength: false }],
  ]);
  if (rgb) core.set('PlanarConfiguration', el('PlanarConfiguration', 0));
  if (multiFrame) core.set('NumberOfFrames', el('NumberOfFrames', frames));

  const defaults = new Map<string, DataElement>();
  if (iod.modules.some((m) => m.id === 'sc-multi-frame-image')) {
    if (content.FrameIncrementPointer === undefined) {
      defaults.set('FrameIncrementPointer', el('FrameIncrementPointer', PAGE_NUMBER_VECTOR));
      defaults.set('PageNumberVector', el('PageNumberVector', Array.from({ length: frames }, (_, i) => i + 1)));
    }
    if (!rgb) {
      defaults.set('PresentationLUTShape', el('PresentationLUTShape', 'IDENTITY'));
      defaults.set('RescaleIntercept', el('RescaleIntercept', 0));
      defaults.set('RescaleSlope', el('RescaleSlope', 1));
      defaults.set('RescaleType', el('RescaleType', 'US'));
    }
  }
  return { core, defaults };
}

function pixelBytes(p: DerivedPixels, count: number, fail: (why: string) => never): Uint8Array {
  const { data } = p;
  let bytes: Uint8Array;
  if (p.bitsAllocated === 8) {
    if (!(data instanceof Uint8Array)) fail('8-bit pixels must be a Uint8Array');
    if (data.length !== count) fail(`expected ${count} samples (rows × columns × samples × frames), got ${data.length}`);
    bytes = data as Uint8Array;
  } else if (data instanceof Uint8Array) {
    if (data.length !== count * 2) fail(`expected ${count * 2} bytes of 16-bit samples, got ${data.length}`);
    bytes = data;
  } else {
    if (data.length !== count) fail(`expected ${count} samples (rows × columns × samples × frames), got ${data.length}`);
    bytes = new Uint8Array(count * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < count; i++) view.setUint16(i * 2, (data[i] ?? 0) & 0xffff, true);
  }
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  return padded;
}
