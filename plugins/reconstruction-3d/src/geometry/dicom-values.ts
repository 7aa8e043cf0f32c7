import type { Vec3 } from '@atrium/sdk';

/** A coordinate for Image Position (Patient): rounded to 1 µm (no float noise in the DS text). */
export function point(p: Vec3): number[] {
  return [decimal(p[0]), decimal(p[1]), decimal(p[2])];
}

/** A direction cosine for Image Orientation (Patient): rounded to 1e-9 (0 instead of 6e-17). */
export function direction(v: Vec3): number[] {
  return v.map((x) => Math.round(x * 1e9) / 1e9 + 0);
}

/** A length or position rounded to 1 µm. */
export function decimal(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0;
}
