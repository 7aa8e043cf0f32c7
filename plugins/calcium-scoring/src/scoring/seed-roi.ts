import type { SliceGeometry } from './slice-geometry.js';
import type { SeedRoi } from './types.js';

/** Whether the centre of pixel (row, column) of a slice lies in a region of interest. */
export type RoiTest = (sliceIndex: number, row: number, column: number) => boolean;

const EPS = 1e-6;

/**
 * The test of a seed's region of interest (pure): the pixel centre inside the box (corners
 * inclusive) or the polygon (even-odd rule), in patient mm (x, y of the pixel centre, from
 * the slice's Image Position and Orientation) or in pixels (column, row); and, with `slices`,
 * on a slice whose Instance Number lies in that range.
 */
export function roiTest(roi: SeedRoi, geometry: Pick<SliceGeometry, 'toPatient'>, instanceNumbers: readonly (number | undefined)[]): RoiTest {
  const [first, last] = roi.slices ?? [-Infinity, Infinity];
  const inPlane = planeTest(roi);
  return (sliceIndex, row, column) => {
    const n = instanceNumbers[sliceIndex];
    if (roi.slices !== undefined && (n === undefined || n < Math.min(first, last) || n > Math.max(first, last))) return false;
    if (roi.units === 'pixels') return inPlane(column, row);
    const [x, y] = geometry.toPatient(sliceIndex, row, column);
    return inPlane(x, y);
  };
}

function planeTest(roi: SeedRoi): (x: number, y: number) => boolean {
  if (roi.box !== undefined) {
    const [a, b, c, d] = roi.box;
    const [x0, x1, y0, y1] = [Math.min(a, c), Math.max(a, c), Math.min(b, d), Math.max(b, d)];
    return (x, y) => x >= x0 - EPS && x <= x1 + EPS && y >= y0 - EPS && y <= y1 + EPS;
  }
  const polygon = roi.polygon ?? [];
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const [xi, yi] = polygon[i]!;
      const [xj, yj] = polygon[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}
