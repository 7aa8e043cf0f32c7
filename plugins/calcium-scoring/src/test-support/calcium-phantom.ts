import type { SourceSeries } from '@atrium/sdk';
import { testSeries } from '@atrium/testing';

/** A coronary artery, spelt as the calcium scoring app spells it. */
export type PhantomArtery = 'LM' | 'LAD' | 'LCX' | 'RCA' | 'PDA';

/** The arteries every score lists (PDA only when seeded; the phantom has no PDA lesion). */
export const PHANTOM_ARTERIES: readonly PhantomArtery[] = ['LM', 'LAD', 'LCX', 'RCA', 'PDA'];

/**
 * One box of constant HU in the phantom, in pixel and slice indices (all bounds inclusive):
 * pixel (row, column) of slice k is the point (x0 + column·0.5, y0 + row·0.5, −k·increment) mm.
 */
export interface PhantomLesion {
  readonly label: string;
  /** The artery it belongs to; undefined for what must never be scored (unseeded or below the threshold / minimum area). */
  readonly artery?: PhantomArtery;
  /** Boxes with the same `region` touch across slices and form one 3-D region (one lesion of the artery). */
  readonly region: string;
  readonly hu: number;
  readonly rows: readonly [number, number];
  readonly columns: readonly [number, number];
  readonly slices: readonly [number, number];
}

/** A seed point in patient coordinates (mm), at a pixel centre of a scored region. */
export interface PhantomSeed {
  readonly artery: PhantomArtery;
  readonly at: readonly [number, number, number];
}

/** The same seed as (Instance Number, row, column). */
export interface PhantomPixelSeed {
  readonly artery: PhantomArtery;
  readonly instanceNumber: number;
  readonly row: number;
  readonly column: number;
}

/** What the scores of the phantom must be (threshold 130 HU, any min-area mode, 4- or 8-connectivity). */
export interface PhantomExpected {
  /** Agatston per artery (PDA 0: no PDA lesion). */
  readonly perArtery: Readonly<Record<PhantomArtery, number>>;
  readonly total: number;
  /** Volume per artery, mm³ (slab: area × increment). */
  readonly volumeMm3: Readonly<Record<PhantomArtery, number>>;
  readonly totalVolumeMm3: number;
  /** 3-D regions (lesions) per artery. */
  readonly lesions: Readonly<Record<PhantomArtery, number>>;
  readonly riskCategory: '0' | '1-10' | '11-100' | '101-400' | '>400';
}

/** Options of {@link calciumPhantomSeries}. */
export interface CalciumPhantomOptions {
  /** Number of slices, ≥ 26 (the lesions lie in slices 5 … 25); default 40. */
  readonly slices?: number;
  /** Slice increment and thickness, mm; default 3. */
  readonly increment?: number;
  /** Seed of every UID (the kit's testSeries seed `calcium-phantom-<seed>`); default 5. */
  readonly seed?: number;
  readonly patientName?: string;
  readonly patientID?: string;
  /** Paint the spine (a 700 HU rod in every slice, an unseeded candidate); default true. */
  readonly spine?: boolean;
}

/** The phantom series and everything needed to check a score of it. */
export interface CalciumPhantom {
  /** One CT Image Storage Part 10 file per slice (Rescale Intercept −1024, 16-bit signed). */
  readonly files: readonly Uint8Array[];
  /** The series as an app receives it (sorted along the normal). */
  readonly source: SourceSeries;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly lesions: readonly PhantomLesion[];
  readonly expected: PhantomExpected;
  /** One seed per scored region, in mm. */
  readonly seeds: readonly PhantomSeed[];
  /** The same seeds as (instance number, row, column). */
  readonly pixelSeeds: readonly PhantomPixelSeed[];
}

/** Rows = Columns of the phantom. */
export const CALCIUM_PHANTOM_SIZE = 512;
/** Pixel Spacing of the phantom, mm (field of view 256 mm): a pixel is 0.25 mm². */
export const CALCIUM_PHANTOM_PIXEL_SPACING = 0.5;
const ORIGIN = -((CALCIUM_PHANTOM_SIZE - 1) * CALCIUM_PHANTOM_PIXEL_SPACING) / 2; // -127.75 mm

