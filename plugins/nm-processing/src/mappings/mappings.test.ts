import {
  appEquipmentMapping, Copied, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, iodById, lookupKeyword, patientMapping,
  patientStudyMapping, Removed, scEquipmentMapping, sopCommonMapping, srDocumentMapping, type MappingTable,
} from '@atrium/sdk';
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

  /** The rules of `table` that differ from the fragments' for the same attributes, by fragment; fragments with none left out. */
  function departures(table: MappingTable, fragments: Readonly<Record<string, MappingTable>>): Record<string, MappingTable> {
    const out: Record<string, MappingTable> = {};
    for (const [name, fragment] of Object.entries(fragments)) {
      const differing = Object.keys(fragment).filter((k) => JSON.stringify(table[k]) !== JSON.stringify(fragment[k]));
      if (differing.length > 0) out[name] = Object.fromEntries(differing.map((k) => [k, table[k]!]));
    }
    return out;
  }

  it('take the SDK module fragments, departing from them only where the Canon GCA-9300R conformance statement (Tables 8-4 … 8-9) does', () => {
    expect(departures(recon, { patientMapping, patientStudyMapping, generalStudyMapping, appEquipmentMapping, generalSeriesMapping, sopCommonMapping })).toEqual({
      patientMapping: { PatientComments: Copied }, // Table 8-4
      patientStudyMapping: { PatientSize: Copied, PatientWeight: Copied }, // Table 8-5
      appEquipmentMapping: { InstitutionalDepartmentName: Copied }, // Table 8-7
      // Table 8-8 (Protocol Name); the method in Series Description, the Patient Orientation Code Sequences instead of Patient Position, the source's Laterality
      generalSeriesMapping: { ProtocolName: Copied, SeriesDescription: Generated('Content'), PatientPosition: Removed, Laterality: Generated('Content') },
    });
    expect(departures(gated, { patientMapping, patientStudyMapping, generalStudyMapping, appEquipmentMapping, generalSeriesMapping, sopCommonMapping }))
      .toEqual(departures(recon, { patientMapping, patientStudyMapping, generalStudyMapping, appEquipmentMapping, generalSeriesMapping, sopCommonMapping }));
    expect(departures(secondaryCaptureMapping, { patientMapping, patientStudyMapping, generalStudyMapping, generalEquipmentMapping, generalSeriesMapping, scEquipmentMapping, sopCommonMapping })).toEqual({
      generalEquipmentMapping: { DeviceSerialNumber: Removed }, // Table 8-7: the workstation's, not the camera's
      generalSeriesMapping: { Laterality: Generated('Empty'), BodyPartExamined: Removed }, // Table 8-8 lists neither
    });
    expect(departures(srMapping, { patientMapping, patientStudyMapping, generalStudyMapping, appEquipmentMapping, sopCommonMapping, srDocumentMapping })).toEqual({});
  });

  it('write nothing the GCA-9300R\'s created objects do not carry: other patient and study references, the source\'s SOP status, gantry', () => {
    for (const table of [recon, gated, secondaryCaptureMapping, srMapping]) {
      for (const keyword of ['Occupation', 'AdditionalPatientHistory', 'ReferencedStudySequence', 'ProcedureCodeSequence', 'SOPInstanceStatus', 'SOPAuthorizationDateTime', 'SpatialResolution']) {
        expect(table[keyword], keyword).toEqual(Removed);
      }
    }
    expect([recon.GantryID, srMapping.GantryID, srMapping.PhysiciansOfRecord]).toEqual([Removed, Removed, Removed]);
  });
});
