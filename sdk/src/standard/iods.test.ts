import { describe, expect, it } from 'vitest';
import { iodById, iodForSopClass, iodIds, type1AttributesOf } from './iods.js';
import { SOP_CLASS_IOD } from './iods.generated.js';
import { Tag } from './tags.generated.js';
import { SopClass } from './uids.js';

describe('IODs', () => {
  it('maps SOP classes to IODs', () => {
    expect(iodForSopClass(SopClass.CTImageStorage)?.id).toBe('ct-image');
    expect(iodForSopClass(SopClass.CTImageStorage)?.name).toBe('CT Image');
    expect(iodForSopClass(SopClass.DigitalXRayImageStorageForProcessing)?.sopClassUids).toEqual([
      SopClass.DigitalXRayImageStorageForPresentation, SopClass.DigitalXRayImageStorageForProcessing,
    ]);
    expect(iodForSopClass(SopClass.Verification)).toBeUndefined();
    expect(iodForSopClass('1.2.3')).toBeUndefined();
    for (const uid of Object.keys(SOP_CLASS_IOD)) expect(iodForSopClass(uid)).toBeDefined();
  });

  it('snapshot of counts', () => {
    expect(iodIds().length).toBe(171);
    expect(Object.keys(SOP_CLASS_IOD).length).toBe(175);
    let modules = 0;
    let unknown = 0;
    for (const id of iodIds()) {
      const iod = iodById(id);
      modules += iod?.modules.length ?? 0;
      unknown += iod?.modules.filter((m) => m.attributesUnknown).length ?? 0;
    }
    expect(modules).toBe(3258);
    expect(unknown).toBe(500); // 503 before the Manufacturing 3D Model Module was curated (3 IODs use it)
  });

  it('takes the Encapsulated STL modules newer than 2008 from the curated current tables', () => {
    const iod = iodForSopClass(SopClass.EncapsulatedSTLStorage);
    const model = iod?.modules.find((m) => m.id === 'manufacturing-3d-model');
    expect(model).toMatchObject({ usage: 'M', attributesUnknown: false, part3Table: 'C.35.1-1' });
    expect(model?.attributes.filter((a) => a.path.length === 1).map((a) => `${a.keyword} ${a.type}`)).toEqual([
      'MeasurementUnitsCodeSequence 1', 'ModelModification 3', 'ModelMirroring 3', 'ModelUsageCodeSequence 3', 'ModelGroupUID 3',
    ]);
    // The Code Sequence Macro (Table 8.8-1) inside the units' item.
    expect(model?.attributes.filter((a) => a.path[0] === Tag.MeasurementUnitsCodeSequence && a.path.length === 2 && a.type === '1').map((a) => a.keyword)).toEqual(['CodeValue', 'CodingSchemeDesignator', 'CodeMeaning']);
    const document = iod?.modules.find((m) => m.id === 'encapsulated-document');
    expect(document?.part3Table).toBe('C.24-2');
    expect(document?.attributes.find((a) => a.keyword === 'EncapsulatedDocumentLength')?.type).toBe('1C');
  });

  it('lists the CT Image modules with usage (2025) and attribute Types (2008)', () => {
    const iod = iodForSopClass(SopClass.CTImageStorage);
    expect(iod?.modules.map((m) => `${m.usage} ${m.name}`)).toEqual([
      'M Patient', 'U Clinical Trial Subject', 'M General Study', 'U Patient Study', 'U Clinical Trial Study',
      'M General Series', 'U Clinical Trial Series', 'M Frame of Reference', 'C Synchronization',
      'M General Equipment', 'M General Acquisition', 'M General Image', 'U General Reference', 'M Image Plane',
      'M Image Pixel', 'C Contrast/Bolus', 'U Device', 'U Specimen', 'M CT Image', 'C Multi-energy CT Image',
      'U Overlay Plane', 'U VOI LUT', 'M SOP Common', 'U Common Instance Reference',
    ]);
    const counts: Record<string, number> = {};
    const topCounts: Record<string, number> = {};
    for (const m of iod?.modules ?? []) {
      for (const a of m.attributes) {
        counts[a.type] = (counts[a.type] ?? 0) + 1;
        if (a.path.length === 1) topCounts[a.type] = (topCounts[a.type] ?? 0) + 1;
      }
    }
    expect(counts).toEqual({ '1': 265, '1C': 332, '2': 24, '2C': 13, '3': 321 });
    expect(topCounts).toEqual({ '1': 38, '1C': 27, '2': 22, '2C': 11, '3': 160 });
    const generalAcquisition = iod?.modules.find((m) => m.id === 'general-acquisition');
    expect(generalAcquisition).toMatchObject({ attributesUnknown: true, attributes: [], part3Table: undefined, informationEntity: 'Acquisition' });
    const contrast = iod?.modules.find((m) => m.id === 'contrast-bolus');
    expect(contrast).toMatchObject({ usage: 'C', condition: 'Required if contrast media was used in this image', part3Table: 'C.7-12' });
  });

  it('flattens nested sequences and macro includes into paths', () => {
    const iod = iodForSopClass(SopClass.CTImageStorage);
    const attrs = (id: string) => iod?.modules.find((m) => m.id === id)?.attributes ?? [];
    const find = (id: string, path: number[]) => attrs(id).find((a) => a.path.join() === path.join());
    expect(find('patient', [Tag.PatientName])).toMatchObject({ keyword: 'PatientName', type: '2', tag: Tag.PatientName });
    expect(find('patient', [Tag.OtherPatientIDsSequence, Tag.PatientID])?.type).toBe('1');
    // '>Include SOP Instance Reference Macro' under Referenced Patient Sequence
    expect(find('patient', [Tag.ReferencedPatientSequence, Tag.ReferencedSOPInstanceUID])?.type).toBe('1');
    // '>Include Code Sequence Macro', two levels deep
    expect(find('ct-image', [Tag.AnatomicRegionSequence, Tag.AnatomicRegionModifierSequence, Tag.CodeValue])?.type).toBe('1');
    expect(find('ct-image', [Tag.CTDIPhantomTypeCodeSequence, Tag.CodingSchemeVersion])?.type).toBe('1C');
    // repeating group 60xx
    expect(find('overlay-plane', [0x60003000])).toMatchObject({ keyword: 'OverlayData', type: '1' });
    // an attribute retired since 2008 is kept and marked
    expect(find('ct-image', [Tag.DataCollectionCenterPatient])?.type).toBe('3');
    expect(attrs('ct-image').filter((a) => a.retired).map((a) => a.keyword)).toEqual(['EstimatedDoseSaving']);
  });

  it('cuts the SR content tree recursion and downgrades conditionally included macros', () => {
    const content = iodForSopClass(SopClass.ComprehensiveSRStorage)?.modules.find((m) => m.id === 'sr-document-content');
    expect(content?.attributes.filter((a) => a.recursive).map((a) => a.keyword)).toEqual(['ContentSequence']);
    // Numeric Measurement Macro is included "if and only if Value Type is NUM": its Type 2 becomes 2C
    expect(content?.attributes.find((a) => a.path.join() === String(Tag.MeasuredValueSequence))?.type).toBe('2C');
    expect(iodForSopClass(SopClass.EnhancedSRStorage)?.modules.map((m) => m.id)).toContain('sr-document-content');
  });

  it('lists functional group macros of enhanced multi-frame IODs', () => {
    const iod = iodForSopClass(SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage);
    expect(iod?.functionalGroupMacros.map((m) => `${m.usage} ${m.name}`)).toEqual([
      'C Pixel Measures', 'C Plane Position (Patient)', 'C Plane Orientation (Patient)',
    ]);
  });

  it('gives the top-level Type 1 attributes of the mandatory modules', () => {
    const ct = type1AttributesOf(SopClass.CTImageStorage);
    expect(ct).toEqual([
      Tag.StudyInstanceUID, Tag.Modality, Tag.SeriesInstanceUID, Tag.FrameOfReferenceUID,
      Tag.PixelSpacing, Tag.ImageOrientationPatient, Tag.ImagePositionPatient,
      Tag.SamplesPerPixel, Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns,
      Tag.BitsAllocated, Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation,
      Tag.ImageType, Tag.RescaleIntercept, Tag.RescaleSlope, Tag.SOPClassUID, Tag.SOPInstanceUID,
    ]);
    expect(ct).not.toContain(Tag.PatientName);
    expect(type1AttributesOf(SopClass.SecondaryCaptureImageStorage)).toEqual([
      Tag.StudyInstanceUID, Tag.Modality, Tag.SeriesInstanceUID, Tag.ConversionType,
      Tag.SamplesPerPixel, Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns,
      Tag.BitsAllocated, Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation, Tag.SOPClassUID, Tag.SOPInstanceUID,
    ]);
    expect(type1AttributesOf(SopClass.EnhancedSRStorage)).toEqual([
      Tag.StudyInstanceUID, Tag.Modality, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.InstanceNumber,
      Tag.CompletionFlag, Tag.VerificationFlag, Tag.ContentDate, Tag.ContentTime, Tag.ValueType,
      Tag.SOPClassUID, Tag.SOPInstanceUID,
    ]);
    expect(type1AttributesOf('1.2.3')).toEqual([]);
  });
});
