import { describe, expect, it } from 'vitest';
import { Copied, Generated, iodById, lookupKeyword, Removed, SopClass, Tag, type MappingTable, type OutputDefinition } from '@atrium/sdk';
import { isAtriumError } from '../errors/atrium-error.js';
import type { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { deriveObject, type DeriveRequest } from './derive-object.js';
import { derivedUids } from './derived-uids.js';
import { ctSources, grey8, LOAD, request, SC_REPORT } from './test-support/derive-fixtures.js';

const grey = { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) } as const;
const text = (ds: DataSet, keyword: string): string | undefined => ds.text(lookupKeyword(keyword)!.tag);
const derive = (output: OutputDefinition, rest: Partial<DeriveRequest> = {}, sources = ctSources()) =>
  deriveObject(request(output, sources, { request: { pixels: grey }, ...rest }));
const CT_COPY: OutputDefinition = { iod: 'ct-image', mapping: { PixelData: Copied }, description: 'Reduced series', cardinality: '1:1' };

describe('Copied', () => {
  it('N:1: a value the same on every source is copied byte for byte', () => {
    const sources = ctSources();
    const o = derive(SC_REPORT, {}, sources);
    for (const keyword of ['PatientName', 'PatientID', 'StudyDate', 'AccessionNumber', 'Modality', 'AcquisitionNumber']) {
      const tag = lookupKeyword(keyword)!.tag;
      expect(o.provenance[keyword], keyword).toBe('Copied');
      expect(o.dataset.get(tag)?.value, keyword).toEqual(sources[0]!.dataset.get(tag)?.value);
    }
    expect(o.studyInstanceUID).toBe(sources[0]!.dataset.string(Tag.StudyInstanceUID));
  });

  it('a date that is not a valid DA in the source is not copied: a Type 2 date is written empty, the provenance says why', () => {
    const sources = ctSources({ patientBirthDate: '00000000' });
    const o = derive(SC_REPORT, {}, sources);
    expect(o.dataset.get(Tag.PatientBirthDate)?.value.length).toBe(0);
    expect(o.provenance.PatientBirthDate).toBe("Copied (empty: not copied: '00000000' is not a valid DA in the source)");
    expect(o.provenance.StudyDate).toBe('Copied');
  });

  it('N:1: a value that differs between sources is absent when Ignored at load', () => {
    const o = derive(SC_REPORT);
    expect(o.dataset.has(Tag.SliceLocation)).toBe(false);
    expect(o.provenance.SliceLocation).toBe('Copied (not the same on every source)');
  });

  it('N:1: a differing value marked Used / Mandatory at load comes from the app content; without content it is absent', () => {
    const sources = ctSources().map((s, i) => ({ ...s, dataset: s.dataset.with(new Map([[Tag.ImageComments, stringElement(Tag.ImageComments, 'LT', `slice ${i}`)]])) }));
    const load = { ...LOAD, ImageComments: { usage: 'Used' as const } };
    const o = derive(SC_REPORT, { load, request: { pixels: grey, content: { ImageComments: 'three slices' } } }, sources);
    expect(text(o.dataset, 'ImageComments')).toBe('three slices');
    expect(o.provenance.ImageComments).toBe('Content (Used at load; not the same on every source)');
    const without = derive(SC_REPORT, { load }, sources);
    expect(without.dataset.has(Tag.ImageComments)).toBe(false);
    expect(without.provenance.ImageComments).toBe('Copied (not the same on every source)');
    const ignored = derive(SC_REPORT, { request: { pixels: grey, content: { ImageComments: 'three slices' } } }, sources);
    expect(ignored.dataset.has(Tag.ImageComments)).toBe(false);
  });

  it('N:1: a C/U module whose Type 1 attribute differs between sources is dropped whole (Image Plane of a report)', () => {
    const o = derive(SC_REPORT);
    expect(o.dataset.has(Tag.ImagePositionPatient)).toBe(false);
    expect(o.dataset.has(Tag.ImageOrientationPatient)).toBe(false);
    expect(o.provenance.ImageOrientationPatient).toBe('Copied (dropped: Image Plane module incomplete, PixelSpacing, ImagePositionPatient absent)');
    // No Image Orientation: Patient Orientation (Type 2C) is written empty.
    expect(o.dataset.get(Tag.PatientOrientation)?.value.length).toBe(0);
  });

  it('1:1: every attribute from the one source, pixels included (copySourcePixels)', () => {
    const sources = ctSources().slice(1, 2);
    const o = deriveObject(request(CT_COPY, sources, { request: { copySourcePixels: true } }));
    for (const keyword of ['ImagePositionPatient', 'SliceLocation', 'RescaleIntercept', 'PixelSpacing', 'PixelData', 'Rows', 'BitsStored', 'KVP']) {
      const tag = lookupKeyword(keyword)!.tag;
      expect(o.dataset.get(tag)?.value, keyword).toEqual(sources[0]!.dataset.get(tag)?.value);
    }
    expect(o.provenance.PixelData).toBe('Copied (copySourcePixels)');
    expect(o.sopClassUID).toBe(SopClass.CTImageStorage);
    expect(text(o.dataset, 'ImageType')).toBe('DERIVED\\SECONDARY\\AXIAL');
  });

  it('1:1 needs exactly one source', () => {
    expect(() => deriveObject(request(CT_COPY, ctSources(), { request: { copySourcePixels: true } }))).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_DERIVE_REQUEST' }));
  });
});

