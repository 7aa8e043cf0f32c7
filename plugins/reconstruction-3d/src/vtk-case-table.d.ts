// vtk.js ships no typings for its marching cubes case table.
declare module '@kitware/vtk.js/Filters/General/ImageMarchingCubes/caseTable.js' {
  const caseTable: {
    /** The triangles of case `index` as cube edge ids, ending with −1 (16 entries). */
    getCase(index: number): readonly number[];
    /** The two corners (i + 2j + 4k numbering) of cube edge `id`. */
    getEdge(id: number): readonly [number, number];
  };
  export default caseTable;
}
