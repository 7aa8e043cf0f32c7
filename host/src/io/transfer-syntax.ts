import { TransferSyntax } from '@atrium/sdk';

/** How a dataset is encoded on the wire or in a file (PS3.5 §10). */
export interface DatasetEncoding {
  readonly explicitVR: boolean;
  readonly littleEndian: boolean;
}

/** What the codec needs to know about a transfer syntax. */
export interface TransferSyntaxInfo extends DatasetEncoding {
  readonly uid: string;
  /** The dataset after the file meta is deflated (RFC 1951, no zlib header). */
  readonly deflated: boolean;
  /** Pixel Data is encapsulated (compressed fragments). */
  readonly encapsulated: boolean;
}

export const IMPLICIT_LE: DatasetEncoding = { explicitVR: false, littleEndian: true };
export const EXPLICIT_LE: DatasetEncoding = { explicitVR: true, littleEndian: true };
export const EXPLICIT_BE: DatasetEncoding = { explicitVR: true, littleEndian: false };

const NATIVE: ReadonlyMap<string, Omit<TransferSyntaxInfo, 'uid'>> = new Map([
  [TransferSyntax.ImplicitVRLittleEndian, { ...IMPLICIT_LE, deflated: false, encapsulated: false }],
  [TransferSyntax.ExplicitVRLittleEndian, { ...EXPLICIT_LE, deflated: false, encapsulated: false }],
  [TransferSyntax.ExplicitVRBigEndian, { ...EXPLICIT_BE, deflated: false, encapsulated: false }],
  [TransferSyntax.DeflatedExplicitVRLittleEndian, { ...EXPLICIT_LE, deflated: true, encapsulated: false }],
]);

/**
 * Facts about a transfer syntax. Every UID not listed as native is an encapsulated
 * (compressed) syntax in Explicit VR Little Endian, as PS3.5 §10 requires of them all.
 */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo {
  const native = NATIVE.get(uid);
  if (native) return { uid, ...native };
  return { uid, ...EXPLICIT_LE, deflated: false, encapsulated: true };
}
