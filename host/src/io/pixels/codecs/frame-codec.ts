import type { PixelDescription } from '../pixel-types.js';

/** What a codec's decoder yields: stored samples as little-endian bytes, before High Bit / sign handling. */
export interface DecodedSamples {
  bytes: Uint8Array;
  /** Bytes per sample in `bytes`. */
  width: 1 | 2 | 4;
  /** 1 when `bytes` is color-by-plane. */
  planarConfiguration: 0 | 1;
  /** True when `bytes` holds two samples per pixel (native-style YBR_FULL_422). */
  subsampled422: boolean;
}

/** A codec for one family of transfer syntaxes, registered in the codec registry. */
export interface FrameCodec {
  /** Human-readable name, e.g. `RLE Lossless (own)`. */
  readonly name: string;
  readonly transferSyntaxUIDs: readonly string[];
  /** Decodes one frame's compressed bytes. */
  decode(encoded: Uint8Array, desc: PixelDescription): Promise<DecodedSamples>;
  /**
   * Encodes one frame given as little-endian samples of Bits Allocated width, pixel-interleaved.
   * Absent when the codec cannot encode `transferSyntaxUID`.
   */
  encode?(samples: Uint8Array, desc: PixelDescription, transferSyntaxUID: string): Promise<Uint8Array>;
  /** Which syntaxes `encode` accepts (a subset of `transferSyntaxUIDs`). */
  readonly encodableUIDs?: readonly string[];
  /** The Photometric Interpretation of the decoded samples (e.g. RGB where the decoder converts YCbCr). */
  decodedPhotometricInterpretation(desc: PixelDescription): string;
}
