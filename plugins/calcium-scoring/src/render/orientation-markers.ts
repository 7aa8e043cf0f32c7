/** The patient direction shown at each edge of an image. */
export interface OrientationMarkers {
  readonly left: string;
  readonly right: string;
  readonly top: string;
  readonly bottom: string;
}

/** The letter of a patient direction (LPS): its largest component, L/R, P/A or H/F. */
function letter(v: readonly [number, number, number]): string {
  const [x, y, z] = v.map(Math.abs) as [number, number, number];
  if (x >= y && x >= z) return v[0] > 0 ? 'L' : 'R';
  if (y >= z) return v[1] > 0 ? 'P' : 'A';
  return v[2] > 0 ? 'H' : 'F';
}

/**
 * The orientation markers of an image from Image Orientation (Patient) (pure): the right edge
 * lies along the row direction, the bottom edge along the column direction (PS3.3 C.7.6.2.1.1);
 * a standard axial slice gives R left, L right, A top, P bottom.
 */
export function orientationMarkers(o: readonly [number, number, number, number, number, number]): OrientationMarkers {
  const row: [number, number, number] = [o[0], o[1], o[2]];
  const column: [number, number, number] = [o[3], o[4], o[5]];
  const neg = (v: [number, number, number]): [number, number, number] => [-v[0], -v[1], -v[2]];
  return { right: letter(row), left: letter(neg(row)), bottom: letter(column), top: letter(neg(column)) };
}
