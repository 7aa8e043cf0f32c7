/** A region of interest on a planar image: an ellipse or a polygon, in pixels or millimetres. */
export type RoiSpec =
  | { readonly shape: 'ellipse'; readonly center: readonly [number, number]; readonly radii: readonly [number, number]; readonly angle?: number; readonly units?: 'pixel' | 'mm' }
  | { readonly shape: 'polygon'; readonly points: readonly (readonly [number, number])[]; readonly units?: 'pixel' | 'mm' };

/** A region as pixels: a mask of the image (1 inside) and how many pixels it holds. */
export interface Roi {
  readonly mask: Uint8Array;
  readonly pixels: number;
}

/**
 * Rasterise a region on a `columns × rows` image: the pixels whose centres lie inside (an ellipse's
 * boundary included). Coordinates are
 * [x, y] = [column, row] with (0, 0) the centre of the top-left pixel; in `mm` they are millimetres
 * along the rows and columns from that centre (x / column spacing, y / row spacing). An ellipse has
 * semi-axes `radii` along x and y before a rotation by `angle` degrees (clockwise on the screen, as
 * rows grow downwards). Throws RangeError for a degenerate region.
 */
export function rasterise(spec: RoiSpec, columns: number, rows: number, spacing: readonly [number, number]): Roi {
  const scale = spec.units === 'mm' ? [1 / spacing[1], 1 / spacing[0]] : [1, 1];
  let inside: (x: number, y: number) => boolean;
  if (spec.shape === 'ellipse') {
    const [cx, cy] = [spec.center[0] * scale[0]!, spec.center[1] * scale[1]!];
    const [a, b] = [spec.radii[0] * scale[0]!, spec.radii[1] * scale[1]!];
    if (!(a > 0 && b > 0)) throw new RangeError(`an ellipse needs two positive radii (got ${spec.radii.join(', ')})`);
    const t = ((spec.angle ?? 0) * Math.PI) / 180;
    inside = (x, y) => {
      const dx = x - cx;
      const dy = y - cy;
      const u = dx * Math.cos(t) + dy * Math.sin(t);
      const w = -dx * Math.sin(t) + dy * Math.cos(t);
      return (u / a) ** 2 + (w / b) ** 2 <= 1 + 1e-9;
    };
  } else {
    if (spec.points.length < 3) throw new RangeError(`a polygon needs at least 3 points (got ${spec.points.length})`);
    const points: [number, number][] = spec.points.map((p) => [p[0] * scale[0]!, p[1] * scale[1]!]);
    inside = (x, y) => insidePolygon(points, x, y);
  }
  const mask = new Uint8Array(columns * rows);
  let pixels = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
    if (inside(c, r)) {
      mask[r * columns + c] = 1;
      pixels++;
    }
  }
  return { mask, pixels };
}

/** A region from a mask. */
export function roiOfMask(mask: Uint8Array): Roi {
  let pixels = 0;
  for (const v of mask) pixels += v ? 1 : 0;
  return { mask, pixels };
}

/** Even-odd rule. */
function insidePolygon(poly: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
