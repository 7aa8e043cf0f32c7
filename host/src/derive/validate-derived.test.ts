import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { numberElement, stringElement } from '../io/element-factory.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { deriveObject } from './derive-object.js';
import { ctSources, grey8, request, SC_REPORT } from './test-support/derive-fixtures.js';
import { validateDerived } from './validate-derived.js';

const derived = deriveObject(request(SC_REPORT, ctSources(), { request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) } } }));
const IOD = 'secondary-capture-image';
const messages = (ds: DataSet, iod = IOD): string[] => validateDerived(ds, iod, derived.provenance).map((p) => p.message);
const change = (...elements: (DataElement | [number, undefined])[]): DataSet =>
  derived.dataset.with(new Map(elements.map((e) => (Array.isArray(e) ? e : [e.tag, e]))));

describe('validateDerived', () => {
  it('finds nothing wrong with what the engine built', () => {
    expect(messages(derived.dataset)).toEqual([]);
  });

  it('Type 1 absent or empty, Type 2 absent, each with the rule that produced it', () => {
    const ds = change([Tag.SOPInstanceUID, undefined], stringElement(Tag.ConversionType, 'CS', ''), [Tag.StudyDate, undefined]);
    expect(messages(ds)).toEqual([
      'StudyDate (0008,0020) Type 2 is absent (rule: Copied)',
      'ConversionType (0008,0064) Type 1 is empty (rule: Generated:ConversionType)',
      'SOPInstanceUID (0008,0018) Type 1 is absent (rule: Generated:SOPInstanceUID)',
    ]);
    expect(validateDerived(ds, IOD, derived.provenance)[0]).toEqual({
      keyword: 'StudyDate', tag: '(0008,0020)', rule: 'Copied', message: 'StudyDate (0008,0020) Type 2 is absent (rule: Copied)',
    });
  });

  it('a C/U module is checked once one of its own attributes is present', () => {
    const ds = change(stringElement(Tag.ClinicalTrialSponsorName, 'LO', 'Sponsor'));
    expect(messages(ds)).toEqual([
      'ClinicalTrialProtocolID (0012,0020) Type 1 is absent (rule: Copied (absent in the source))',
      'ClinicalTrialProtocolName (0012,0021) Type 2 is absent (rule: Copied (absent in the source))',
      'ClinicalTrialSiteID (0012,0030) Type 2 is absent (rule: Copied (absent in the source))',
      'ClinicalTrialSiteName (0012,0031) Type 2 is absent (rule: Copied (absent in the source))',
    ]);
  });

  it('decidable conditions: Planar Configuration for colour, Pixel Data, Frame Increment Pointer targets, Specific Character Set', () => {
    const rgb = change(numberElement(Tag.SamplesPerPixel, 'US', [3], EXPLICIT_LE), [Tag.PixelData, undefined]);
    expect(messages(rgb)).toEqual([
      'PixelData (7FE0,0010) Type 1C is absent but required: the IOD is an image IOD (rule: Generated:Pixels)',
      'PlanarConfiguration (0028,0006) Type 1C is absent but required: Samples per Pixel is greater than 1 (rule: Generated:Pixels (no value))',
    ]);
    const pointer = change(numberElement(Tag.FrameIncrementPointer, 'AT', [Tag.FrameTimeVector], EXPLICIT_LE));
    expect(messages(pointer)).toContain('FrameTimeVector (0018,1065) is the target of Frame Increment Pointer (0028,0009) but is absent (rule: none)');
    const text = change(stringElement(Tag.ImageComments, 'LT', 'Ça va', ['ISO_IR 192']));
    expect(messages(text)).toEqual(['SpecificCharacterSet (0008,0005) Type 1C is absent but required: a text value is not in the default repertoire (rule: Generated:SpecificCharacterSet (default repertoire))']);
  });

  it('VR, VM, value length and UID syntax, in sequences too', () => {
    const item = new DataSet([stringElement(Tag.ReferencedSOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.2'), stringElement(Tag.ReferencedSOPInstanceUID, 'UI', `1.${'2'.repeat(70)}`)], EXPLICIT_LE);
    const ds = change(
      numberElement(Tag.Rows, 'SS', [8], EXPLICIT_LE),
      stringElement(Tag.PixelSpacing, 'DS', ['1', '1', '1']),
      stringElement(Tag.StationName, 'SH', 'WORKSTATION-NUMBER-17'),
      stringElement(Tag.SOPInstanceUID, 'UI', '1.02.3'),
      { tag: Tag.SourceImageSequence, vr: 'SQ', value: new Uint8Array(0), items: [{ dataset: item, undefinedLength: false }], undefinedLength: false },
    );
    expect(messages(ds)).toEqual([
      'SOPInstanceUID (0008,0018) value \'1.02.3\' is not a UID (digits and dots, no leading zeros) (rule: Generated:SOPInstanceUID)',
      'StationName (0008,1010) value \'WORKSTATION-NUMBER-17\' is 21 characters long; SH allows 16 (rule: Generated:StationName)',
      `SourceImageSequence > ReferencedSOPInstanceUID (0008,1155) value '1.${'2'.repeat(38)}…' is 72 characters long; UI allows 64 (rule: Generated:SourceImageSequence)`,
      'Rows (0028,0010) has VR SS; the dictionary allows US (rule: Generated:Pixels)',
      'PixelSpacing (0028,0030) has 3 value(s); VM is 2 (rule: Generated:Pixels (no value))',
    ]);
  });
});
