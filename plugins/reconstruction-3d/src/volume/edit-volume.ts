import type { Volume } from '@atrium/sdk';
import { parseVector } from '../geometry/parse-vector.js';
import { clipVolume, parseClipBox, type ClipBox } from './clip-box.js';
import { removeBone } from './remove-bone.js';

/** The volume editing parameters shared by the MIP, rendering and surface apps. */
export interface EditParameters {
  readonly clipBox: string;
  readonly boneSeed: string;
  readonly boneThreshold: number;
}

/** An edited volume and what was done to it (for the result and the derivation description). */
export interface EditedVolume {
  readonly volume: Volume;
  readonly clipBox: ClipBox | undefined;
  /** One line per edit, e.g. `clipped to x -50…50, y …`, `bone removed: 12345 voxels`. */
  readonly edits: readonly string[];
}

/** The volume editing parameters, as the apps declare them. */
export const EDIT_PARAMETERS = {
  clipBox: { type: 'string', default: '', description: 'keep only what lies inside this box: "xmin,xmax,ymin,ymax,zmin,zmax" in patient mm (x to the left, y posterior, z to the head); empty: the whole volume' },
  boneSeed: { type: 'string', default: '', description: 'bone removal: a point "x,y,z" (patient mm) on the bone to remove; the region ≥ boneThreshold connected to it is removed; empty: none' },
  boneThreshold: { type: 'number', default: 200, unit: 'HU', description: 'bone removal threshold (modality units)' },
} as const;

/**
 * Apply the clipping box, then the bone removal, to the volume (copies; the source volume is not
 * changed). Voxels removed take `fill`, the volume's background.
 */
export function editVolume(volume: Volume, params: EditParameters, fill: number): EditedVolume {
  const edits: string[] = [];
  const clipBox = parseClipBox(params.clipBox);
  let edited = volume;
  if (clipBox) {
    edited = clipVolume(edited, clipBox, fill);
    edits.push(`clipped to x ${clipBox.min[0]}…${clipBox.max[0]}, y ${clipBox.min[1]}…${clipBox.max[1]}, z ${clipBox.min[2]}…${clipBox.max[2]} mm`);
  }
  if (params.boneSeed.trim() !== '') {
    const seed = parseVector(params.boneSeed, 'boneSeed');
    const removal = removeBone(edited, seed, params.boneThreshold, fill);
    edited = removal.volume;
    edits.push(`bone removed: ${removal.removed} voxels ≥ ${params.boneThreshold} connected to ${seed.join(',')} mm`);
  }
  return { volume: edited, clipBox, edits };
}
