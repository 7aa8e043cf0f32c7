import type { DataSet } from './data-set.js';

/** The length field value meaning "undefined length" (PS3.5 §7.1.1). */
export const UNDEFINED_LENGTH = 0xffffffff;

/** An item of a sequence (PS3.5 §7.5): a nested dataset plus how its length was encoded. */
export interface SequenceItem {
  readonly dataset: DataSet;
  /** Encoded with undefined length and an Item Delimitation Item. */
  readonly undefinedLength: boolean;
}

/** Encapsulated Pixel Data (PS3.5 §A.4): the Basic Offset Table item and the fragments. */
export interface Encapsulated {
  readonly offsetTable: Uint8Array;
  readonly fragments: readonly Uint8Array[];
}

/**
 * One data element exactly as it was read. Value bytes are kept raw (in the byte order
 * of the dataset) so that an unchanged element is written back byte-identical.
 */
export interface DataElement {
  readonly tag: number;
  /** The VR as written in the stream (explicit VR), or from the dictionary (implicit VR, `UN` if unknown). */
  readonly vr: string;
  /** Raw value bytes; empty for sequences and encapsulated pixel data. */
  readonly value: Uint8Array;
  /** Sequence items, when the element is a sequence (SQ, or UN of undefined length). */
  readonly items?: readonly SequenceItem[];
  /** Encapsulated pixel data fragments. */
  readonly encapsulated?: Encapsulated;
  /** Encoded with undefined length (sequences, encapsulated pixel data). */
  readonly undefinedLength: boolean;
  /**
   * Explicit-VR streams only: the element had no valid VR and was read as implicit VR
   * (the raw two VR bytes are in {@link rawVr}). Kept to write the same bytes back.
   */
  readonly rawVr?: Uint8Array;
  /** Items of a UN element of undefined length are encoded Implicit VR Little Endian (PS3.5 §6.2.2). */
  readonly itemsImplicit?: boolean;
}