/**
 * The boxes of the phantom. Hand computation of the expected scores at 3 mm increment
 * (area = pixels × 0.25 mm²; Agatston per slice = area × weight(HU) × 3/3; weights
 * 130–199 → 1, 200–299 → 2, 300–399 → 3, ≥ 400 → 4; volume = area × 3 mm per slice):
 *
 *   LM   250 HU  6×8 = 48 px = 12 mm²,   w 2, slices 8–9   (2): 12·2·2 =  48;  volume 12·3·2 =  72
 *   LAD  450 HU 10×6 = 60 px = 15 mm²,   w 4, slices 11–13 (3): 15·4·3 = 180;  volume 15·3·3 = 135
 *   LAD  180 HU  8×8 = 64 px = 16 mm²,   w 1, slices 16–19 (4): 16·1·4 =  64;  volume 16·3·4 = 192
 *   LCX  320 HU  5×6 = 30 px = 7.5 mm²,  w 3, slices 12–13 (2): 7.5·3·2 = 45;  volume 7.5·3·2 = 45
 *   RCA  600 HU 12×10 = 120 px = 30 mm², w 4, slices 14–16 (3): 30·4·3 = 360;  volume 30·3·3 = 270
 *   RCA  380 HU 10×8 = 80 px = 20 mm²,   w 3, slices 17–18 (2): 20·3·2 = 120;  volume 20·3·2 = 120
 *        (the two RCA boxes overlap in rows 206–211, columns 164–169 between slices 16 and 17:
 *        one 3-D region, one seed, one lesion)
 *
 *   LM 48, LAD 244 (2 lesions), LCX 45, RCA 480, PDA 0; total 817 (risk > 400);
 *   volume LM 72, LAD 327, LCX 45, RCA 390; total 834 mm³.
 *
 * Never scored: an unseeded 500 HU "aortic" calcification (a candidate without artery), the
 * spine (a 700 HU rod in every slice, unseeded), a 120 HU plaque (below 130 HU) and a
 * 3-pixel 400 HU speck (0.75 mm²: below 1 mm², a candidate only in the siemens/canon modes).
 * Every box is at least 5 pixels from any other and from the lungs and spine, so 4- and
 * 8-connectivity find the same components.
 */
export const CALCIUM_PHANTOM_LESIONS: readonly PhantomLesion[] = [
  { label: 'LM', artery: 'LM', region: 'LM', hu: 250, rows: [200, 205], columns: [270, 277], slices: [8, 9] },
  { label: 'LAD proximal', artery: 'LAD', region: 'LAD-1', hu: 450, rows: [180, 189], columns: [300, 305], slices: [11, 13] },
  { label: 'LAD mid', artery: 'LAD', region: 'LAD-2', hu: 180, rows: [170, 177], columns: [320, 327], slices: [16, 19] },
  { label: 'LCX', artery: 'LCX', region: 'LCX', hu: 320, rows: [240, 244], columns: [340, 345], slices: [12, 13] },
  { label: 'RCA proximal', artery: 'RCA', region: 'RCA', hu: 600, rows: [200, 211], columns: [160, 169], slices: [14, 16] },
  { label: 'RCA distal', artery: 'RCA', region: 'RCA', hu: 380, rows: [206, 215], columns: [164, 171], slices: [17, 18] },
  { label: 'aortic wall (unseeded)', region: 'aorta', hu: 500, rows: [150, 155], columns: [230, 235], slices: [5, 6] },
  { label: 'soft plaque (120 HU, below threshold)', region: 'plaque', hu: 120, rows: [260, 267], columns: [280, 287], slices: [20, 22] },
  { label: 'speck (3 pixels, below 1 mm²)', region: 'speck', hu: 400, rows: [280, 280], columns: [300, 302], slices: [25, 25] },
];

/**
 * A non-contrast cardiac-like CT series with calcified lesions of known geometry, for the
 * calcium scoring app: 40 axial slices (default) of 512×512, Pixel Spacing 0.5 mm, 3 mm
 * increment and thickness, 120 kVp, Rescale Slope 1 / Intercept −1024. Body: a 40 HU
 * soft-tissue disc (radius 120 mm) in air, two lungs (−800 HU), the spine (700 HU), and the
 * boxes of {@link CALCIUM_PHANTOM_LESIONS}. Written by the test kit's `testSeries` (real CT
 * Image Storage files). Returns the files, the seeds (one per scored region, at a pixel centre
 * in its middle slice) and the expected scores computed from the geometry (see the hand
 * computation on {@link CALCIUM_PHANTOM_LESIONS}). Deterministic.
 */
