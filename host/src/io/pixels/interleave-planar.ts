import type { PixelArray } from './pixel-types.js';

/** Converts color-by-plane samples (`RRR..GGG..BBB..`) to color-by-pixel (`RGBRGB..`); returns a new array of the same type. */
export function interleavePlanar<T extends PixelArray>(planar: T, pixelCount: number, samplesPerPixel: number): T {
  const out = new (planar.constructor as new (n: number) => T)(pixelCount * samplesPerPixel);
  for (let s = 0; s < samplesPerPixel; s++) {
    const plane = s * pixelCount;
    for (let p = 0; p < pixelCount; p++) out[p * samplesPerPixel + s] = planar[plane + p]!;
  }
  return out;
}
