import { volumeTransform, type Volume } from '@atrium/sdk';
import { CASE_CORNER, CASE_EDGES, CASE_OFFSETS, EDGE_CORNERS } from './marching-cubes-cases.js';
import { MeshBuilder, type Mesh } from './mesh.js';

/** Per cube edge: its axis (0 i, 1 j, 2 k) and the offset of its lower corner. */
const EDGES = EDGE_CORNERS.map(([a, b]) => {
  const low = Math.min(a, b);
  const axis = Math.log2(a ^ b);
  return { axis, dx: low & 1, dy: (low >> 1) & 1, dz: (low >> 2) & 1, low, high: Math.max(a, b) };
});

/**
 * The iso-surface of a volume at `iso` (Atrium's marching cubes, after Lorensen & Cline, with the
 * vtk.js case table): voxels ≥ iso are inside. Built for speed on large CT: inside/outside is
 * computed once per voxel, rows of cubes whose four voxel rows lie all inside or all outside are
 * skipped without looking at their cubes, and each crossing edge gets one vertex shared by all its
 * cubes (per-slice edge id arrays, so the mesh is connected and watertight where the surface
 * closes). Vertex positions are interpolated linearly along the edge and taken to patient
 * coordinates (mm); triangles wind counter-clockwise seen from outside (from below the iso-value).
 * `onSlab(k, total)` is called after each slab of cubes, and may throw to cancel.
 */
export function isoSurface(volume: Volume, iso: number, onSlab?: (done: number, total: number) => void): Mesh {
  const [nx, ny, nz] = volume.dimensions;
  const affine = volumeTransform(volume).affine;
  const mesh = new MeshBuilder(affine);
  if (nx < 2 || ny < 2 || nz < 2) return mesh.build();
  const v = volume.voxels;
  const plane = nx * ny;
  const insideRows = (k: number): Int32Array => {
    const counts = new Int32Array(ny);
    for (let j = 0; j < ny; j++) {
      let n = 0;
      const row = k * plane + j * nx;
      for (let i = 0; i < nx; i++) if (v[row + i]! >= iso) n++;
      counts[j] = n;
    }
    return counts;
  };
  // Vertex ids of crossing edges: x and y edges on the slab's two slices, z edges between them.
  let xe0 = new Int32Array(plane).fill(-1), xe1 = new Int32Array(plane).fill(-1);
  let ye0 = new Int32Array(plane).fill(-1), ye1 = new Int32Array(plane).fill(-1);
  const ze = new Int32Array(plane);
  let rows0 = insideRows(0);
  const corner = new Float64Array(8);
  const ids = new Int32Array(12);
  const flip = determinant(affine) < 0;
  for (let k = 0; k < nz - 1; k++) {
    const rows1 = insideRows(k + 1);
    ze.fill(-1);
    const base0 = k * plane, base1 = base0 + plane;
    for (let j = 0; j < ny - 1; j++) {
      const a = rows0[j]!, b = rows0[j + 1]!, c = rows1[j]!, d = rows1[j + 1]!;
      if ((a === 0 && b === 0 && c === 0 && d === 0) || (a === nx && b === nx && c === nx && d === nx)) continue;
      for (let i = 0; i < nx - 1; i++) {
        const p = j * nx + i;
        corner[0] = v[base0 + p]!; corner[1] = v[base0 + p + 1]!; corner[2] = v[base0 + p + nx]!; corner[3] = v[base0 + p + nx + 1]!;
        corner[4] = v[base1 + p]!; corner[5] = v[base1 + p + 1]!; corner[6] = v[base1 + p + nx]!; corner[7] = v[base1 + p + nx + 1]!;
        let index = 0;
        for (let bit = 0; bit < 8; bit++) if (corner[CASE_CORNER[bit]!]! >= iso) index |= 1 << bit;
        const from = CASE_OFFSETS[index]!, to = CASE_OFFSETS[index + 1]!;
        if (from === to) continue;
        ids.fill(-1);
        for (let n = from; n < to; n += 3) {
          for (let m = 0; m < 3; m++) {
            const e = CASE_EDGES[n + m]!;
            if (ids[e]! >= 0) continue;
            const edge = EDGES[e]!;
            const q = (i + edge.dx) + nx * (j + edge.dy);
            const store = edge.axis === 2 ? ze : edge.axis === 0 ? (edge.dz === 0 ? xe0 : xe1) : edge.dz === 0 ? ye0 : ye1;
            let id = store[q]!;
            if (id < 0) {
              const va = corner[edge.low]!, vb = corner[edge.high]!;
              const t = (iso - va) / (vb - va);
              id = mesh.vertex(i + edge.dx + (edge.axis === 0 ? t : 0), j + edge.dy + (edge.axis === 1 ? t : 0), k + edge.dz + (edge.axis === 2 ? t : 0));
              store[q] = id;
            }
            ids[e] = id;
          }
          const e0 = ids[CASE_EDGES[n]!]!, e1 = ids[CASE_EDGES[n + 1]!]!, e2 = ids[CASE_EDGES[n + 2]!]!;
          if (flip) mesh.triangle(e0, e2, e1);
          else mesh.triangle(e0, e1, e2);
        }
      }
    }
    [xe0, xe1] = [xe1, xe0.fill(-1)];
    [ye0, ye1] = [ye1, ye0.fill(-1)];
    rows0 = rows1;
    onSlab?.(k + 1, nz - 1);
  }
  return mesh.build();
}

function determinant(m: readonly number[]): number {
  return m[0]! * (m[5]! * m[10]! - m[6]! * m[9]!) - m[1]! * (m[4]! * m[10]! - m[6]! * m[8]!) + m[2]! * (m[4]! * m[9]! - m[5]! * m[8]!);
}
