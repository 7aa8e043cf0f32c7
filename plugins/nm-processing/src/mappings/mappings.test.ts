import { iodById, lookupKeyword } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { dynamicLoadSpec, tomoLoadSpec } from '../apps/nm-load-spec.js';
import { nmImageMapping } from './nm-image-mapping.js';
import { secondaryCaptureMapping } from './secondary-capture-mapping.js';
import { srMapping } from './sr-mapping.js';

describe('NM mapping tables and load specifications', () => {
  const gated = nmImageMapping({ gated: true });
  const recon = nmImageMapping({ gated: false });

  it('name DICOM keywords only (PS3.6), none retired', () => {
    for (const table of [gated, recon, secondaryCaptureMapping, srMapping, tomoLoadSpec, dynamicLoadSpec]) {
      for (const keyword of Object.keys(table)) {
        const entry = lookupKeyword(keyword);
        expect(entry, keyword).toBeDefined();
        expect(entry?.retired, keyword).toBe(false);
      }
    }
    expect(iodById('nuclear-medicine-image')).toBeDefined();
  });

  it('generate what a reconstruction changes and copy the patient, study and isotope (GCA-9300R Tables 8-4 … 8-27)', () => {
    for (const keyword of ['ImageType', 'CorrectedImage', 'DetectorInformationSequence', 'EnergyWindowInformationSequence', 'SliceVector', 'NumberOfSlices', 'SpacingBetweenSlices', 'RealWorldValueMappingSequence', 'SeriesDescription']) {
      expect(recon[keyword], keyword).toEqual({ action: 'Generated', generator: 'Content' });
    }
    for (const keyword of ['PatientName', 'PatientID', 'StudyDate', 'RadiopharmaceuticalInformationSequence', 'RotationInformationSequence', 'PatientOrientationCodeSequence', 'FrameOfReferenceUID']) {
      expect(recon[keyword], keyword).toEqual({ action: 'Copied' });
    }
    expect(recon.Manufacturer).toEqual({ action: 'Generated', generator: 'SecondaryCaptureDeviceManufacturer' });
  });

  it('keep the NM Multi-gated Acquisition module for RECON GATED TOMO only, and never write acquisition-only attributes', () => {
    expect([gated.HeartRate, recon.HeartRate]).toEqual([{ action: 'Copied' }, { action: 'Removed' }]);
    expect([gated.GatedInformationSequence, recon.GatedInformationSequence]).toEqual([{ action: 'Generated', generator: 'Content' }, { action: 'Removed' }]);
    for (const keyword of ['AngularViewVector', 'DetectorVector', 'EnergyWindowVector', 'RotationVector', 'PhaseInformationSequence', 'ActualFrameDuration', 'PatientPosition']) {
      expect(recon[keyword], keyword).toEqual({ action: 'Removed' });
    }
  });
});
