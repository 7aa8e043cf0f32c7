import type { WindowSpec } from '../recon/filter-window.js';
import type { ReconSettings } from '../recon/reconstruct-tomo.js';
import type { reconParameters } from './recon-parameters.js';
import type { Parameters } from '@atrium/sdk';

/** A frequency in cycles/cm as cycles/pixel for a pixel of `pixelMm`; 0 means the Nyquist frequency (0.5). */
export function cyclesPerPixel(cyclesPerCm: number, pixelMm: number): number {
  return cyclesPerCm > 0 ? (cyclesPerCm * pixelMm) / 10 : 0.5;
}

/**
 * The reconstruction settings of the parameters for projections of `pixel` × `slice` mm: frequencies
 * in cycles/pixel, μ per pixel of path, the post-filter FWHM in voxels. The attenuation map is
 * decided by the caller (`attenuation` here: none or the outline; the CT map is added by the app).
 */
export function reconSettings(params: Parameters<typeof reconParameters>, pixel: number, slice: number): ReconSettings {
  const window: WindowSpec = { name: params.filter, cutoff: cyclesPerPixel(params.cutoff, pixel), order: params.order };
  const prefilter: WindowSpec | undefined = params.prefilter === 'none' ? undefined : { name: params.prefilter, cutoff: cyclesPerPixel(params.prefilterCutoff, pixel), order: params.order };
  const muPerPixel = (params.mu * pixel) / 10;
  return {
    method: params.method,
    iterations: params.iterations,
    subsets: params.subsets,
    window,
    ...(prefilter ? { prefilter } : {}),
    attenuation: params.attenuation === 'threshold' || params.attenuation === 'ellipse' ? { kind: 'outline', method: params.attenuation, threshold: params.outlineThreshold, muPerPixel } : { kind: 'none' },
    postFilter: [params.postFilter / pixel, params.postFilter / pixel, params.postFilter / slice],
  };
}

/** A short description of the method for Series Description (≤ 64 characters) and the page. */
export function methodSummary(params: Parameters<typeof reconParameters>, pixel: number): string {
  const fc = params.cutoff > 0 ? `${params.cutoff}/cm` : `Nyq ${(5 / pixel).toFixed(2)}/cm`;
  const core = params.method === 'osem' ? `OSEM ${params.iterations}i${params.subsets}s` : `FBP ${params.filter}${params.filter === 'butterworth' ? ` n${params.order}` : ''} ${fc}`;
  const pre = params.prefilter === 'none' ? '' : ` pre ${params.prefilter}`;
  const ac = params.attenuation === 'none' ? '' : params.attenuation === 'ct' ? ' AC CT' : ` AC ${params.attenuation} ${params.mu}/cm`;
  const post = params.postFilter > 0 ? ` G${params.postFilter}mm` : '';
  return `SPECT ${core}${pre}${ac}${post}`;
}

/** Convolution Kernel (0018,1210) values (≤ 16 characters each) naming the method. */
export function convolutionKernel(params: Parameters<typeof reconParameters>, pixel: number): string[] {
  if (params.method === 'osem') return ['OSEM', `${params.iterations}IT ${params.subsets}SUB`];
  const fc = cyclesPerPixel(params.cutoff, pixel) * (10 / pixel);
  return ['FBP RAMP', params.filter.toUpperCase().slice(0, 16), `FC ${fc.toFixed(2)}/CM`, ...(params.filter === 'butterworth' ? [`ORDER ${params.order}`] : [])];
}
