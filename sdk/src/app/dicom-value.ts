/**
 * An attribute value as plugins see and give it: strings for string VRs (one per value;
 * a single string for single-valued attributes), numbers for numeric VRs and IS/DS,
 * bytes for OB/OW/UN, nested datasets for sequences.
 */
export type DicomValue = string | number | readonly string[] | readonly number[] | Uint8Array | readonly DicomItem[];

/** One item of a sequence: keyword → value. */
export type DicomItem = Readonly<Record<string, DicomValue>>;
