import { describe, expect, it } from 'vitest';
import type { Scene } from '@atrium/sdk';
import { checkScene } from './check-scene.js';

const camera = { focalPoint: [0, 0, 0], position: [0, -100, 0], viewUp: [0, 0, 1], parallelScale: 10 } as const;
const grid = { dimensions: [2, 2, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], frameOfReferenceUID: undefined } as const;
const transfer = [{ value: 0, colour: [0, 0, 0], opacity: 0 }, { value: 1, colour: [1, 1, 1], opacity: 1 }] as const;
const scene: Scene = { width: 32, height: 32, cameras: [camera], volume: { grid, voxels: new Int16Array(8), blend: 'composite', transfer } };
const problem = (s: Scene): string | undefined => {
  try {
    checkScene(s);
    return undefined;
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
};

describe('checkScene', () => {
  it('accepts a drawable scene', () => expect(problem(scene)).toBeUndefined());

  it.each<[string, Scene, string]>([
    ['a tiny image', { ...scene, width: 8 }, 'width must be a whole number from 16 to 2048'],
    ['no camera', { ...scene, cameras: [] }, 'it needs 1 to 720 cameras'],
    ['a view up along the view', { ...scene, cameras: [{ ...camera, viewUp: [0, 1, 0] }] }, 'the view up must not be along the view direction'],
    ['a camera at its focal point', { ...scene, cameras: [{ ...camera, position: [0, 0, 0] }] }, 'the view up must not be along the view direction'],
    ['too few voxels', { ...scene, volume: { ...scene.volume!, voxels: new Int16Array(7) } }, 'the volume has 7 voxels for dimensions 2×2×2'],
    ['a transfer going back', { ...scene, volume: { ...scene.volume!, transfer: [transfer[1], transfer[0]] } }, 'transfer point 2: values must increase'],
    ['an opacity above 1', { ...scene, volume: { ...scene.volume!, transfer: [transfer[0], { ...transfer[1], opacity: 2 }] } }, 'colour and opacity must be within 0–1'],
    ['a triangle naming no vertex', { ...scene, surfaces: [{ positions: new Float32Array(9), triangles: Uint32Array.of(0, 1, 3), colour: [1, 1, 1] }] }, 'triangle 1 names vertex 3 of 3'],
    ['an inverted clipping box', { ...scene, clipBox: { min: [0, 0, 0], max: [1, -1, 1] } }, 'min below max'],
  ])('refuses %s', (_, s, why) => {
    const p = problem(s);
    expect(p).toMatch(/^ATRIUM_ERR_RENDER_SCENE: /);
    expect(p).toContain(why);
  });
});
