import { bodyOutline, uniformMuMap } from './body-outline.js';
import { changFactors } from './chang-correction.js';
import { fbp } from './fbp.js';
import type { WindowSpec } from './filter-window.js';
import { gaussianFilter } from './gaussian-filter.js';
import { JosephProjector } from './joseph-projector.js';
import { osem } from './osem.js';
import { prefilterProjections } from './projection-prefilter.js';
import type { ParallelView, Projections, ReconGrid } from './projections.js';

/** How the attenuation map is made. */
export type AttenuationSetting =
  | { readonly kind: 'none' }
  /** A uniform μ inside the body outline found on an uncorrected reconstruction. */
  | { readonly kind: 'outline'; readonly method: 'threshold' | 'ellipse'; readonly threshold: number; readonly muPerPixel: number }
  /** A given map (per pixel of path), e.g. from a CT. */
  | { readonly kind: 'map'; readonly mu: Float32Array };

/** A reconstruction's settings, in pixel units. */
export interface ReconSettings {
  readonly method: 'fbp' | 'osem';
  readonly iterations: number;
  readonly subsets: number;
  /** FBP: the window multiplying the ramp. */
  readonly window: WindowSpec;
  /** A 2-D smoothing of the projections before reconstruction. */
  readonly prefilter?: WindowSpec;
  readonly attenuation: AttenuationSetting;
  /** 3-D Gaussian after reconstruction, FWHM in voxels per axis (column, row, slice); 0 = none. */
  readonly postFilter: readonly [number, number, number];
}

/** A reconstruction and the attenuation map it used. */
export interface ReconOutcome {
  readonly volume: Float32Array;
  readonly mu: Float32Array | undefined;
}

/**
 * One SPECT reconstruction of parallel-beam projections: optional 2-D pre-filter; the attenuation
 * map (none, a uniform μ inside an outline found on an uncorrected FBP, or a given map); FBP (ramp ×
 * window) with first-order Chang correction, or OSEM with attenuation modelled in the projector;
 * optional 3-D Gaussian post-filter. Volumes are in the projectors' layout, in counts per voxel per
 * view (the line integral of the volume across the grid gives back a projection bin).
 */
export function reconstructTomo(
  p: Projections,
  views: readonly ParallelView[],
  grid: ReconGrid,
  s: ReconSettings,
  options: { readonly signal?: AbortSignal; readonly progress?: (fraction: number, message: string) => void; readonly projector?: JosephProjector } = {},
): ReconOutcome {
  const { signal } = options;
  const progress = options.progress ?? (() => {});
  const q = s.prefilter ? prefilterProjections(p, s.prefilter, signal) : p;
  const projector = options.projector ?? new JosephProjector(grid, p.bins, views);
  const mu = attenuationMap(q, views, grid, s.attenuation, signal);
  let volume: Float32Array;
  if (s.method === 'fbp') {
    volume = fbp(q, views, grid, { window: s.window, ...(signal ? { signal } : {}), onView: (done, total) => progress((0.8 * done) / total, `back-projected view ${done} of ${total}`) });
    if (mu) {
      const c = changFactors(projector, mu, signal);
      volume = volume.map((v, i) => v * c[i]!);
      progress(0.9, 'Chang attenuation correction applied');
    }
  } else {
    volume = osem(q, projector, {
      iterations: s.iterations,
      subsets: s.subsets,
      ...(mu ? { mu } : {}),
      ...(signal ? { signal } : {}),
      onSubset: (done, total) => progress((0.9 * done) / total, `OSEM: subset update ${done} of ${total}`),
    });
  }
  if (s.postFilter.some((f) => f > 0)) volume = gaussianFilter(volume, { columns: grid.size, rows: grid.size, slices: grid.slices }, s.postFilter);
  progress(1, 'reconstructed');
  return { volume, mu };
}

function attenuationMap(p: Projections, views: readonly ParallelView[], grid: ReconGrid, a: AttenuationSetting, signal?: AbortSignal): Float32Array | undefined {
  if (a.kind === 'none') return undefined;
  if (a.kind === 'map') return a.mu;
  const first = fbp(p, views, grid, { window: { name: 'hann' }, ...(signal ? { signal } : {}) });
  return uniformMuMap(bodyOutline(first, grid, { method: a.method, threshold: a.threshold }), a.muPerPixel);
}
