import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DataSet } from './data-set.js';
import type { DicomFile } from './parse-part10.js';
import { getFrame } from './pixels/get-frame.js';
import type { Frame, GetFrameOptions, PaletteDescriptor, PixelDataSource, PixelDescription } from './pixels/pixel-types.js';
import type { TransferSyntaxInfo } from './transfer-syntax.js';

/**
 * The image pixel attributes of a dataset (PS3.3 C.7.6.3) as the pixel layer needs them.
 * Throws ATRIUM_ERR_PIXEL_NO_IMAGE when Rows, Columns or Bits Allocated are missing.
 */
export function pixelDescriptionOf(ds: DataSet, transferSyntaxUID: string): PixelDescription {
  const rows = ds.number(Tag.Rows);
  const columns = ds.number(Tag.Columns);
  const bitsAllocated = ds.number(Tag.BitsAllocated);
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) {
    throw new AtriumError('ATRIUM_ERR_PIXEL_NO_IMAGE', 'not an image: Rows (0028,0010), Columns (0028,0011) or Bits Allocated (0028,0100) is missing');
  }
  const bitsStored = ds.number(Tag.BitsStored) ?? bitsAllocated;
  const planar = ds.number(Tag.PlanarConfiguration);
  const littleEndianWords = (tag: number): Uint8Array | undefined => {
    const e = ds.get(tag);
    if (!e || e.value.length === 0) return undefined;
    if (ds.encoding.littleEndian || e.vr === 'OB') return e.value;
    const out = new Uint8Array(e.value.length);
    for (let i = 0; i + 1 < out.length; i += 2) {
      out[i] = e.value[i + 1]!;
      out[i + 1] = e.value[i]!;
    }
    return out;
  };
  const descriptor = (tag: number): PaletteDescriptor | undefined => {
    const v = ds.numbers(tag);
    return v.length === 3 ? [v[0]!, v[1]!, v[2]!] : undefined;
  };
  const optional = <K extends keyof PixelDescription>(key: K, value: PixelDescription[K] | undefined): Partial<PixelDescription> =>
    value === undefined ? {} : ({ [key]: value } as Partial<PixelDescription>);
  return {
    transferSyntaxUID,
    rows,
    columns,
    samplesPerPixel: ds.number(Tag.SamplesPerPixel) ?? 1,
    bitsAllocated,
    bitsStored,
    highBit: ds.number(Tag.HighBit) ?? bitsStored - 1,
    pixelRepresentation: ds.number(Tag.PixelRepresentation) === 1 ? 1 : 0,
    photometricInterpretation: ds.string(Tag.PhotometricInterpretation) ?? 'MONOCHROME2',
    numberOfFrames: Math.max(1, ds.number(Tag.NumberOfFrames) ?? 1),
    ...optional('planarConfiguration', planar === 0 || planar === 1 ? planar : undefined),
    ...optional('rescaleSlope', ds.number(Tag.RescaleSlope)),
    ...optional('rescaleIntercept', ds.number(Tag.RescaleIntercept)),
    ...optional('redPaletteDescriptor', descriptor(Tag.RedPaletteColorLookupTableDescriptor)),
    ...optional('greenPaletteDescriptor', descriptor(Tag.GreenPaletteColorLookupTableDescriptor)),
    ...optional('bluePaletteDescriptor', descriptor(Tag.BluePaletteColorLookupTableDescriptor)),
    ...optional('redPaletteData', littleEndianWords(Tag.RedPaletteColorLookupTableData)),
    ...optional('greenPaletteData', littleEndianWords(Tag.GreenPaletteColorLookupTableData)),
    ...optional('bluePaletteData', littleEndianWords(Tag.BluePaletteColorLookupTableData)),
    ...optional('redSegmentedPaletteData', littleEndianWords(Tag.SegmentedRedPaletteColorLookupTableData)),
    ...optional('greenSegmentedPaletteData', littleEndianWords(Tag.SegmentedGreenPaletteColorLookupTableData)),
    ...optional('blueSegmentedPaletteData', littleEndianWords(Tag.SegmentedBluePaletteColorLookupTableData)),
  };
}

/** The Pixel Data value of a dataset, native or encapsulated. Throws ATRIUM_ERR_PIXEL_NO_DATA when absent. */
export function pixelDataSourceOf(ds: DataSet, ts: TransferSyntaxInfo): PixelDataSource {
  const e = ds.get(Tag.PixelData);
  if (!e) throw new AtriumError('ATRIUM_ERR_PIXEL_NO_DATA', 'the dataset has no Pixel Data (7FE0,0010)');
  if (e.encapsulated) {
    const table = e.encapsulated.offsetTable;
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    const basicOffsetTable = Array.from({ length: Math.floor(table.length / 4) }, (_, i) => view.getUint32(i * 4, true));
    const extended = ds.numbers(Tag.ExtendedOffsetTable);
    return { kind: 'encapsulated', fragments: e.encapsulated.fragments, basicOffsetTable, ...(extended.length > 0 ? { extendedOffsetTable: extended } : {}) };
  }
  return { kind: 'native', bytes: e.value, bigEndian: !ts.littleEndian, vr: e.vr === 'OB' ? 'OB' : 'OW' };
}

/**
 * One frame of a parsed file as a typed array: decoded from any supported transfer
 * syntax, Rescale Slope/Intercept applied with `rescale` (HU for CT), colour converted
 * with `color: 'rgb'`. `index` counts from 0.
 */
export function readFrame(file: DicomFile, index: number, options: GetFrameOptions = {}): Promise<Frame> {
  if (file.stoppedAtPixelData) throw new AtriumError('ATRIUM_ERR_PIXEL_NO_DATA', 'a header-only parse has no Pixel Data');
  const desc = pixelDescriptionOf(file.dataset, file.transferSyntax.uid);
  return getFrame(desc, pixelDataSourceOf(file.dataset, file.transferSyntax), index, options);
}
