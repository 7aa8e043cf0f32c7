import { describe, expect, it } from 'vitest';
import { SdkError } from '@atrium/sdk';
import { analyticVolume, softBall } from '../test-support/analytic-volume.js';
import { coarserGrid } from './coarser-grid.js';
import { editVolume } from './edit-volume.js';

const grid = { dimensions: [30, 30, 30] as const, spacing: [1, 1, 1] as const, origin: [-14.5, -14.5, -14.5] as const };
/** A bone ball and a separate vessel ball (300 HU) in water. */
const value = (x: number, y: number, z: number) => Math.max(softBall([-6, 0, 0], 4, 1000, 0)(x, y, z), softBall([7, 0, 0], 3, 300, 0)(x, y, z));
const volume = analyticVolume(grid, value, true);
const count = (v: ArrayLike<number>, above: number) => Array.from(v).filter((x) => x > above).length;

describe('volume editing', () => {
  it('removes the bone region connected to the seed (with its rim) and leaves the rest', () => {
    const { volume: edited, edits } = editVolume(volume, { clipBox: '', boneSeed: '-6,0,0', boneThreshold: 200 }, -1000);
    expect(count(edited.voxels, 500)).toBe(0);
    expect(count(edited.voxels, 250)).toBeGreaterThan(50); // the vessel ball stays
    expect(edits[0]).toMatch(/^bone removed: \d+ voxels ≥ 200 connected to -6,0,0 mm$/);
  });

  it('clips to a box, and refuses a seed outside the volume or below the threshold', () => {
    const { volume: clipped } = editVolume(volume, { clipBox: '0,20,-20,20,-20,20', boneSeed: '', boneThreshold: 200 }, -1000);
    expect(count(clipped.voxels, 500)).toBe(0);
    expect(count(clipped.voxels, 250)).toBeGreaterThan(50);
    const code = (f: () => unknown) => { try { f(); return undefined; } catch (e) { return (e as SdkError).code; } };
    expect(code(() => editVolume(volume, { clipBox: '', boneSeed: '100,0,0', boneThreshold: 200 }, -1000))).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(code(() => editVolume(volume, { clipBox: '', boneSeed: '0,10,0', boneThreshold: 200 }, -1000))).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(code(() => editVolume(volume, { clipBox: '5,1,0,1,0,1', boneSeed: '', boneThreshold: 200 }, -1000))).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(code(() => editVolume(volume, { clipBox: '100,101,0,1,0,1', boneSeed: '', boneThreshold: 200 }, -1000))).toBe('ATRIUM_ERR_PARAM_INVALID');
  });

  it('draws on a coarser grid of the same extent and Frame of Reference', () => {
    const coarse = coarserGrid(volume, 10);
    expect(coarse.dimensions).toEqual([10, 10, 10]);
    expect(coarse.spacing).toEqual([3, 3, 3]);
    expect(coarse.origin).toEqual([-13.5, -13.5, -13.5]); // 10 voxels of 3 mm centred on the 30 of 1 mm
    expect(coarse.frameOfReferenceUID).toBe(volume.frameOfReferenceUID);
    expect(coarse.voxels).toBeInstanceOf(Int16Array);
    expect(coarserGrid(volume, 64)).toBe(volume);
  });
});
