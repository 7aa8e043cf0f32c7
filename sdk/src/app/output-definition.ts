import type { MappingTable } from './mapping-table.js';
import type { PrivateBlockDeclaration } from './private-block.js';

/**
 * Output IODs an app can write (ids of the generated IOD tables, PS3.3 Annex A): the Secondary
 * Capture family, CT, MR and NM images, SR documents, and the Encapsulated STL 3-D model
 * (PS3.3 A.85.1). The one list: the manifest schema's `iod` values and {@link OutputIod} come from it.
 */
export const OUTPUT_IODS = [
  'ct-image',
  'mr-image',
  'secondary-capture-image',
  'multi-frame-grayscale-byte-secondary-capture-image',
  'multi-frame-grayscale-word-secondary-capture-image',
  'multi-frame-true-color-secondary-capture-image',
  'nuclear-medicine-image',
  'enhanced-sr',
  'comprehensive-sr',
  'encapsulated-stl',
] as const;

/** An IOD an app can write (see {@link OUTPUT_IODS}). */
export type OutputIod = (typeof OUTPUT_IODS)[number];

/**
 * One named derived series, as the manifest declares it (package.json `atrium.apps[].outputs.<name>`):
 * what it is, read before any plugin code runs (`atrium apps`, the conformance statement).
 */
export interface ManifestOutput {
  /** The IOD of every object of this output. */
  readonly iod: OutputIod;
  /** `1:1` (one derived object per source image) or `N:1` (one object from many sources). */
  readonly cardinality: '1:1' | 'N:1';
  /** Series Description (0008,103E) of the derived series, and its conformance title. */
  readonly description: string;
  /** Derivation Description (0008,2111) written into every object. */
  readonly derivationDescription?: string;
  /** Derivation Code Sequence (0008,9215) item: a code from DCM (PS3.16 CID 7203), e.g. 113076 "Segmentation". */
  readonly derivationCode?: { readonly value: string; readonly scheme: string; readonly meaning: string };
}

/**
 * What the code gives each output the manifest declares ({@link AppDefinition.outputs}): how
 * each attribute is produced (Copied / Generated / Removed) and, for an output that carries them,
 * its private blocks — how the objects are encoded, like the mapping, not what the output is.
 */
export interface AppOutput {
  readonly mapping: MappingTable;
  /**
   * Why an attribute is produced as it is (keyword → text), where the vendor table the mapping
   * follows says otherwise or the rule depends on the object: printed in the Note column of the
   * conformance statement, next to the attribute's save action.
   */
  readonly notes?: Readonly<Record<string, string>>;
  /** Paragraphs printed under the output's heading in the conformance statement (what the tables cannot say). */
  readonly remarks?: readonly string[];
  /**
   * Private blocks the objects of this output may carry (PS3.5 §7.8.1); their values come from
   * the request's `privateData`. Nothing private is written without a declaration here.
   */
  readonly privateBlocks?: readonly PrivateBlockDeclaration[];
}

/** An output as the derivation engine builds it: the manifest's declaration joined with the code's mapping table (and private blocks). */
export interface OutputDefinition extends ManifestOutput, AppOutput {}
