/**
 * VRs an Implicit VR stream does not carry: from the dictionary, "US or SS" pixel value
 * attributes resolved by Pixel Representation (as DCMTK and pydicom read them), unknown
 * tags as UN.
 */
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { encodeDataset, el, FIXTURE_IMPLICIT_LE, item, sq, uint16s } from '../../../test/support/dicom-fixture.js';
import { implicitVr } from './element-header.js';
import { parseDicom } from './parse-part10.js';

function pixelValues(pixelRepresentation: number) {
  const minus1000 = uint16s([0x10000 - 1000]);
  const bytes = encodeDataset(
    [
      el(Tag.SOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.7\0'),
      el(Tag.PixelRepresentation, 'US', uint16s([pixelRepresentation])),
      el(Tag.SmallestImagePixelValue, 'US', minus1000),
      el(Tag.PixelPaddingValue, 'US', minus1000),
      el(Tag.RedPaletteColorLookupTableDescriptor, 'US', uint16s([256, 0x10000 - 100, 16])),
      sq(Tag.ReferencedImageSequence, [item([el(Tag.LargestImagePixelValue, 'US', minus1000)])]),
    ],
    FIXTURE_IMPLICIT_LE,
  );
  return parseDicom(bytes).dataset;
}

describe('implicit VR', () => {
  it('signed pixels (Pixel Representation 1): "US or SS" pixel values are SS, in nested items too', () => {
    const ds = pixelValues(1);
    expect(ds.get(Tag.SmallestImagePixelValue)?.vr).toBe('SS');
    expect(ds.number(Tag.SmallestImagePixelValue)).toBe(-1000);
    expect(ds.number(Tag.PixelPaddingValue)).toBe(-1000);
    expect(ds.items(Tag.ReferencedImageSequence)[0]?.dataset.number(Tag.LargestImagePixelValue)).toBe(-1000);
    // LUT descriptors: first and third values are always unsigned (PS3.3 C.11.1.1.1).
    expect(ds.get(Tag.RedPaletteColorLookupTableDescriptor)?.vr).toBe('US');
    expect(ds.numbers(Tag.RedPaletteColorLookupTableDescriptor)).toEqual([256, 65436, 16]);
  });

  it('unsigned pixels (Pixel Representation 0): they stay US', () => {
    const ds = pixelValues(0);
    expect(ds.get(Tag.SmallestImagePixelValue)?.vr).toBe('US');
    expect(ds.number(Tag.SmallestImagePixelValue)).toBe(64536);
  });

  it('dictionary VRs, group lengths, Pixel Data, unknown and private tags', () => {
    expect(implicitVr(Tag.PatientName)).toBe('PN');
    expect(implicitVr(0x00280000)).toBe('UL');
    expect(implicitVr(Tag.PixelData)).toBe('OW');
    expect(implicitVr(0x00109999)).toBe('UN');
    expect(implicitVr(0x00091001)).toBe('UN');
    expect(implicitVr(Tag.SmallestImagePixelValue)).toBe('US');
    expect(implicitVr(Tag.SmallestImagePixelValue, true)).toBe('SS');
    expect(implicitVr(Tag.LUTDescriptor, true)).toBe('US');
  });
});
