import type { MappingTable } from './mapping-table.js';
import type { PrivateBlockDeclaration } from './private-block.js';

/**
 * Output IODs an app can write (ids of the generated IOD tables, PS3.3 Annex A).
 * Secondary Capture family, CT, MR and NM images, SR documents, and the Encapsulated STL 3-D
 * model (PS3.3 A.85.1).
 */
export type OutputIod =
  | 'ct-image'
  | 'mr-image'
  | 'secondary-capture-image'
  | 'multi-frame-grayscale-byte-secondary-capture-image'
  | 'multi-frame-grayscale-word-secondary-capture-image'
  | 'multi-frame-true-color-secondary-capture-image'
  | 'nuclear-medicine-image'
  | 'enhanced-sr'
  | 'comprehensive-sr'
  | 'encapsulated-stl';

/** One named derived series an app writes. */
export interface OutputDefinition {
  /** The IOD of every object of this output. */
  readonly iod: OutputIod;
  /** How each attribute is produced (Copied / Generated / Removed). */
  readonly mapping: MappingTable;
  /** Series Description (0008,103E) of the derived series, and its conformance title. */
  readonly description: string;
  /** `1:1` (one derived object per source image) or `N:1` (one object from many sources). */
  readonly cardinality: '1:1' | 'N:1';
  /** Derivation Description (0008,2111) written into every object. */
  readonly derivationDescription?: string;
  /** Derivation Code Sequence (0008,9215) item: a code from DCM (PS3.16 CID 7203), e.g. 113076 "Segmentation". */
  readonly derivationCode?: { readonly value: string; readonly scheme: string; readonly meaning: string };
  /**
   * Private blocks the objects of this output may carry (PS3.5 §7.8.1); their values come from
   * the request's `privateData`. Nothing private is written without a declaration here.
   */
  readonly privateBlocks?: readonly PrivateBlockDeclaration[];
}
