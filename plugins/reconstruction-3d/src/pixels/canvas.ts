import { plotText, textWidth, type DerivedPixels } from '@atrium/sdk';

/** An 8-bit grey (1 channel) or RGB (3 channels) image to annotate. */
export class Canvas {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly channels: 1 | 3,
    readonly data: Uint8Array = new Uint8Array(width * height * channels),
  ) {}

  /** Set a pixel (clipped to the image); `value` per channel. */
  set(x: number, y: number, value: readonly number[]): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * this.channels;
    for (let c = 0; c < this.channels; c++) this.data[o + c] = value[c] ?? value[0]!;
  }

  /**
   * Burn in `text` with its top-left corner at (x, y), in white on a one-pixel black outline so it
   * reads on any background; `align` right places the text's right edge at x.
   */
  text(text: string, x: number, y: number, scale: number, align: 'left' | 'right' | 'centre' = 'left'): void {
    const w = textWidth(text, { scale });
    const left = align === 'right' ? x - w : align === 'centre' ? x - Math.floor(w / 2) : x;
    const outline = (px: number, py: number): void => {
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) this.set(px + dx, py + dy, [0]);
    };
    plotText(text, left, y, outline, { scale });
    plotText(text, left, y, (px, py) => this.set(px, py, [255]), { scale });
  }

  /** The image as derived pixels (8 bits, MONOCHROME2 or RGB). */
  pixels(): DerivedPixels {
    return { rows: this.height, columns: this.width, samplesPerPixel: this.channels, bitsAllocated: 8, data: this.data };
  }
}

/**
 * Orientation labels in the middle of each edge (left, right, top, bottom; the top one a line
 * down, below the caption line), with a text scale suited to the image size.
 */
export function burnOrientationLabels(canvas: Canvas, labels: { readonly left: string; readonly right: string; readonly top: string; readonly bottom: string }): void {
  const s = labelScale(canvas);
  const mid = Math.floor(canvas.height / 2) - 4 * s;
  canvas.text(labels.left, 4 * s, mid, s);
  canvas.text(labels.right, canvas.width - 4 * s, mid, s, 'right');
  canvas.text(labels.top, Math.floor(canvas.width / 2), 14 * s, s, 'centre');
  canvas.text(labels.bottom, Math.floor(canvas.width / 2), canvas.height - 12 * s, s, 'centre');
}

/** A caption on the first line, at the top left. */
export function burnCaption(canvas: Canvas, text: string): void {
  const s = labelScale(canvas);
  canvas.text(text, 4 * s, 4 * s, s);
}

/** Text scale for an image: 1 up to 256 pixels, 2 up to 768, then 3. */
export function labelScale(canvas: Canvas): number {
  const side = Math.min(canvas.width, canvas.height);
  return side <= 256 ? 1 : side <= 768 ? 2 : 3;
}
