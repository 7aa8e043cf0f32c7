/** Shapes of the calcium scoring API. Plain numbers only: no DICOM here. */

/** Coronary artery a lesion is attributed to. */
export type Artery = 'LM' | 'LAD' | 'LCX' | 'RCA' | 'PDA';

/**
 * Minimum lesion area rule: 'literature' and 'ge' ≥ 1 mm², 'philips' ≥ 0.5 mm², 'siemens' none (≥ 1 pixel),
 * 'canon' ≥ 3 pixels.
 */
export type MinAreaMode = 'literature' | 'ge' | 'philips' | 'siemens' | 'canon';

/** Where a seed is: patient coordinates (mm) or a pixel of an instance (0-based row/column). */
export type SeedPoint =
  | { readonly at: readonly [number, number, number] }
  | { readonly instanceNumber: number; readonly row: number; readonly column: number };

/**
 * A region of interest bounding what a seed selects: a box or a polygon in the slice plane, in
 * patient mm (x, y) or in pixels (column, row), optionally limited to the slices whose Instance
 * Numbers lie in `slices` (inclusive). A pixel belongs to it when its centre does.
 */
export interface SeedRoi {
  readonly units: 'mm' | 'pixels';
  /** [x0, y0, x1, y1] (mm) or [column0, row0, column1, row1] (pixels), corners inclusive. */
  readonly box?: readonly [number, number, number, number];
  /** At least 3 vertices [x, y] (mm) or [column, row] (pixels). */
  readonly polygon?: readonly (readonly [number, number])[];
  /** First and last Instance Number of the slices it covers. */
  readonly slices?: readonly [number, number];
}

/**
 * A seed: an artery seed selects the 3-D connected calcium containing its point (bounded by
 * its `roi` when given) for that artery; an exclusion seed (`exclude: true`, no artery) removes
 * the calcium it selects from scoring (valve or mitral annulus calcification, bone).
 */
export type Seed = SeedPoint & {
  readonly artery?: Artery;
  readonly exclude?: true;
  readonly roi?: SeedRoi;
};

/** Largest seeded region accepted as a coronary lesion (see `checkPlausibility`). */
export interface PlausibilityLimits {
  /** Largest area of the region on one slice, mm². */
  readonly maxAreaMm2: number;
  /** Largest extent along the slice normal (slices × increment), mm. */
  readonly maxExtentMm: number;
}

/** One axial slice of modality values (HU). */
export interface ScoringSlice {
  readonly sopInstanceUID: string;
  readonly instanceNumber?: number;
  readonly rows: number;
  readonly columns: number;
  /** rows*columns modality values (HU), row-major. */
  readonly hu: ArrayLike<number>;
  /** [row spacing, column spacing] mm. */
  readonly pixelSpacing: readonly [number, number];
  /** Image Position (Patient): centre of the first pixel, mm. */
  readonly position: readonly [number, number, number];
  /** Image Orientation (Patient): row then column direction cosines. */
  readonly orientation: readonly [number, number, number, number, number, number];
}

/** Scoring parameters. */
export interface ScoringParams {
  /** HU, default 130. */
  readonly threshold: number;
  /** In-plane connectivity, default 8. */
  readonly connectivity: 4 | 8;
  /** Default 'literature'. */
  readonly minAreaMode: MinAreaMode;
  /** mg/cm³ per HU; mass not reported without it. */
  readonly calibrationFactor?: number;
  readonly seeds: readonly Seed[];
  /** Default 'slab' (area × increment). */
  readonly volumeMode?: 'slab' | 'isotropic';
  /**
   * The Agatston density bands 200 / 300 / 400 HU multiplied by this (default 1): a
   * kVp-adapted threshold scales them with it (threshold / 130).
   */
  readonly weightScale?: number;
  /** Refuse seeded regions larger than these (default: no check). */
  readonly plausibility?: PlausibilityLimits;
}

/** One 2-D connected component on one slice (a "lesion slice"). */
export interface Lesion2D {
  readonly sliceIndex: number;
  readonly sopInstanceUID: string;
  readonly pixels: number;
  readonly areaMm2: number;
  readonly peakHu: number;
  readonly meanHu: number;
  readonly weight: 1 | 2 | 3 | 4;
  readonly agatston: number;
  readonly volumeMm3: number;
  /** Patient coordinates, mm. */
  readonly centroid: readonly [number, number, number];
  /** [row, column], 0-based, fractional. */
  readonly centroidPixel: readonly [number, number];
  /** Id of its 3-D region (1-based; `regions[region - 1]`). */
  readonly region: number;
  /** From the seed that selected it. */
  readonly artery?: Artery;
  /** Removed from scoring by an exclusion seed. */
  readonly excluded?: true;
  /** row*columns+column of each pixel, ascending. */
  readonly pixelIndices: Int32Array;
}

/** 2-D lesions connected across adjacent slices. */
export interface Region3D {
  /** 1-based id; regions are listed in id order. */
  readonly id: number;
  /** Indices into {@link CalciumScore.lesions}. */
  readonly lesions: readonly number[];
  readonly sliceIndices: readonly number[];
  readonly artery?: Artery;
  readonly excluded?: true;
}

/** Score of one artery. */
export interface ArteryScore {
  readonly artery: Artery;
  readonly agatston: number;
  readonly volumeMm3: number;
  readonly massMg?: number;
  /** Number of 3-D regions assigned to the artery. */
  readonly lesions: number;
}

/** Agatston risk category of a total score. */
export type RiskCategory = '0' | '1-10' | '11-100' | '101-400' | '>400';

/** Result of {@link scoreCalcium}. */
export interface CalciumScore {
  /** mm, from positions along the normal (never Slice Thickness). */
  readonly sliceIncrement: number;
  /** Scored lesions (with an artery), candidates no seed selected, and what exclusion seeds removed. */
  readonly lesions: readonly Lesion2D[];
  readonly regions: readonly Region3D[];
  /** LM, LAD, LCX, RCA, and PDA only when a PDA seed was given. */
  readonly arteries: readonly ArteryScore[];
  readonly total: { readonly agatston: number; readonly volumeMm3: number; readonly massMg?: number; readonly lesions: number };
  readonly riskCategory: RiskCategory;
  /** True when no artery seed was given: nothing is scored, candidates are listed. */
  readonly unverified: boolean;
}
