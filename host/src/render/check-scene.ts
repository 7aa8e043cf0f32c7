import type { Scene } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';

/** Largest image side and number of cameras of one scene. */
export const MAX_IMAGE_SIZE = 2048;
export const MAX_CAMERAS = 720;

/**
 * Check a scene before it reaches the browser: image size, cameras (finite vectors, a view up not
 * along the view direction, a positive scale), the volume's voxel count and transfer function
 * (two or more points in increasing value order, colours and opacities in 0–1), meshes (whole
 * triangles, indices within the vertices), the clipping box (min below max). Throws AtriumError
 * ATRIUM_ERR_RENDER_SCENE naming the first problem.
 */
export function checkScene(scene: Scene): void {
  const cameras = scene.cameras;
  const fail = (why: string): never => {
    throw new AtriumError('ATRIUM_ERR_RENDER_SCENE', `the scene cannot be rendered: ${why}`);
  };
  for (const [name, v] of [['width', scene.width], ['height', scene.height]] as const) {
    if (!Number.isInteger(v) || v < 16 || v > MAX_IMAGE_SIZE) fail(`${name} must be a whole number from 16 to ${MAX_IMAGE_SIZE} (got ${v})`);
  }
  if (cameras.length < 1 || cameras.length > MAX_CAMERAS) fail(`it needs 1 to ${MAX_CAMERAS} cameras (got ${cameras.length})`);
  cameras.forEach((c, i) => {
    const vectors = [c.focalPoint, c.position, c.viewUp];
    if (vectors.some((v) => v.length !== 3 || v.some((x) => !Number.isFinite(x))) || !(c.parallelScale > 0)) fail(`camera ${i + 1} needs finite focal point, position and view up, and a positive parallel scale`);
    const d = [0, 1, 2].map((a) => c.focalPoint[a]! - c.position[a]!);
    const len = Math.hypot(d[0]!, d[1]!, d[2]!);
    const up = Math.hypot(...c.viewUp);
    if (len === 0 || up === 0 || Math.abs(d[0]! * c.viewUp[0] + d[1]! * c.viewUp[1] + d[2]! * c.viewUp[2]) / (len * up) > 0.999) fail(`camera ${i + 1}: the view up must not be along the view direction`);
  });
  const v = scene.volume;
  if (v) {
    const [nx, ny, nz] = v.grid.dimensions;
    if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 1) || v.voxels.length !== nx * ny * nz) fail(`the volume has ${v.voxels.length} voxels for dimensions ${v.grid.dimensions.join('×')}`);
    if (!(v.voxels instanceof Int16Array || v.voxels instanceof Float32Array)) fail('voxels must be an Int16Array or a Float32Array');
    if (v.transfer.length < 2) fail('the transfer function needs at least two points');
    v.transfer.forEach((p, i) => {
      if (!Number.isFinite(p.value) || (i > 0 && p.value <= v.transfer[i - 1]!.value)) fail(`transfer point ${i + 1}: values must increase`);
      if (![...p.colour, p.opacity].every((x) => Number.isFinite(x) && x >= 0 && x <= 1)) fail(`transfer point ${i + 1}: colour and opacity must be within 0–1`);
    });
  }
  (scene.surfaces ?? []).forEach((s, i) => {
    const vertices = s.positions.length / 3;
    if (!Number.isInteger(vertices) || s.triangles.length % 3 !== 0) fail(`surface ${i + 1}: positions and triangles must come in threes`);
    for (let t = 0; t < s.triangles.length; t++) if (s.triangles[t]! >= vertices) fail(`surface ${i + 1}: triangle ${Math.floor(t / 3) + 1} names vertex ${s.triangles[t]} of ${vertices}`);
  });
  const box = scene.clipBox;
  if (box && ![0, 1, 2].every((a) => Number.isFinite(box.min[a]!) && Number.isFinite(box.max[a]!) && box.min[a]! < box.max[a]!)) fail('the clipping box needs min below max on every axis');
}
