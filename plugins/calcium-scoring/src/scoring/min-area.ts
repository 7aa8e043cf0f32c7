import type { MinAreaMode } from './types.js';

/** Tolerance (mm²) so that e.g. 100 pixels of 0.1 × 0.1 mm count as 1 mm² despite floating-point rounding. */
const AREA_EPSILON = 1e-9;

/**
 * Whether a 2-D component is large enough to be a lesion under a vendor's minimum-area rule:
 * 'literature' and 'ge' ≥ 1 mm², 'philips' ≥ 0.5 mm², 'siemens' no minimum (≥ 1 pixel), 'canon' ≥ 3 pixels.
 */
export function passesMinArea(mode: MinAreaMode, pixels: number, areaMm2: number): boolean {
  switch (mode) {
    case 'literature':
    case 'ge':
      return areaMm2 >= 1 - AREA_EPSILON;
    case 'philips':
      return areaMm2 >= 0.5 - AREA_EPSILON;
    case 'siemens':
      return pixels >= 1;
    case 'canon':
      return pixels >= 3;
  }
}
