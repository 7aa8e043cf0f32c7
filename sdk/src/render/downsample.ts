/** Samples of any numeric type (modality values, stored values), row by row: one sample per pixel. */
export interface SampleGrid {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/** The largest size with the aspect ratio of `width × height` that fits in `box × box` (at least 1×1). */
export function fitInside(width: number, height: number, box: number): { readonly width: number; readonly height: number } {
  const scale = Math.min(box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Resample `src` to `width × height` by area averaging: each output pixel is the mean of the
 * source pixels of its box (`[⌊x·sw/w⌋, ⌊(x+1)·sw/w⌋)`, at least one pixel, so enlarging
 * repeats pixels).
 */
export function downsample(src: SampleGrid, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const xs = boxEdges(src.width, width);
  const ys = boxEdges(src.height, height);
  for (let y = 0; y < height; y++) {
    const [y0, y1] = ys[y]!;
    for (let x = 0; x < width; x++) {
      const [x0, x1] = xs[x]!;
      let sum = 0;
      for (let sy = y0; sy < y1; sy++) for (let sx = x0; sx < x1; sx++) sum += src.data[sy * src.width + sx]!;
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

function boxEdges(from: number, to: number): (readonly [number, number])[] {
  return Array.from({ length: to }, (_, i) => {
    const a = Math.min(from - 1, Math.floor((i * from) / to));
    return [a, Math.max(a + 1, Math.floor(((i + 1) * from) / to))] as const;
  });
}
