import { SopClass } from '@atrium/sdk';

/**
 * The storage SOP classes the five seeds list (CT, Enhanced CT, MR, Enhanced MR, NM, SC,
 * Multi-frame Grayscale Byte / True Color SC, XA, X-Ray Radiation Dose SR, DX for
 * presentation, Digital Intra-oral X-ray, CR, US (single and multi-frame), VL Endoscopic,
 * VL Photographic): what a C-GET SCU proposes to receive (a C-GET association cannot
 * propose every storage class within 128 presentation contexts).
 */
export function seedStorageClasses(): readonly string[] {
  return [
    SopClass.CTImageStorage, SopClass.EnhancedCTImageStorage, SopClass.MRImageStorage, SopClass.EnhancedMRImageStorage,
    SopClass.NuclearMedicineImageStorage, SopClass.SecondaryCaptureImageStorage,
    SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage, SopClass.MultiFrameTrueColorSecondaryCaptureImageStorage,
    SopClass.XRayAngiographicImageStorage, SopClass.XRayRadiationDoseSRStorage, SopClass.DigitalXRayImageStorageForPresentation,
    SopClass.DigitalIntraOralXRayImageStorageForPresentation, SopClass.ComputedRadiographyImageStorage,
    SopClass.UltrasoundImageStorage, SopClass.UltrasoundMultiFrameImageStorage, SopClass.VLEndoscopicImageStorage,
    SopClass.VLPhotographicImageStorage,
  ];
}
