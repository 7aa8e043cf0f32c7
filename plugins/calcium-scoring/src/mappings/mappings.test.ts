import { iodById, lookupKeyword } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { calciumLoadSpec } from '../calcium-load-spec.js';
import { reducedCtMapping } from './reduced-ct-mapping.js';
import { secondaryCaptureMapping } from './secondary-capture-mapping.js';
import { srMapping } from './sr-mapping.js';

describe('mapping tables and load specification', () => {
  it('name DICOM keywords only (PS3.6), none retired', () => {
    for (const table of [reducedCtMapping, secondaryCaptureMapping, srMapping, calciumLoadSpec]) {
      for (const keyword of Object.keys(table)) {
        const entry = lookupKeyword(keyword);
        expect(entry, keyword).toBeDefined();
        expect(entry?.retired, keyword).toBe(false);
      }
    }
  });

  it('copy the source pixels into the reduced CT and generate the new identity (GE SmartScore conformance statement, Tables 3-3 … 3-16)', () => {
    expect(reducedCtMapping.PixelData).toEqual({ action: 'Copied' });
    expect(reducedCtMapping.SeriesInstanceUID).toEqual({ action: 'Generated', generator: 'SeriesInstanceUID' });
    expect(reducedCtMapping.SOPInstanceUID).toEqual({ action: 'Generated', generator: 'SOPInstanceUID' });
    expect(reducedCtMapping.ReferencedPerformedProcedureStepSequence).toEqual({ action: 'Removed' });
    expect(iodById('ct-image')).toBeDefined();
  });

  it('remove from the Secondary Captures what Tables 4-4 … 4-16 of the GE SmartScore conformance statement remove, and generate Burned In Annotation', () => {
    for (const keyword of ['PatientWeight', 'StudyDescription', 'ProtocolName', 'SoftwareVersions', 'ReferencedImageSequence', 'ImagesInAcquisition']) {
      expect(secondaryCaptureMapping[keyword], keyword).toEqual({ action: 'Removed' });
    }
    expect(secondaryCaptureMapping.BurnedInAnnotation).toEqual({ action: 'Generated', generator: 'BurnedInAnnotation' });
    expect(secondaryCaptureMapping.ImageComments).toEqual({ action: 'Generated', generator: 'Content' });
  });

  it('mark the attributes GE SmartScore needs Mandatory, and its expectations', () => {
    const mandatory = Object.entries(calciumLoadSpec).filter(([, r]) => r.usage === 'Mandatory').map(([k]) => k).sort();
    expect(mandatory).toEqual(['Columns', 'FrameOfReferenceUID', 'ImageOrientationPatient', 'ImagePositionPatient', 'PixelSpacing', 'RescaleIntercept', 'RescaleSlope', 'Rows', 'SeriesInstanceUID', 'StudyInstanceUID']);
    expect([calciumLoadSpec.Rows?.expect, calciumLoadSpec.Columns?.expect, calciumLoadSpec.KVP?.expect, calciumLoadSpec.KVP?.usage]).toEqual([512, 512, undefined, 'Used']);
  });
});
