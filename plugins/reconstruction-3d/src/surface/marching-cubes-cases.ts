import caseTable from '@kitware/vtk.js/Filters/General/ImageMarchingCubes/caseTable.js';

/**
 * The marching cubes case table (Lorensen & Cline), taken from vtk.js's ImageMarchingCubes
 * rather than retyped: for each of the 256 inside/outside patterns of a cube's corners, the
 * triangles as triples of cube edges. Corners are numbered i + 2j + 4k (bit 0 along i, bit 1 along
 * j, bit 2 along k); bit b of the case index is set when corner CASE_CORNER[b] is inside.
 */
export const CASE_CORNER = [0, 1, 3, 2, 4, 5, 7, 6] as const;

/** Cube edge e joins corners EDGE_CORNERS[e] (corner numbering as {@link CASE_CORNER}). */
export const EDGE_CORNERS: readonly (readonly [number, number])[] = Array.from({ length: 12 }, (_, e) => caseTable.getEdge(e));

/**
 * Per case, the triangles' edges, flattened (a multiple of 3), packed in one array:
 * case c uses CASE_EDGES[CASE_OFFSETS[c] … CASE_OFFSETS[c + 1]).
 */
export const { CASE_EDGES, CASE_OFFSETS } = (() => {
  const edges: number[] = [];
  const offsets = new Int32Array(257);
  for (let c = 0; c < 256; c++) {
    offsets[c] = edges.length;
    const list = caseTable.getCase(c);
    for (let n = 0; n < list.length && list[n]! >= 0; n++) edges.push(list[n]!);
  }
  offsets[256] = edges.length;
  return { CASE_EDGES: Int8Array.from(edges), CASE_OFFSETS: offsets };
})();
