/**
 * Plain-data inputs and outputs of the pixel layer. Nothing here depends on the Part 10
 * parser: callers copy the image pixel attributes (PS3.3 C.7.6.3) into a
 * {@link PixelDescription} and hand over the Pixel Data value as a {@link PixelDataSource}.
 */

/** A Palette Color Lookup Table Descriptor (0028,1101-1103): entries (0 = 65536), first mapped value, bits per entry. */
export type PaletteDescriptor = readonly [number, number, number];

/** The image pixel attributes the pixel layer needs, keyword-for-keyword as in PS3.3 C.7.6.3. */
export interface PixelDescription {
  /** Transfer Syntax UID (0002,0010) of the file the Pixel Data came from. */
  transferSyntaxUID: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  photometricInterpretation: string;
  planarConfiguration?: 0 | 1;
  /** Number of Frames (0028,0008); 1 when absent. */
  numberOfFrames: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** Red/Green/Blue Palette Color Lookup Table Descriptor (0028,1101-1103). */
  redPaletteDescriptor?: PaletteDescriptor;
  greenPaletteDescriptor?: PaletteDescriptor;
  bluePaletteDescriptor?: PaletteDescriptor;
  /** Red/Green/Blue Palette Color Lookup Table Data (0028,1201-1203), raw little-endian bytes. */
  redPaletteData?: Uint8Array;
  greenPaletteData?: Uint8Array;
  bluePaletteData?: Uint8Array;
  /**
   * Segmented Red/Green/Blue Palette Color Lookup Table Data (0028,1221-1223), raw
   * little-endian 16-bit words (PS3.3 C.7.9.2). Used when the plain data is absent.
   */
  redSegmentedPaletteData?: Uint8Array;
  greenSegmentedPaletteData?: Uint8Array;
  blueSegmentedPaletteData?: Uint8Array;
}

/** The Pixel Data (7FE0,0010) value, either native or encapsulated (PS3.5 A.4). */
export type PixelDataSource =
  | {
      kind: 'native';
      /**
       * The value as stored (big-endian when `bigEndian`): the whole of it, or, with
       * `byteOffset`, the part of it read from a file that holds the frame asked for.
       */
      bytes: Uint8Array;
      /** Where `bytes` starts in the value (a multiple of 8); default 0. */
      byteOffset?: number;
      /** Length of the whole value when `bytes` is a part of it; default `bytes.length`. */
      valueLength?: number;
      /** Explicit VR Big Endian transfer syntax. */
      bigEndian: boolean;
      /** VR of Pixel Data; matters only for byte swapping of 8-bit data in big endian. */
      vr: 'OB' | 'OW';
    }
  | {
      kind: 'encapsulated';
      /** The fragment values, in order, without item headers or padding removal: in memory, or read from a file when asked for. */
      fragments: readonly FragmentBytes[];
      /** Basic Offset Table item values (may be empty). */
      basicOffsetTable: readonly number[];
      /** Extended Offset Table (7FE0,0001), when present; takes precedence over the Basic Offset Table. */
      extendedOffsetTable?: readonly number[];
    };

/**
 * The bytes of one fragment: a `Uint8Array`, or a fragment left in its file whose bytes
 * are read only when `subarray` asks for them.
 */
export interface FragmentBytes {
  readonly length: number;
  subarray(begin: number, end: number): Uint8Array;
}

/** Typed arrays a frame can come in. */
export type PixelArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** One decoded frame, always pixel-interleaved (`R G B R G B ...` for color). */
export interface Frame {
  data: PixelArray;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** What `data` holds: e.g. `RGB` after colour conversion or libjpeg's YCbCr→RGB, `MONOCHROME1` is never inverted. */
  photometricInterpretation: string;
  planarConfiguration: 0;
}

/** How {@link Frame} values are delivered. */
export interface GetFrameOptions {
  /** Apply `value * RescaleSlope + RescaleIntercept` to single-sample grayscale frames (Int32Array when slope is 1 and intercept an integer, else Float32Array). */
  rescale?: boolean;
  /** `'rgb'` converts YBR_FULL, YBR_FULL_422 and PALETTE COLOR to RGB; `'native'` (default) keeps what the codec yields. */
  color?: 'native' | 'rgb';
}