describe('Removed and the allow-list', () => {
  it('Removed attributes are absent', () => {
    const o = derive({ ...SC_REPORT, mapping: { StudyDescription: Removed, ProtocolName: Removed } });
    expect(o.dataset.has(Tag.StudyDescription)).toBe(false);
    expect(o.dataset.has(Tag.ProtocolName)).toBe(false);
    expect(o.provenance.StudyDescription).toBe('Removed');
  });

  it('a private attribute and a public attribute outside the IOD never reach the output; one the mapping lists does', () => {
    const extra = new Map([
      [0x00090010, stringElement(0x00090010, 'LO', 'ATRIUM TEST')],
      [0x00091001, stringElement(0x00091001, 'LO', 'PRIVATE-SECRET')],
      [Tag.RequestingPhysician, stringElement(Tag.RequestingPhysician, 'PN', 'Who^Asked')],
      [Tag.ReasonForStudy, stringElement(Tag.ReasonForStudy, 'LO', 'Because')],
    ]);
    const sources = ctSources().map((s) => ({ ...s, dataset: s.dataset.with(extra) }));
    const iodKeywords = iodById('secondary-capture-image')!.modules.flatMap((m) => m.attributes.map((a) => a.keyword));
    expect(iodKeywords).not.toContain('RequestingPhysician');
    const o = derive({ ...SC_REPORT, mapping: { ReasonForStudy: Copied } }, {}, sources);
    expect(o.dataset.has(0x00090010)).toBe(false);
    expect(o.dataset.has(0x00091001)).toBe(false);
    expect(o.dataset.has(Tag.RequestingPhysician)).toBe(false);
    expect(Buffer.from(o.bytes).includes('PRIVATE-SECRET')).toBe(false);
    expect(text(o.dataset, 'ReasonForStudy')).toBe('Because');
    expect(o.provenance.ReasonForStudy).toBe('Copied');
  });
});

