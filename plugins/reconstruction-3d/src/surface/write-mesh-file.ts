import { resolve } from 'node:path';
import { writeMeshNode } from '@itk-wasm/mesh-io';
import { SdkError } from '@atrium/sdk';
import { reconstructionErrors } from '../reconstruction-errors.js';
import type { Mesh } from './mesh.js';

/**
 * Write a mesh as an STL or OBJ file with ITK's mesh IO (@itk-wasm/mesh-io, chosen by the
 * extension; coordinates in patient mm). Only `.stl` and `.obj` paths are written, so the
 * parameter can never name a DICOM file or a folder. Returns the absolute path. Throws SdkError
 * ATRIUM_ERR_PARAM_INVALID for another extension, ATRIUM_ERR_MESH_FILE when the file cannot be written.
 */
export async function writeMeshFile(mesh: Mesh, path: string): Promise<string> {
  const extension = meshFileKind(path);
  const target = resolve(path);
  const triangles = mesh.triangles.length / 3;
  const cells = new Uint32Array(triangles * 5);
  for (let t = 0; t < triangles; t++) {
    // ITK cell buffer: cell type (2: triangle), number of points, the points.
    cells.set([2, 3, mesh.triangles[3 * t]!, mesh.triangles[3 * t + 1]!, mesh.triangles[3 * t + 2]!], 5 * t);
  }
  const itkMesh = {
    meshType: { dimension: 3, pointComponentType: 'float32', pointPixelComponentType: 'int8', pointPixelType: 'Scalar', pointPixelComponents: 0, cellComponentType: 'uint32', cellPixelComponentType: 'int8', cellPixelType: 'Scalar', cellPixelComponents: 0 },
    name: 'iso-surface',
    numberOfPoints: mesh.positions.length / 3,
    points: mesh.positions,
    numberOfPointPixels: 0,
    pointData: null,
    numberOfCells: triangles,
    cells,
    cellBufferSize: cells.length,
    numberOfCellPixels: 0,
    cellData: null,
  };
  try {
    await writeMeshNode(itkMesh as unknown as Parameters<typeof writeMeshNode>[0], target, { binaryFileType: extension === 'stl' });
  } catch (e) {
    throw reconstructionErrors.error('ATRIUM_ERR_MESH_FILE', `cannot write the mesh to ${target}: ${(e as Error).message}`, { path: target });
  }
  return target;
}

/**
 * The kind of mesh file a path names, by its extension: `stl` or `obj`. Throws SdkError
 * ATRIUM_ERR_PARAM_INVALID naming the parameter `meshFile` for any other path (checked before
 * the app writes anything).
 */
export function meshFileKind(path: string): 'stl' | 'obj' {
  const extension = /\.(stl|obj)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension !== 'stl' && extension !== 'obj') throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "meshFile" must end in .stl or .obj (got ${JSON.stringify(path)})`, { parameter: 'meshFile' });
  return extension;
}
