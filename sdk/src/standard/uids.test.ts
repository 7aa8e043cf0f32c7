import { describe, expect, it } from 'vitest';
import {
  QueryRetrieveSopClass, SopClass, TransferSyntax, VerificationSOPClass,
  sopClassInfo, sopClassName, transferSyntaxInfo, transferSyntaxName,
} from './uids.js';

describe('UIDs', () => {
  it('names storage SOP classes with DICOM keywords', () => {
    expect(SopClass.CTImageStorage).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(SopClass.MRImageStorage).toBe('1.2.840.10008.5.1.4.1.1.4');
    expect(SopClass.NuclearMedicineImageStorage).toBe('1.2.840.10008.5.1.4.1.1.20');
    expect(SopClass.NuclearMedicineImageStorageRetired).toBe('1.2.840.10008.5.1.4.1.1.5');
    expect(SopClass.SecondaryCaptureImageStorage).toBe('1.2.840.10008.5.1.4.1.1.7');
    expect(SopClass.MultiFrameTrueColorSecondaryCaptureImageStorage).toBe('1.2.840.10008.5.1.4.1.1.7.4');
    expect(SopClass.DigitalXRayImageStorageForPresentation).toBe('1.2.840.10008.5.1.4.1.1.1.1');
    expect(SopClass.TwelveLeadECGWaveformStorage).toBe('1.2.840.10008.5.1.4.1.1.9.1.1');
    expect(SopClass.EnhancedSRStorage).toBe('1.2.840.10008.5.1.4.1.1.88.22');
    expect(SopClass.XAXRFGrayscaleSoftcopyPresentationStateStorage).toBe('1.2.840.10008.5.1.4.1.1.11.5');
  });

  it('has Verification and the Query/Retrieve SOP classes', () => {
    expect(VerificationSOPClass).toBe('1.2.840.10008.1.1');
    expect(QueryRetrieveSopClass).toEqual({
      PatientRootFind: '1.2.840.10008.5.1.4.1.2.1.1',
      PatientRootMove: '1.2.840.10008.5.1.4.1.2.1.2',
      PatientRootGet: '1.2.840.10008.5.1.4.1.2.1.3',
      StudyRootFind: '1.2.840.10008.5.1.4.1.2.2.1',
      StudyRootMove: '1.2.840.10008.5.1.4.1.2.2.2',
      StudyRootGet: '1.2.840.10008.5.1.4.1.2.2.3',
    });
    expect(SopClass.ModalityWorklistInformationModelFind).toBe('1.2.840.10008.5.1.4.31');
    expect(SopClass.StorageCommitmentPushModel).toBe('1.2.840.10008.1.20.1');
  });

  it('names transfer syntaxes with DICOM keywords', () => {
    expect(TransferSyntax).toMatchObject({
      ImplicitVRLittleEndian: '1.2.840.10008.1.2',
      ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
      ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
      DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
      RLELossless: '1.2.840.10008.1.2.5',
      JPEGBaseline8Bit: '1.2.840.10008.1.2.4.50',
      JPEGExtended12Bit: '1.2.840.10008.1.2.4.51',
      JPEGLossless: '1.2.840.10008.1.2.4.57',
      JPEGLosslessSV1: '1.2.840.10008.1.2.4.70',
      JPEGLSLossless: '1.2.840.10008.1.2.4.80',
      JPEGLSNearLossless: '1.2.840.10008.1.2.4.81',
      JPEG2000Lossless: '1.2.840.10008.1.2.4.90',
      JPEG2000: '1.2.840.10008.1.2.4.91',
      HTJ2KLossless: '1.2.840.10008.1.2.4.201',
      HTJ2KLosslessRPCL: '1.2.840.10008.1.2.4.202',
      HTJ2K: '1.2.840.10008.1.2.4.203',
      JPEGXLLossless: '1.2.840.10008.1.2.4.110',
      JPEGXLJPEGRecompression: '1.2.840.10008.1.2.4.111',
      JPEGXL: '1.2.840.10008.1.2.4.112',
      DeflatedImageFrameCompression: '1.2.840.10008.1.2.8.1',
    });
  });

  it('looks up names', () => {
    expect(sopClassName('1.2.840.10008.5.1.4.1.1.2')).toBe('CT Image Storage');
    expect(sopClassName('1.2.840.10008.1.1')).toBe('Verification SOP Class');
    expect(sopClassInfo('1.2.840.10008.5.1.4.1.1.6')).toEqual({
      uid: '1.2.840.10008.5.1.4.1.1.6', name: 'Ultrasound Image Storage (Retired)', retired: true,
    });
    expect(sopClassName('1.2.3.4')).toBeUndefined();
    expect(transferSyntaxName('1.2.840.10008.1.2.1')).toBe('Explicit VR Little Endian');
    expect(transferSyntaxName('1.2.840.10008.1.2.4.203')).toBe('High-Throughput JPEG 2000 Image Compression');
    expect(transferSyntaxInfo('1.2.840.10008.1.2.2')?.retired).toBe(true);
    expect(transferSyntaxName('1.2.840.10008.5.1.4.1.1.2')).toBeUndefined();
  });

  it('snapshot of counts', () => {
    expect(Object.keys(SopClass).length).toBe(297);
    expect(Object.keys(TransferSyntax).length).toBe(63);
    expect(new Set(Object.values(SopClass)).size).toBe(297);
    expect(new Set(Object.values(TransferSyntax)).size).toBe(63);
  });
});
