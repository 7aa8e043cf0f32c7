import type { DicomValue } from './dicom-value.js';

/**
 * How an app uses an attribute of its source images, in the vocabulary of GE SmartScore's
 * conformance statement (§1.9):
 * - `Mandatory`: needs a valid value; an invalid or missing one stops the run before any
 *   work, with a message naming the attribute and the instance.
 * - `Used`: may be used for computation or display, or to regenerate a value of a derived
 *   object (a `Copied` attribute that is inconsistent across sources is then regenerated).
 * - `Ignored`: not used.
 */
export type LoadUsage = 'Mandatory' | 'Used' | 'Ignored';

/** Load usage of one attribute, with an optional expected value ("Rows expect 512"). */
export interface LoadRule {
  readonly usage: LoadUsage;
  /**
   * The value the app expects. When it is not met the run continues and the expectation
   * is reported as a warning in the run's result (not an error).
   */
  readonly expect?: DicomValue;
  /** Why the app needs the attribute; printed in the conformance statement. */
  readonly note?: string;
}

/** Load specification: attribute keyword → load rule. Attributes not listed are `Ignored`. */
export type LoadSpec = Readonly<Record<string, LoadRule>>;
