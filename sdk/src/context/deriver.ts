import type { DicomValue } from '../app/dicom-value.js';
import type { DeidentifyOutcome, DeidentifyRequest } from './deidentifier.js';
import type { SourceInstance } from './source-series.js';

/** Pixels of a derived image. */
export interface DerivedPixels {
  readonly rows: number;
  readonly columns: number;
  /** 1 (MONOCHROME2) or 3 (RGB, pixel-interleaved). */
  readonly samplesPerPixel: 1 | 3;
  /** 8 or 16 bits per sample. */
  readonly bitsAllocated: 8 | 16;
  /** Signed 16-bit values (Pixel Representation 1). */
  readonly signed?: boolean;
  /** The samples, row by row (one frame, or frames one after the other). */
  readonly data: Uint8Array | Uint16Array | Int16Array;
  /** Number of frames in `data` (default 1). */
  readonly frames?: number;
}

/** What an app asks the engine to write for one derived object. */
export interface DerivedObjectRequest {
  /**
   * The source instance(s) this object derives from: one for a `1:1` output, all that
   * contributed for `N:1`. `Copied` attributes come from these, and Source Image
   * Sequence references them.
   */
  readonly sources: readonly SourceInstance[];
  /** The app's own values (keyword → value), used for attributes mapped `Generated('Content')`. */
  readonly content?: Readonly<Record<string, DicomValue>>;
  /** The pixels, for image IODs. Sets Rows, Columns, Samples per Pixel, Photometric Interpretation, Bits *, Pixel Data. */
  readonly pixels?: DerivedPixels;
  /** `true` when the pixels carry burned-in text (Burned In Annotation YES). */
  readonly burnedInAnnotation?: boolean;
  /** Copy the first source's Pixel Data unchanged (a reduced copy of original images, 1:1 outputs). */
  readonly copySourcePixels?: boolean;
  /**
   * Values of the output's declared private blocks: Private Creator → element name (as declared in
   * the output's `privateBlocks`) → value. An undeclared creator or element is refused
   * (ATRIUM_ERR_DERIVE_PRIVATE); elements left out are not written.
   */
  readonly privateData?: Readonly<Record<string, Readonly<Record<string, DicomValue>>>>;
}

/** Where a derived object was written. */
export interface DerivedObjectRef {
  readonly output: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
}

/**
 * The derivation engine, as apps see it (`ctx.derive`). Every object is built from the
 * output's mapping table and validated against its IOD before it is stored; a failure
 * throws naming the attribute and the rule that produced it, and nothing is stored.
 * Derived series land in the source study; UIDs are deterministic, so a re-run replaces.
 */
export interface Deriver {
  /** Build, validate and store one derived object of the named output. */
  write(output: string, request: DerivedObjectRequest): Promise<DerivedObjectRef>;
  /**
   * De-identify one source instance with the host's PS3.15 Annex E engine (Table E.1-1: the
   * Basic Profile and the selected options, action codes D, Z, X, K, C, U at every depth) and
   * store the result through the normal store path, as a new object (new UIDs unless
   * `retainUIDs`); the source is never modified. Runs on the same engine as {@link write}, with the
   * PS3.15 action codes in place of an output's mapping table; the object keeps its SOP Class.
   * Its `ref.output` is `deidentified`. Objects the engine refuses come back as
   * `status: 'refused'` with the code and reason. Optional: hosts without the engine leave it
   * undefined (Atrium's host provides it to every app run).
   */
  deidentify?(request: DeidentifyRequest): Promise<DeidentifyOutcome>;
}