describe('Generated', () => {
  it('every generator gives its exact value (fixed clock, station, operator)', () => {
    const sources = ctSources();
    const o = derive(SC_REPORT, { index: 2, request: { pixels: grey, burnedInAnnotation: true } }, sources);
    const ds = o.dataset;
    const expected: Record<string, string> = {
      SOPClassUID: SopClass.SecondaryCaptureImageStorage,
      SeriesNumber: '901', InstanceNumber: '3',
      SeriesDate: '20240305', SeriesTime: '140709', ContentDate: '20240305', ContentTime: '140709',
      InstanceCreationDate: '20240305', InstanceCreationTime: '140709',
      StationName: 'WS01', OperatorsName: 'Doe^Jane',
      ImageType: 'DERIVED\\SECONDARY', ConversionType: 'WSD',
      SecondaryCaptureDeviceManufacturer: 'Atrium Tests', SecondaryCaptureDeviceManufacturerModelName: 'Series Summary',
      SecondaryCaptureDeviceSoftwareVersions: '1.2.3', BurnedInAnnotation: 'YES',
      DerivationDescription: 'Summary of the series', SeriesDescription: 'Summary report',
      SamplesPerPixel: '1', PhotometricInterpretation: 'MONOCHROME2', Rows: '8', Columns: '8',
      BitsAllocated: '8', BitsStored: '8', HighBit: '7', PixelRepresentation: '0',
    };
    for (const [keyword, value] of Object.entries(expected)) expect(text(ds, keyword), keyword).toBe(value);
    expect(o.provenance.SeriesNumber).toBe('Generated:SeriesNumber');
    expect(ds.get(Tag.PixelData)?.value).toEqual(grey.data);

    const code = ds.items(Tag.DerivationCodeSequence)[0]!.dataset;
    expect([code.string(Tag.CodeValue), code.string(Tag.CodingSchemeDesignator), code.string(Tag.CodeMeaning)]).toEqual(['113076', 'DCM', 'Segmentation']);
    const sourceUids = sources.map((s) => s.dataset.string(Tag.SOPInstanceUID));
    const sourceItems = ds.items(Tag.SourceImageSequence).map((i) => i.dataset);
    expect(sourceItems.map((i) => i.string(Tag.ReferencedSOPInstanceUID))).toEqual(sourceUids);
    expect(sourceItems.every((i) => i.string(Tag.ReferencedSOPClassUID) === SopClass.CTImageStorage)).toBe(true);
    expect(sourceItems[0]!.items(Tag.PurposeOfReferenceCodeSequence)[0]!.dataset.string(Tag.CodeValue)).toBe('121322');
    const series = ds.items(Tag.ReferencedSeriesSequence).map((i) => i.dataset);
    expect(series.map((s) => s.string(Tag.SeriesInstanceUID))).toEqual([sources[0]!.dataset.string(Tag.SeriesInstanceUID)]);
    expect(series[0]!.items(Tag.ReferencedInstanceSequence).map((i) => i.dataset.string(Tag.ReferencedSOPInstanceUID))).toEqual(sourceUids);
    const equipment = ds.items(Tag.ContributingEquipmentSequence)[0]!.dataset;
    expect({
      Manufacturer: equipment.string(Tag.Manufacturer), Model: equipment.string(Tag.ManufacturerModelName),
      Versions: equipment.string(Tag.SoftwareVersions), Station: equipment.string(Tag.StationName),
      When: equipment.string(Tag.ContributionDateTime), What: equipment.string(Tag.ContributionDescription),
      Purpose: equipment.items(Tag.PurposeOfReferenceCodeSequence)[0]!.dataset.string(Tag.CodeValue),
    }).toEqual({
      Manufacturer: 'Atrium Tests', Model: 'Series Summary', Versions: '1.2.3', Station: 'WS01',
      When: '20240305140709', What: 'Series Summary 1.2.3 (test.derive.summary)', Purpose: '109102',
    });
  });

  it("Content takes the app's value (ImageType value 3 too); Empty writes an empty value", () => {
    const output = { ...SC_REPORT, mapping: { ImageComments: Generated('Content'), PatientComments: Generated('Empty') } };
    const o = derive(output, { request: { pixels: grey, content: { ImageComments: 'Agatston 123', ImageType: 'CALCIUM' } } });
    expect(text(o.dataset, 'ImageComments')).toBe('Agatston 123');
    expect(o.provenance.ImageComments).toBe('Content');
    expect(text(o.dataset, 'ImageType')).toBe('DERIVED\\SECONDARY\\CALCIUM');
    expect(o.dataset.get(Tag.PatientComments)?.value.length).toBe(0);
    const without = derive(output);
    expect(without.dataset.has(Tag.ImageComments)).toBe(false);
    expect(without.provenance.ImageComments).toBe('Content (no value)');
  });

  it('multi-frame SC: Number of Frames, Frame Increment Pointer → Page Number Vector, identity rescale', () => {
    const output: OutputDefinition = { ...SC_REPORT, iod: 'multi-frame-grayscale-byte-secondary-capture-image' };
    const o = derive(output, { request: { pixels: { ...grey, frames: 3, data: grey8(8, 8, 3) } } });
    expect(o.sopClassUID).toBe(SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage);
    expect(['NumberOfFrames', 'PageNumberVector', 'RescaleIntercept', 'RescaleSlope', 'RescaleType', 'PresentationLUTShape'].map((k) => text(o.dataset, k)))
      .toEqual(['3', '1\\2\\3', '0', '1', 'US', 'IDENTITY']);
    expect(o.dataset.numbers(Tag.FrameIncrementPointer)).toEqual([Tag.PageNumberVector]);
  });

  it('pixels that do not fit the IOD are refused before anything is built', () => {
    const output: OutputDefinition = { ...SC_REPORT, iod: 'multi-frame-grayscale-word-secondary-capture-image' };
    expect(() => derive(output)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_DERIVE_PIXELS' }));
    expect(() => derive(SC_REPORT, { request: { pixels: { ...grey, data: grey8(8, 7) } } })).toThrow(/expected 64 samples/);
  });
});

describe('deterministic UIDs', () => {
  it('the same request gives the same UIDs and the same bytes', () => {
    const a = derive(SC_REPORT);
    const b = derive(SC_REPORT);
    expect(b.sopInstanceUID).toBe(a.sopInstanceUID);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  });

  it('the UIDs are those of derivedUids; other parameters give another series', () => {
    const sources = ctSources();
    const o = derive(SC_REPORT, {}, sources);
    const expected = derivedUids({
      sourceSeriesInstanceUID: sources[0]!.dataset.string(Tag.SeriesInstanceUID)!,
      app: { pluginId: 'test.derive', appId: 'summary', version: '1.2.3' },
      parameters: { threshold: 130 },
      outputName: 'report',
      sourceSopInstanceUIDs: sources.map((s) => s.dataset.string(Tag.SOPInstanceUID)!),
      index: 0,
    });
    expect({ seriesInstanceUID: o.seriesInstanceUID, sopInstanceUID: o.sopInstanceUID }).toEqual(expected);
    expect(o.dataset.string(Tag.SOPInstanceUID)).toBe(expected.sopInstanceUID);
    const other = derive(SC_REPORT, { parameters: { threshold: 100 } }, sources);
    expect(other.seriesInstanceUID).not.toBe(o.seriesInstanceUID);
    expect(derive(SC_REPORT, { index: 1 }, sources).seriesInstanceUID).toBe(o.seriesInstanceUID);
  });
});

describe('validation and mapping errors', () => {
  it('a Type 2 attribute mapped Removed fails, naming the attribute and the rule; nothing is returned', () => {
    let error: unknown;
    try {
      derive({ ...SC_REPORT, mapping: { PatientID: Removed } });
    } catch (e) {
      error = e;
    }
    expect(isAtriumError(error, 'ATRIUM_ERR_DERIVE_INVALID')).toBe(true);
    const problems = (error as { details: { problems: unknown[] } }).details.problems;
    expect(problems).toEqual([{ keyword: 'PatientID', tag: '(0010,0020)', rule: 'Removed', message: 'PatientID (0010,0020) Type 2 is absent (rule: Removed)' }]);
    expect((error as Error).message).toContain('PatientID (0010,0020) Type 2 is absent (rule: Removed)');
  });

  it('an image without pixels fails naming Pixel Data', () => {
    expect(() => derive(SC_REPORT, { request: {} })).toThrow('PixelData (7FE0,0010) Type 1C is absent but required: the IOD is an image IOD (rule: Generated:Pixels (the app gave no pixels))');
  });

  it('mappings that cannot apply are refused: fixed attributes, unknown keywords and generators', () => {
    const mappings: MappingTable[] = [{ SOPInstanceUID: Copied }, { NotAKeyword: Copied }, { SeriesDescription: Generated('Nope' as 'Empty') }];
    for (const mapping of mappings) {
      expect(() => derive({ ...SC_REPORT, mapping })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_DERIVE_MAPPING' }));
    }
  });
});

describe('character sets', () => {
  it('sources that agree keep their character set and raw text; content they cannot encode switches to ISO_IR 192', () => {
    const sources = ctSources({ patientName: 'Müller^Jürgen' });
    expect(sources[0]!.dataset.characterSet).toEqual(['ISO_IR 192']);
    const o = derive(SC_REPORT, {}, sources);
    expect(o.dataset.get(Tag.PatientName)?.value).toEqual(sources[0]!.dataset.get(Tag.PatientName)?.value);
    expect(text(o.dataset, 'SpecificCharacterSet')).toBe('ISO_IR 192');

    const latin1 = ctSources().map((s) => ({
      ...s,
      dataset: s.dataset.with(new Map([
        [Tag.SpecificCharacterSet, stringElement(Tag.SpecificCharacterSet, 'CS', 'ISO_IR 100')],
        [Tag.PatientName, stringElement(Tag.PatientName, 'PN', 'Müller^Jürgen', ['ISO_IR 100'])],
      ])),
    }));
    const kept = derive(SC_REPORT, {}, latin1);
    expect(text(kept.dataset, 'SpecificCharacterSet')).toBe('ISO_IR 100');
    expect(kept.dataset.get(Tag.PatientName)?.value).toEqual(latin1[0]!.dataset.get(Tag.PatientName)?.value);
    const output = { ...SC_REPORT, mapping: { ImageComments: Generated('Content') } };
    const utf8 = derive(output, { request: { pixels: grey, content: { ImageComments: '石灰化スコア' } } }, latin1);
    expect(text(utf8.dataset, 'SpecificCharacterSet')).toBe('ISO_IR 192');
    const reread = parseDicom(utf8.bytes).dataset;
    expect([reread.string(Tag.PatientName), reread.string(Tag.ImageComments)]).toEqual(['Müller^Jürgen', '石灰化スコア']);
  });

  it('sources that disagree give ISO_IR 192 with copied text re-encoded', () => {
    const sources = ctSources();
    const mixed = [
      { ...sources[0]!, dataset: sources[0]!.dataset.with(new Map([
        [Tag.SpecificCharacterSet, stringElement(Tag.SpecificCharacterSet, 'CS', 'ISO_IR 100')],
        [Tag.StudyDescription, stringElement(Tag.StudyDescription, 'LO', 'Crâne', ['ISO_IR 100'])],
      ])) },
      { ...sources[1]!, dataset: sources[1]!.dataset.with(new Map([
        [Tag.SpecificCharacterSet, stringElement(Tag.SpecificCharacterSet, 'CS', 'ISO_IR 192')],
        [Tag.StudyDescription, stringElement(Tag.StudyDescription, 'LO', 'Crâne', ['ISO_IR 192'])],
      ])) },
    ];
    const o = derive(SC_REPORT, {}, mixed);
    expect(text(o.dataset, 'SpecificCharacterSet')).toBe('ISO_IR 192');
    expect(o.provenance.StudyDescription).toBe('Copied');
    expect(Buffer.from(o.dataset.get(Tag.StudyDescription)!.value).toString('utf8')).toBe('Crâne');
    expect(mixed[0]!.dataset.get(Tag.StudyDescription)!.value).toEqual(Uint8Array.from([0x43, 0x72, 0xe2, 0x6e, 0x65, 0x20]));
  });
});
