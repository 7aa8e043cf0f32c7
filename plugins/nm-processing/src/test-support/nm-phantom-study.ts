import { ctSeries } from './ct-series.js';
import { dynamicRenogram, type SyntheticRenogram } from './dynamic-acquisition.js';
import type { NmObject } from './nm-object.js';
import { gatedPhantom, type GatedPhantom } from './gated-phantom.js';
import { nmStudyIds, phantomUid, type NmStudyIds } from './nm-study-ids.js';
import { spectPhantom } from './spect-phantom.js';
import { tomoAcquisition } from './tomo-acquisition.js';

/** The NM demo study: one patient, one study, one Frame of Reference. */
export interface NmPhantomStudy {
  readonly ids: NmStudyIds;
  /** NM TOMO of the SPECT phantom with uniform attenuation (μ 0.15 /cm in the body), Poisson noise, two heads. */
  readonly tomo: NmObject;
  /** The CT of the same body (water in air), for attenuation correction. */
  readonly ct: readonly NmObject[];
  /** NM GATED TOMO of a beating left ventricle, 8 time slots. */
  readonly gated: NmObject;
  readonly gatedPhantom: GatedPhantom;
  /** NM DYNAMIC renogram with kidneys of known split 40 / 60 and a diuretic at 10 min. */
  readonly renogram: SyntheticRenogram;
  readonly series: { readonly tomo: string; readonly ct: string; readonly gated: string; readonly renogram: string };
  /** The rotation axis (patient x, y) and middle row z of the SPECT acquisitions. */
  readonly axis: readonly [number, number];
  readonly zCenter: number;
}

/**
 * Generate the NM phantom study (project code, no patient data): a SPECT acquisition of the analytic
 * phantom (64 × 40 frames of 4.8 mm, heads at 0° and 180°, 30 views of 6° each, clockwise, attenuated,
 * about 60 000 counts per view), its CT (128 × 128 × 48 of 2.4 × 2.4 × 4 mm), a gated SPECT (48 × 24
 * frames of 6 mm, 2 × 20 views, 8 slots) and a renogram (64 × 64, 90 frames over 21 min).
 */
export function nmPhantomStudy(seed = 1): NmPhantomStudy {
  const ids = nmStudyIds(seed);
  const axis = [10, -20] as const;
  const zCenter = 0;
  const series = { tomo: phantomUid(seed, 'series-tomo'), ct: phantomUid(seed, 'series-ct'), gated: phantomUid(seed, 'series-gated'), renogram: phantomUid(seed, 'series-renogram') };
  const mu = 0.015;
  const phantom = spectPhantom({ mu });
  const tomo = tomoAcquisition({
    ids, phantom, columns: 64, rows: 40, pixel: 4.8, detectors: [0, 180], viewsPerDetector: 30, step: 6, direction: 'CW', axis, zCenter,
    countsPerView: 60_000, noiseSeed: seed, seriesInstanceUID: series.tomo, sopInstanceUID: phantomUid(seed, 'tomo'), seriesNumber: 1,
  });
  const ct = ctSeries({ ids, body: phantom.attenuator!.shape, columns: 128, slices: 48, pixel: 2.4, sliceSpacing: 4, axis, zCenter, seriesInstanceUID: series.ct, seed });
  const gp = gatedPhantom(8);
  const gated = tomoAcquisition({
    ids, phantom: gp.slots, columns: 48, rows: 24, pixel: 6, detectors: [0, 180], viewsPerDetector: 20, step: 9, direction: 'CW', axis, zCenter,
    countsPerView: 200_000, noiseSeed: seed + 1, seriesInstanceUID: series.gated, sopInstanceUID: phantomUid(seed, 'gated'), seriesNumber: 2,
  });
  const renogram = dynamicRenogram({ ids, seriesInstanceUID: series.renogram, sopInstanceUID: phantomUid(seed, 'renogram'), noiseSeed: seed + 2, scale: 2 });
  return { ids, tomo, ct, gated, gatedPhantom: gp, renogram, series, axis, zCenter };
}
