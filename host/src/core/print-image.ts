/**
 * An image as a film's image box takes it (PS3.4 Annex H, Basic Grayscale / Color Image Box):
 * greyscale (8 bits, or 12 in 16-bit words) or RGB (8 bits per sample, interleaved), row-major.
 * The render subsystem makes them; the Print SCU sends them.
 */
export interface PrintImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly bits: 8 | 12;
  readonly data: Uint8Array | Uint16Array;
}
