import type { Image8 } from './encode-png.js';

/**
 * An 8-bit image scaled to fit within `maxWidth` × `maxHeight`, keeping its aspect ratio
 * (never enlarged): each target pixel is the mean of the source pixels it covers (a box
 * filter, so thumbnails of noisy images are not aliased).
 */
export function scaleImage(image: Image8, maxWidth: number, maxHeight: number): Image8 {
  const { width, height, channels, data } = image;
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  if (scale >= 1) return image;
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++) for (let sx = x0; sx < x1; sx++) sum += data[(sy * width + sx) * channels + c]!;
        out[(y * w + x) * channels + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return { width: w, height: h, channels, data: out };
}
