import { defineApp, SdkError, type Volume } from '@atrium/sdk';
import { decimal } from '../../geometry/dicom-values.js';
import { isoSurface } from '../../surface/iso-surface.js';
import { meshMeasures } from '../../surface/mesh.js';
import { encodeStl } from '../../surface/stl-encoding.js';
import { meshFileKind, writeMeshFile } from '../../surface/write-mesh-file.js';
import { editVolume } from '../../volume/edit-volume.js';
import { backgroundOf, loadVolume } from '../../volume/load-volume.js';
import { SCORE3D_LOAD } from '../score3d-load-spec.js';
import { surfaceOutputs } from './surface-outputs.js';
import { surfaceParameters } from './surface-parameters.js';

/**
 * Surface export: the iso-surface of a CT or MR volume at a value (Atrium's marching cubes; a
 * clipping box and bone removal applied first, the surface closing at the box) → an Encapsulated
 * STL object (Modality M3D, the source's Frame of Reference, coordinates in mm) in the source
 * study, and on request the mesh as an STL or OBJ file.
 */
export const surfaceApp = defineApp({
  id: 'surface',
  load: SCORE3D_LOAD,
  parameters: surfaceParameters,
  outputs: surfaceOutputs,
  async run(ctx, input, params) {
    // A mesh file that cannot be written is refused before any work, not after the model is stored.
    if (params.meshFile.trim() !== '') meshFileKind(params.meshFile);
    const loaded = await loadVolume(ctx, input, params.unevenSpacing, 0.4);
    const { volume, edits } = editVolume(loaded, params, backgroundOf(loaded));
    const mesh = isoSurface(volume, params.isoValue, (done, total) => {
      ctx.signal.throwIfAborted();
      ctx.progress(0.4 + (0.4 * done) / total, 'iso-surface');
    });
    const m = meshMeasures(mesh);
    if (m.triangles === 0) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "isoValue": no surface at ${[params.isoValue, volume.unit].filter((x) => x !== undefined).join(' ')} in the volume (values ${range(volume)})`, { parameter: 'isoValue' });
    const title = `Iso-surface at ${decimal(params.isoValue)} ${volume.unit ?? ''}`.trimEnd();
    const stl = encodeStl(mesh, `Atrium ${title}, patient coordinates (LPS) in mm`);
    await ctx.derive.write('surface', {
      sources: input.instances,
      burnedInAnnotation: false,
      content: {
        Modality: 'M3D',
        DocumentTitle: title,
        MIMETypeOfEncapsulatedDocument: 'model/stl',
        EncapsulatedDocument: stl,
        // CID 7063 "Unit of Measure for Manufacturing 3D Model": the coordinates are patient mm.
        MeasurementUnitsCodeSequence: [{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'mm' }],
        SeriesDescription: `${title}${edits.length > 0 ? ', edited' : ''}`,
      },
    });
    ctx.progress(0.9, 'surface stored');
    const file = params.meshFile.trim() === '' ? undefined : await writeMeshFile(mesh, params.meshFile);
    ctx.progress(1, file ? `mesh written to ${file}` : 'done');
    return {
      summary: `${m.triangles} triangles, ${m.vertices} vertices, enclosed volume ${decimal(m.volumeMm3 / 1000)} cm3, bounds ${m.min.map(decimal).join(',')} to ${m.max.map(decimal).join(',')} mm${file ? `; mesh file ${file}` : ''}`,
      data: { triangles: m.triangles, vertices: m.vertices, volumeMm3: m.volumeMm3, areaMm2: m.areaMm2, min: m.min, max: m.max, stlBytes: stl.length, edits, ...(file ? { meshFile: file } : {}) },
    };
  },
});

/** The smallest and largest voxel value, for the message of an iso-value that meets nothing. */
function range(volume: Volume): string {
  let lo = Infinity, hi = -Infinity;
  for (const v of volume.voxels) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return `${lo}…${hi}`;
}
