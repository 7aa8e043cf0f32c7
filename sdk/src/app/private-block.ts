/**
 * Value representations a private element may be declared with (PS3.5 §6.2). Sequences are not
 * offered: a private block of an app carries flat values.
 */
export type PrivateVr =
  | 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'FD' | 'FL' | 'IS' | 'LO' | 'LT' | 'OB' | 'OD' | 'OF' | 'OL' | 'OW'
  | 'SH' | 'SL' | 'SS' | 'ST' | 'TM' | 'UI' | 'UL' | 'UN' | 'US' | 'UT';

/** One element of a private block, as the app declares it. */
export interface PrivateElementDeclaration {
  /**
   * Element offset in the block, 0x00–0xFF: the element is (gggg,bbee) where `bb` is the block the
   * engine reserves for the creator and `ee` this offset (e.g. 0x21 for (7109,xx21)).
   */
  readonly element: number;
  readonly vr: PrivateVr;
  /** Value multiplicity, as PS3.6 writes it: `1`, `2`, `3`, `1-n`, `2-2n` ... */
  readonly vm: string;
  /** What the element holds, printed in the conformance statement. */
  readonly description: string;
}

/**
 * A private block an output may write (PS3.5 §7.8.1): a Private Creator in an odd group and the
 * elements of its block. The derivation engine reserves the block: it writes the creator in the
 * first free Private Creator element (gggg,0010)–(gggg,00FF) of the group — so a second creator in
 * the same group gets the next block — and each element the app gives at (gggg,bbee). Private
 * elements are only ever written this way, by an app that declares them: the engine refuses values
 * for an undeclared creator or element, and never copies private elements from the sources.
 */
export interface PrivateBlockDeclaration {
  /** Odd group 0x0009–0xFFFD (not 0x0001, 0x0003, 0x0005, 0x0007: PS3.5 §7.8.1). */
  readonly group: number;
  /** Private Creator (LO): 1–64 characters of the default repertoire, no backslash. Identifies the block. */
  readonly creator: string;
  /** The elements, by the name the app gives their values under in {@link DerivedObjectRequest.privateData}. */
  readonly elements: Readonly<Record<string, PrivateElementDeclaration>>;
}