export function calciumPhantomSeries(options: CalciumPhantomOptions = {}): CalciumPhantom {
  const slices = options.slices ?? 40;
  const increment = options.increment ?? 3;
  const seed = options.seed ?? 5;
  if (!Number.isInteger(slices) || slices < 26) throw new RangeError(`calciumPhantomSeries: slices must be a whole number ≥ 26, got ${slices}`);
  if (!(Number.isFinite(increment) && increment > 0)) throw new RangeError(`calciumPhantomSeries: increment must be a positive number of mm, got ${increment}`);
  const series = testSeries({
    rows: CALCIUM_PHANTOM_SIZE,
    columns: CALCIUM_PHANTOM_SIZE,
    pixelSpacing: CALCIUM_PHANTOM_PIXEL_SPACING,
    sliceSpacing: increment,
    seed: `calcium-phantom-${seed}`,
    // stored value = HU + 1024, as most CT scanners write it
    images: Array.from({ length: slices }, (_, k) => paintSlice(CALCIUM_PHANTOM_SIZE, CALCIUM_PHANTOM_SIZE, k, options.spine ?? true).map((hu) => hu + 1024)),
    attributes: {
      PatientName: options.patientName ?? 'Calcium^Phantom',
      PatientID: options.patientID ?? `CAC-${seed}`,
      StudyDescription: 'Cardiac calcium scoring phantom',
      SeriesDescription: `Calcium score ${increment} mm non-contrast`,
      BodyPartExamined: 'HEART',
      ProtocolName: 'CARDIAC CALCIUM SCORE',
      ConvolutionKernel: 'STANDARD',
      RescaleIntercept: -1024,
      WindowCenter: 40,
      WindowWidth: 400,
    },
    instance: (k) => {
      const z = k === 0 ? 0 : -k * increment;
      return { ImagePositionPatient: [ORIGIN, ORIGIN, z], SliceLocation: z };
    },
  });
  const { studyInstanceUID, seriesInstanceUID, files, source } = series;
  const seeds: PhantomSeed[] = [];
  const pixelSeeds: PhantomPixelSeed[] = [];
  for (const region of [...new Set(CALCIUM_PHANTOM_LESIONS.filter((l) => l.artery).map((l) => l.region))]) {
    const box = CALCIUM_PHANTOM_LESIONS.find((l) => l.region === region)!;
    const k = Math.floor((box.slices[0] + box.slices[1]) / 2);
    const row = Math.floor((box.rows[0] + box.rows[1]) / 2);
    const column = Math.floor((box.columns[0] + box.columns[1]) / 2);
    const z = -k * increment;
    seeds.push({ artery: box.artery!, at: [ORIGIN + column * CALCIUM_PHANTOM_PIXEL_SPACING, ORIGIN + row * CALCIUM_PHANTOM_PIXEL_SPACING, z === 0 ? 0 : z] });
    pixelSeeds.push({ artery: box.artery!, instanceNumber: k + 1, row, column });
  }
  return { files, source, studyInstanceUID, seriesInstanceUID, lesions: CALCIUM_PHANTOM_LESIONS, expected: expectedScores(increment), seeds, pixelSeeds };
}

/** The expected scores from the box geometry, the Agatston formula and the increment. */
function expectedScores(increment: number): PhantomExpected {
  const zero = (): Record<PhantomArtery, number> => ({ LM: 0, LAD: 0, LCX: 0, RCA: 0, PDA: 0 });
  const perArtery = zero();
  const volumeMm3 = zero();
  const lesions = zero();
  const pixelArea = CALCIUM_PHANTOM_PIXEL_SPACING * CALCIUM_PHANTOM_PIXEL_SPACING;
  const regions = new Set<string>();
  for (const l of CALCIUM_PHANTOM_LESIONS) {
    if (!l.artery) continue;
    const area = (l.rows[1] - l.rows[0] + 1) * (l.columns[1] - l.columns[0] + 1) * pixelArea;
    const sliceCount = l.slices[1] - l.slices[0] + 1;
    perArtery[l.artery] += area * weight(l.hu) * (increment / 3) * sliceCount;
    volumeMm3[l.artery] += area * increment * sliceCount;
    if (!regions.has(l.region)) lesions[l.artery] += 1;
    regions.add(l.region);
  }
  const total = PHANTOM_ARTERIES.reduce((s, a) => s + perArtery[a], 0);
  const totalVolumeMm3 = PHANTOM_ARTERIES.reduce((s, a) => s + volumeMm3[a], 0);
  const riskCategory = total === 0 ? '0' : total <= 10 ? '1-10' : total <= 100 ? '11-100' : total <= 400 ? '101-400' : '>400';
  return { perArtery, total, volumeMm3, totalVolumeMm3, lesions, riskCategory };
}

function weight(hu: number): number {
  return hu < 130 ? 0 : hu < 200 ? 1 : hu < 300 ? 2 : hu < 400 ? 3 : 4;
}

/** Discs (centre x, y in mm, radius mm, HU) painted before the boxes, in order. */
const DISCS: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 120, 40], // body: soft tissue
  [-82, -10, 32, -800], // right lung (patient's right is −x)
  [82, -10, 32, -800], // left lung
  [0, 85, 15, 700], // spine (posterior is +y)
];

/** HU of slice `k`: air, discs, then the boxes present on that slice. */
function paintSlice(rows: number, columns: number, k: number, spine: boolean): Int16Array {
  const out = new Int16Array(rows * columns).fill(-1000);
  for (const [cx, cy, radius, hu] of spine ? DISCS : DISCS.slice(0, -1)) {
    for (let r = 0; r < rows; r++) {
      const dy = ORIGIN + r * CALCIUM_PHANTOM_PIXEL_SPACING - cy;
      for (let c = 0; c < columns; c++) {
        const dx = ORIGIN + c * CALCIUM_PHANTOM_PIXEL_SPACING - cx;
        if (dx * dx + dy * dy <= radius * radius) out[r * columns + c] = hu;
      }
    }
  }
  for (const l of CALCIUM_PHANTOM_LESIONS) {
    if (k < l.slices[0] || k > l.slices[1]) continue;
    for (let r = l.rows[0]; r <= l.rows[1]; r++) out.fill(l.hu, r * columns + l.columns[0], r * columns + l.columns[1] + 1);
  }
  return out;
}
