import {
  appEquipmentMapping, Copied, Generated, generalSeriesMapping, generalStudyMapping, iodById, lookupKeyword, patientMapping, patientStudyMapping, Removed,
  scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { SCORE3D_LOAD } from '../apps/score3d-load-spec.js';
import { ctMprMapping, mrMprMapping } from './mpr-mapping.js';
import { secondaryCaptureMapping } from './secondary-capture-mapping.js';
import { stlMapping } from './stl-mapping.js';

/** The rules of `table` that differ from the fragments' for the same attributes, by fragment; fragments with none left out. */
function departures(table: MappingTable, fragments: Readonly<Record<string, MappingTable>>): Record<string, MappingTable> {
  const out: Record<string, MappingTable> = {};
  for (const [name, fragment] of Object.entries(fragments)) {
    const differing = Object.keys(fragment).filter((k) => JSON.stringify(table[k]) !== JSON.stringify(fragment[k]));
    if (differing.length > 0) out[name] = Object.fromEntries(differing.map((k) => [k, table[k]!]));
  }
  return out;
}

const FRAGMENTS = { patientMapping, patientStudyMapping, generalStudyMapping, generalSeriesMapping, appEquipmentMapping, sopCommonMapping };

describe('3D mapping tables and load specification', () => {
  it('name DICOM keywords only (PS3.6), none retired, for IODs the standard tables have', () => {
    for (const table of [ctMprMapping, mrMprMapping, secondaryCaptureMapping, stlMapping, SCORE3D_LOAD]) {
      for (const keyword of Object.keys(table)) {
        const entry = lookupKeyword(keyword);
        expect(entry, keyword).toBeDefined();
        expect(entry?.retired, keyword).toBe(false);
      }
    }
    for (const iod of ['ct-image', 'mr-image', 'secondary-capture-image', 'encapsulated-stl']) expect(iodById(iod), iod).toBeDefined();
  });

  it('take the SDK module fragments, departing only for the Shimadzu SCORE 3D conformance statement\'s rules and what a reformatted plane or a view is', () => {
    // Shimadzu SCORE 3D conformance statement, Appendix (Patient Study module of the objects it sends): Patient's Size and Weight.
    const score3d = { patientStudyMapping: { PatientSize: Copied, PatientWeight: Copied } };
    // A plane: what the run made (Series Description); Type 2C attributes the app decides (see typeTwoConditional).
    const plane = { SeriesDescription: Generated('Content'), Laterality: Generated('Content'), PatientPosition: Generated('Content') };
    expect(departures(ctMprMapping, FRAGMENTS)).toEqual({ ...score3d, generalSeriesMapping: plane });
    expect(departures(mrMprMapping, FRAGMENTS)).toEqual({ ...score3d, generalSeriesMapping: plane });
    // A view: Series Description and Laterality as a plane's; Patient Position is the source's (Secondary Capture: Type 3 there).
    expect(departures(secondaryCaptureMapping, { ...FRAGMENTS, scEquipmentMapping })).toEqual({
      ...score3d,
      generalSeriesMapping: { SeriesDescription: Generated('Content'), Laterality: Generated('Content') },
    });
    // The model: Encapsulated Document Series (no General Series module); Enhanced General Equipment needs a Device Serial Number (Type 1, PS3.3 C.7.5.2).
    const { generalSeriesMapping: _series, ...stlFragments } = FRAGMENTS;
    expect(departures(stlMapping, stlFragments)).toEqual({ ...score3d, appEquipmentMapping: { DeviceSerialNumber: Generated('StationName') } });
  });

  it('name the workstation as the equipment of every output, as SCORE 3D names itself (Manufacturer "Shimadzu Corp.", Station Name)', () => {
    for (const table of [ctMprMapping, mrMprMapping, secondaryCaptureMapping, stlMapping]) {
      expect([table.Manufacturer, table.ManufacturerModelName, table.StationName]).toEqual([
        Generated('SecondaryCaptureDeviceManufacturer'), Generated('SecondaryCaptureDeviceManufacturerModelName'), Generated('StationName'),
      ]);
    }
    expect(secondaryCaptureMapping.ConversionType).toEqual(Generated('ConversionType'));
  });

  it('keep the planes and the model in the source\'s Frame of Reference, and the views out of patient space', () => {
    for (const table of [ctMprMapping, mrMprMapping, stlMapping]) expect([table.FrameOfReferenceUID, table.PositionReferenceIndicator]).toEqual([Copied, Copied]);
    for (const keyword of ['FrameOfReferenceUID', 'ImagePositionPatient', 'ImageOrientationPatient', 'SliceLocation']) expect(secondaryCaptureMapping[keyword], keyword).toEqual(Removed);
    expect(secondaryCaptureMapping.PatientOrientation).toEqual(Generated('Content'));
  });

  it('write no series attribute the Encapsulated Document Series module does not have', () => {
    const series = iodById('encapsulated-stl')!.modules.find((m) => m.id === 'encapsulated-document-series')!;
    const inModule = new Set(series.attributes.filter((a) => a.path.length === 1).map((a) => a.keyword));
    expect([...inModule]).toEqual(expect.arrayContaining(['Modality', 'SeriesInstanceUID', 'SeriesNumber', 'SeriesDescription']));
    for (const keyword of ['SeriesDate', 'SeriesTime', 'OperatorsName', 'BodyPartExamined', 'PatientPosition', 'Laterality']) {
      expect(inModule.has(keyword), keyword).toBe(false);
      expect(stlMapping[keyword] === undefined || stlMapping[keyword]!.action === 'Removed', keyword).toBe(true);
    }
  });
});
