import { SopClass, type DicomValue } from '@atrium/sdk';
import { inside, type Ellipsoid } from './analytic-phantom.js';
import type { NmObject } from './nm-object.js';
import { nmStudyAttributes, phantomUid, type NmStudyIds } from './nm-study-ids.js';

/** A CT of the phantom's body for attenuation correction: water (0 HU) inside, air (−1000 HU) outside. */
export interface CtSeriesOptions {
  readonly ids: NmStudyIds;
  /** The body, mm around `axis` / `zCenter` as the emission phantom is. */
  readonly body: Ellipsoid;
  readonly columns: number;
  readonly slices: number;
  readonly pixel: number;
  readonly sliceSpacing: number;
  readonly axis?: readonly [number, number];
  readonly zCenter?: number;
  readonly seriesInstanceUID: string;
  readonly seed?: number;
}

/** Axial CT slices (Int16 HU, Rescale 1 / 0) centred on the rotation axis, in the study's Frame of Reference. */
export function ctSeries(o: CtSeriesOptions): NmObject[] {
  const axis = o.axis ?? [0, 0];
  const zc = o.zCenter ?? 0;
  const n = o.columns;
  const c = (n - 1) / 2;
  return Array.from({ length: o.slices }, (_, k) => {
    const z = (k - (o.slices - 1) / 2) * o.sliceSpacing;
    const hu = new Int16Array(n * n);
    for (let r = 0; r < n; r++) for (let col = 0; col < n; col++) {
      // Average 2 × 2 sub-points so that the edge is partial-volumed as a scanner's would be.
      let sum = 0;
      for (const a of [-0.25, 0.25]) for (const b of [-0.25, 0.25]) sum += inside(o.body, [(col + a - c) * o.pixel, (r + b - c) * o.pixel, z]) ? 0 : -1000;
      hu[r * n + col] = Math.round(sum / 4);
    }
    const attributes: Record<string, DicomValue> = {
      ...nmStudyAttributes(o.ids),
      Modality: 'CT',
      SOPClassUID: SopClass.CTImageStorage,
      SOPInstanceUID: phantomUid(o.seed ?? 1, `ct-${k}`),
      SeriesInstanceUID: o.seriesInstanceUID,
      SeriesNumber: 5,
      SeriesDescription: 'CT for attenuation correction (phantom)',
      InstanceNumber: k + 1,
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      ImagePositionPatient: [axis[0] - c * o.pixel, axis[1] - c * o.pixel, zc + z],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [o.pixel, o.pixel],
      SliceThickness: o.sliceSpacing,
      KVP: 120,
      PatientPosition: 'HFS',
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: n,
      Columns: n,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      RescaleIntercept: 0,
      RescaleSlope: 1,
      RescaleType: 'HU',
    };
    delete attributes.RadiopharmaceuticalInformationSequence;
    delete attributes.PatientOrientationCodeSequence;
    delete attributes.PatientGantryRelationshipCodeSequence;
    return { attributes, frames: [hu] };
  });
}
