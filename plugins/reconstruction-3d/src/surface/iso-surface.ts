import { volumeTransform, type Volume } from '@atrium/sdk';
import { CASE_CORNER, CASE_EDGES, CASE_OFFSETS, EDGE_CORNERS } from './marching-cubes-cases.js';
import { MeshBuilder, type Mesh } from './mesh.js';

/** Per cube edge: its axis (0 i, 1 j, 2 k) and the offset of its lower corner. */
const EDGES = EDGE_CORNERS.map(([a, b]) => {
  const low = Math.min(a, b);
  const axis = Math.log2(a ^ b);
  return { axis, dx: low & 1, dy: (low >> 1) & 1, dz: (low >> 2) & 1, low, high: Math.max(a, b) };
});

/** Marching cubes case index of a cube given its inside corners as bits c = i + 2j + 4k. */
const CASE_OF_CORNERS = Uint8Array.from({ length: 256 }, (_, corners) => {
  let index = 0;
  for (let bit = 0; bit < 8; bit++) if (corners & (1 << CASE_CORNER[bit]!)) index |= 1 << bit;
  return index;
});

/** Inside (1) / outside (0) flags of one slice, and per voxel row its first and last transition. */
interface SliceMask {
  readonly inside: Uint8Array;
  /** Per row j: the first i with inside[i] ≠ inside[i + 1] (nx when none). */
  readonly first: Int32Array;
  /** Per row j: the last such i (−1 when none). */
  readonly last: Int32Array;
}

function sliceMask(v: ArrayLike<number>, k: number, nx: number, ny: number, iso: number, into?: SliceMask): SliceMask {
  const mask = into ?? { inside: new Uint8Array(nx * ny), first: new Int32Array(ny), last: new Int32Array(ny) };
  const { inside, first, last } = mask;
  const base = k * nx * ny;
  for (let j = 0; j < ny; j++) {
    const row = j * nx;
    let f = nx, l = -1;
    let previous = (inside[row] = v[base + row]! >= iso ? 1 : 0);
    for (let i = 1; i < nx; i++) {
      const m = (inside[row + i] = v[base + row + i]! >= iso ? 1 : 0);
      if (m !== previous) {
        if (f === nx) f = i - 1;
        l = i - 1;
        previous = m;
      }
    }
    first[j] = f;
    last[j] = l;
  }
  return mask;
}

/**
 * The iso-surface of a volume at `iso` (Atrium's marching cubes, after Lorensen & Cline, with the
 * vtk.js case table): voxels ≥ iso are inside. Built for speed on large CT, after the trimming of
 * VTK's flying edges: inside/outside is computed once per voxel with the first and last
 * inside/outside transition of each voxel row, so a row of cubes is only visited between the
 * transitions of its four voxel rows (not at all when there are none); each cube's case comes
 * from the corner flags; each crossing edge gets one vertex shared by all its cubes (per-slice edge
 * id arrays: the mesh is connected, and closed where the surface closes). Vertices are interpolated
 * linearly along the edge and taken to patient coordinates (mm); triangles wind counter-clockwise
 * seen from outside. `onSlab(k, total)` is called after each slab of cubes, and may throw to cancel.
 */
export function isoSurface(volume: Volume, iso: number, onSlab?: (done: number, total: number) => void): Mesh {
  const [nx, ny, nz] = volume.dimensions;
  const affine = volumeTransform(volume).affine;
  const mesh = new MeshBuilder(affine);
  if (nx < 2 || ny < 2 || nz < 2) return mesh.build();
  const v = volume.voxels;
  const plane = nx * ny;
  // Vertex ids of crossing edges: x and y edges on the slab's two slices, z edges between them.
  let xe0 = new Int32Array(plane).fill(-1), xe1 = new Int32Array(plane).fill(-1);
  let ye0 = new Int32Array(plane).fill(-1), ye1 = new Int32Array(plane).fill(-1);
  const ze = new Int32Array(plane);
  let m0 = sliceMask(v, 0, nx, ny, iso);
  let m1 = sliceMask(v, 1, nx, ny, iso);
  const flip = determinant(affine) < 0;
  // Per cube edge: the voxel offsets of its two corners, and where its vertex id is kept.
  const lowOffset = Int32Array.from(EDGES, (e) => cornerOffset(e.low, nx, plane));
  const highOffset = Int32Array.from(EDGES, (e) => cornerOffset(e.high, nx, plane));
  const idOffset = Int32Array.from(EDGES, (e) => e.dx + nx * e.dy);
  const ids = new Int32Array(12);
  const seen = new Int32Array(12).fill(-1);
  let cubeNumber = 0;
  for (let k = 0; k < nz - 1; k++) {
    if (k > 0) m1 = sliceMask(v, k + 1, nx, ny, iso, m1);
    ze.fill(-1);
    // Vertex id arrays per edge, for this slab: x and y edges on slice k (dz 0) or k + 1, z edges between.
    const stores = EDGES.map((e) => (e.axis === 2 ? ze : e.axis === 0 ? (e.dz === 0 ? xe0 : xe1) : e.dz === 0 ? ye0 : ye1));
    const a = m0.inside, b = m1.inside;
    for (let j = 0; j < ny - 1; j++) {
      const r0 = j * nx, r1 = r0 + nx;
      const endsAgree = (i: number): boolean => a[r0 + i] === a[r1 + i] && a[r0 + i] === b[r0 + i] && a[r0 + i] === b[r1 + i];
      const from = endsAgree(0) ? Math.min(m0.first[j]!, m0.first[j + 1]!, m1.first[j]!, m1.first[j + 1]!) : 0;
      const to = endsAgree(nx - 1) ? Math.max(m0.last[j]!, m0.last[j + 1]!, m1.last[j]!, m1.last[j + 1]!) : nx - 2;
      for (let i = from; i <= to; i++) {
        const p = r0 + i;
        const corners = a[p]! | (a[p + 1]! << 1) | (a[p + nx]! << 2) | (a[p + nx + 1]! << 3) | (b[p]! << 4) | (b[p + 1]! << 5) | (b[p + nx]! << 6) | (b[p + nx + 1]! << 7);
        if (corners === 0 || corners === 255) continue;
        const index = CASE_OF_CORNERS[corners]!;
        const base = p + plane * k;
        cubeNumber++;
        const last = CASE_OFFSETS[index + 1]!;
        for (let n = CASE_OFFSETS[index]!; n < last; n += 3) {
          for (let m = 0; m < 3; m++) {
            const e = CASE_EDGES[n + m]!;
            if (seen[e] === cubeNumber) continue;
            seen[e] = cubeNumber;
            const store = stores[e]!;
            const q = p + idOffset[e]!;
            let id = store[q]!;
            if (id < 0) {
              const va = v[base + lowOffset[e]!]!;
              const t = (iso - va) / (v[base + highOffset[e]!]! - va);
              const edge = EDGES[e]!;
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
    [m0, m1] = [m1, m0];
    onSlab?.(k + 1, nz - 1);
  }
  return mesh.build();
}

/** Offset of corner c (i + 2j + 4k) from the cube's first voxel. */
function cornerOffset(corner: number, nx: number, plane: number): number {
  return (corner & 1) + ((corner >> 1) & 1) * nx + ((corner >> 2) & 1) * plane;
}

function determinant(m: readonly number[]): number {
  return m[0]! * (m[5]! * m[10]! - m[6]! * m[9]!) - m[1]! * (m[4]! * m[10]! - m[6]! * m[8]!) + m[2]! * (m[4]! * m[9]! - m[5]! * m[8]!);
}
