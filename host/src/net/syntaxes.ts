import { SopClass, TransferSyntax, sopClassInfo } from '@atrium/sdk';

/** Uncompressed transfer syntaxes, Explicit VR Little Endian first (PS3.5 §10). */
export const UNCOMPRESSED_SYNTAXES: readonly string[] = [
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
];

/**
 * Every transfer syntax the I/O layer reads and a storage SCP accepts (a Level 2 store
 * keeps the bytes as received; pixel decoding is not needed to store).
 */
export const STORAGE_SYNTAXES: readonly string[] = [
  ...UNCOMPRESSED_SYNTAXES,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
  TransferSyntax.JPEGBaseline8Bit,
  TransferSyntax.JPEGExtended12Bit,
  TransferSyntax.JPEGLossless,
  TransferSyntax.JPEGLosslessSV1,
  TransferSyntax.JPEGLSLossless,
  TransferSyntax.JPEGLSNearLossless,
  TransferSyntax.JPEG2000Lossless,
  TransferSyntax.JPEG2000,
  TransferSyntax.JPEG2000MCLossless,
  TransferSyntax.JPEG2000MC,
  TransferSyntax.HTJ2KLossless,
  TransferSyntax.HTJ2KLosslessRPCL,
  TransferSyntax.HTJ2K,
  TransferSyntax.RLELossless,
  // Retired, accepted and stored as received (Canon GCA-9300R conformance statement, Table 4-41
  // and §4.2.8); their pixels are not decoded (rendering and conversion refuse them).
  TransferSyntax.JPEGSpectralSelectionNonHierarchical68,
  TransferSyntax.JPEGFullProgressionNonHierarchical1012,
  TransferSyntax.MPEG2MPML,
  TransferSyntax.MPEG2MPHL,
  TransferSyntax.MPEG4HP41,
  TransferSyntax.MPEG4HP41BD,
  TransferSyntax.HEVCMP51,
  TransferSyntax.HEVCM10P51,
];

/**
 * Transfer syntaxes an SCP accepts ahead of the proposer's order when a presentation context
 * offers one of them: JPEG Lossless (Canon GCA-9300R conformance statement §4.2.8.4.1.3.3,
 * "STORAGE-SCP prefers JPEG Lossless Transfer Syntaxes"); otherwise the proposer's first.
 */
export const PREFERRED_SYNTAXES: readonly string[] = [TransferSyntax.JPEGLosslessSV1, TransferSyntax.JPEGLossless];

let storage: readonly string[] | undefined;

/**
 * The storage SOP classes accepted and sent: every composite Storage SOP class of
 * PS3.4 Annex B (UIDs under 1.2.840.10008.5.1.4.1.1), retired ones included — a superset
 * of the classes the seeds list (CT, Enhanced CT, MR, Enhanced MR, NM, SC and the
 * multi-frame SCs, XA, X-Ray Radiation Dose SR, DX, intra-oral, CR, US, VL Endoscopic,
 * VL Photographic).
 */
export function storageSopClasses(): readonly string[] {
  storage ??= Object.values(SopClass).filter((uid) => uid.startsWith('1.2.840.10008.5.1.4.1.1.') && /Storage/.test(sopClassInfo(uid)?.name ?? ''));
  return storage;
}
