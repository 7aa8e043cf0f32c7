import type { DataSet } from '../io/data-set.js';

/** The Specific Character Set of a derived object, and whether copied text must be re-encoded. */
export interface OutputCharacterSet {
  /** Values of Specific Character Set (0008,0005); empty: the default repertoire (attribute absent). */
  readonly values: readonly string[];
  /** Copied text values are decoded from their source's character set and re-encoded as ISO_IR 192. */
  readonly toUtf8: boolean;
}

/** ISO_IR 192 (UTF-8) with re-encoding of copied text. */
export const UTF8_OUTPUT: OutputCharacterSet = Object.freeze({ values: ['ISO_IR 192'], toUtf8: true });

/**
 * The character set of a derived object: the sources' own when they all have the same
 * Specific Character Set (copied text keeps its bytes), else ISO_IR 192 with every copied
 * text value re-encoded. (The engine also switches to ISO_IR 192 when the app's content
 * cannot be encoded in the sources' character set.)
 */
export function outputCharacterSet(sources: readonly DataSet[]): OutputCharacterSet {
  const keys = new Set(sources.map((s) => s.characterSet.join('\\')));
  if (keys.size <= 1) return { values: sources[0]?.characterSet ?? [], toUtf8: false };
  return UTF8_OUTPUT;
}
