import type { DicomValue } from '../app/dicom-value.js';
import type { SeriesGeometry } from '../geometry/series-geometry.js';

/** One decoded frame: pixel-interleaved samples, row by row. */
export interface FrameData {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  /** What the samples are, e.g. MONOCHROME2, RGB (colour is converted to RGB on request). */
  readonly photometricInterpretation: string;
  /** Stored values, or modality values (e.g. HU) when rescaled. */
  readonly data: Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
}

/** One read-only source instance. Attribute access is by DICOM keyword, exactly as spelled in PS3.6. */
export interface SourceInstance {
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  /** Number of Frames (1 for single-frame images; 0 for non-images). */
  readonly numberOfFrames: number;
  /** The value of a top-level attribute, or undefined when absent (private attributes are not exposed). */
  attribute(keyword: string): DicomValue | undefined;
  /** First value as text (trimmed), or undefined when absent or empty. */
  string(keyword: string): string | undefined;
  /** Numeric values (binary VRs, IS, DS); [] when absent. */
  numbers(keyword: string): readonly number[];
  /** First numeric value, or undefined. */
  number(keyword: string): number | undefined;
  /**
   * Decode one frame (index from 0). `rescale: true` applies the Modality LUT's Rescale Slope /
   * Intercept (HU for CT; PS3.3 C.11.1): the top-level ones, or for an enhanced multi-frame image
   * those of the frame's Pixel Value Transformation functional group (PS3.3 C.7.6.16.2.9);
   * `color: 'rgb'` converts YBR and PALETTE COLOR to RGB.
   */
  frame(index: number, options?: { readonly rescale?: boolean; readonly color?: 'native' | 'rgb' }): Promise<FrameData>;
}

/** The series an app runs on: its instances sorted (by position along the normal, then Instance Number). */
export interface SourceSeries {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly modality: string | undefined;
  readonly instances: readonly SourceInstance[];
  /** Slice geometry when the instances are images with Image Plane attributes; undefined otherwise. */
  readonly geometry: SeriesGeometry | undefined;
}
