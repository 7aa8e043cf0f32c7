import { SdkError, type SourceSeries } from '@atrium/sdk';
import type { ScoringSlice, SliceGeometry } from './scoring/index.js';

/** The calcium mass calibration factor (mg/cm³ per HU) and where it comes from. */
export interface MassCalibration {
  readonly factor: number;
  /** As printed on the reports and in the SR. */
  readonly source: string;
}

/** A circular region of interest on the slice nearest to its centre (patient mm). */
interface CircleRoi {
  readonly center: readonly [number, number, number];
  readonly radius: number;
}

/** The `calibrationPhantom` parameter: the hydroxyapatite insert (its density) and a water region. */
export interface PhantomCalibration {
  readonly insert: CircleRoi & { readonly mgHaPerCm3: number };
  readonly water: CircleRoi;
}

/**
 * The mass calibration factor, first of: the `calibrationFactor` parameter (> 0); a phantom
 * insert of known hydroxyapatite density ρ and a water region, factor = ρ / (mean HU of the
 * insert − mean HU of water) (the calibration of McCollough et al., "A multi-institutional,
 * multi-manufacturer, international standard for the quantification of coronary artery calcium
 * using cardiac CT", Radiology 2007;243:527-38); Calcium Scoring Mass Factor Patient (0018,9351)
 * when every slice carries the same value; Calcium Scoring Mass Factor Device (0018,9352), whose
 * three values are for a small, medium and large patient (PS3.3 C.8.2.1), the one `patientSize`
 * names, when every slice carries the same (the app cannot tell the size itself). Undefined: no mass. Mass = factor × volume (cm³) × mean HU.
 */
export function massCalibration(
  params: { readonly calibrationFactor: number; readonly calibrationPhantom: string; readonly patientSize: 'unknown' | 'small' | 'medium' | 'large' },
  input: SourceSeries,
  slices: readonly ScoringSlice[],
  geometry: Pick<SliceGeometry, 'nearestSlice' | 'toPixel'>,
): MassCalibration | undefined {
  if (params.calibrationFactor > 0) return { factor: params.calibrationFactor, source: 'calibrationFactor parameter' };
  if (params.calibrationPhantom.trim() !== '') {
    const p = parsePhantom(params.calibrationPhantom);
    const insert = roiMean(p.insert, slices, geometry, 'insert');
    const water = roiMean(p.water, slices, geometry, 'water');
    if (!(insert - water > 1)) throw bad(`insert mean ${insert.toFixed(1)} HU is not above water mean ${water.toFixed(1)} HU`);
    const factor = p.insert.mgHaPerCm3 / (insert - water);
    return { factor, source: `phantom: ${p.insert.mgHaPerCm3} mg HA/cm3 insert ${insert.toFixed(1)} HU, water ${water.toFixed(1)} HU` };
  }
  const values = input.instances.map((i) => i.number('CalciumScoringMassFactorPatient'));
  const first = values[0];
  if (first !== undefined && first > 0 && values.every((v) => v === first)) return { factor: first, source: 'Calcium Scoring Mass Factor Patient (0018,9351)' };
  const size = ['small', 'medium', 'large'].indexOf(params.patientSize);
  if (size < 0) return undefined;
  const device = input.instances.map((i) => i.numbers('CalciumScoringMassFactorDevice')[size]);
  const d = device[0];
  if (d !== undefined && d > 0 && device.every((v) => v === d)) return { factor: d, source: `Calcium Scoring Mass Factor Device (0018,9352), ${params.patientSize} patient` };
  return undefined;
}

const bad = (why: string): SdkError => new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "calibrationPhantom" ${why}; expected {"insert":{"center":[x,y,z],"radius":mm,"mgHaPerCm3":n},"water":{"center":[x,y,z],"radius":mm}}`, { parameter: 'calibrationPhantom' });

/** The `calibrationPhantom` text as a phantom calibration; SdkError `ATRIUM_ERR_PARAM_INVALID` naming what is wrong. */
export function parsePhantom(text: string): PhantomCalibration {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad(`is not valid JSON (${(e as Error).message})`);
  }
  const o = raw as Record<string, Record<string, unknown> | undefined>;
  const circle = (name: 'insert' | 'water'): CircleRoi => {
    const r = o?.[name];
    const c = r?.center;
    if (!Array.isArray(c) || c.length !== 3 || !c.every((v) => typeof v === 'number' && Number.isFinite(v))) throw bad(`${name}.center must be [x, y, z] in mm`);
    if (typeof r!.radius !== 'number' || !(r!.radius > 0)) throw bad(`${name}.radius must be a positive number of mm`);
    return { center: [c[0], c[1], c[2]], radius: r!.radius };
  };
  const density = o?.insert?.mgHaPerCm3;
  if (typeof density !== 'number' || !(density > 0)) throw bad('insert.mgHaPerCm3 must be a positive number');
  return { insert: { ...circle('insert'), mgHaPerCm3: density }, water: circle('water') };
}

/** Mean HU of the pixel centres within the circle on the slice nearest to its centre. */
function roiMean(roi: CircleRoi, slices: readonly ScoringSlice[], geometry: Pick<SliceGeometry, 'nearestSlice' | 'toPixel'>, name: string): number {
  const k = geometry.nearestSlice(roi.center);
  if (k === undefined) throw bad(`${name}.center is on no slice`);
  const s = slices[k]!;
  const [row, column] = geometry.toPixel(k, roi.center);
  let sum = 0;
  let n = 0;
  const rr = roi.radius / s.pixelSpacing[0];
  const rc = roi.radius / s.pixelSpacing[1];
  for (let r = Math.max(0, Math.floor(row - rr)); r <= Math.min(s.rows - 1, Math.ceil(row + rr)); r++) {
    for (let c = Math.max(0, Math.floor(column - rc)); c <= Math.min(s.columns - 1, Math.ceil(column + rc)); c++) {
      if (((r - row) / rr) ** 2 + ((c - column) / rc) ** 2 <= 1) {
        sum += s.hu[r * s.columns + c]!;
        n++;
      }
    }
  }
  if (n === 0) throw bad(`${name} covers no pixel`);
  return sum / n;
}
