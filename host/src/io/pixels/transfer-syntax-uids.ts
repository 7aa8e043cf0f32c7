import { TransferSyntax } from '@atrium/sdk';

/** Transfer Syntax UIDs the pixel layer knows about (PS3.6 Annex A), from the generated table. */
export const PixelTransferSyntax = {
  ImplicitVRLittleEndian: TransferSyntax.ImplicitVRLittleEndian,
  ExplicitVRLittleEndian: TransferSyntax.ExplicitVRLittleEndian,
  DeflatedExplicitVRLittleEndian: TransferSyntax.DeflatedExplicitVRLittleEndian,
  ExplicitVRBigEndian: TransferSyntax.ExplicitVRBigEndian,
  EncapsulatedUncompressedExplicitVRLittleEndian: TransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian,
  DeflatedImageFrameCompression: TransferSyntax.DeflatedImageFrameCompression,
  RLELossless: TransferSyntax.RLELossless,
  JPEGBaseline8Bit: TransferSyntax.JPEGBaseline8Bit,
  JPEGExtended12Bit: TransferSyntax.JPEGExtended12Bit,
  JPEGLossless: TransferSyntax.JPEGLossless,
  JPEGLosslessSV1: TransferSyntax.JPEGLosslessSV1,
  JPEGLSLossless: TransferSyntax.JPEGLSLossless,
  JPEGLSNearLossless: TransferSyntax.JPEGLSNearLossless,
  JPEG2000Lossless: TransferSyntax.JPEG2000Lossless,
  JPEG2000: TransferSyntax.JPEG2000,
} as const;

const NATIVE = new Set<string>([
  PixelTransferSyntax.ImplicitVRLittleEndian,
  PixelTransferSyntax.ExplicitVRLittleEndian,
  PixelTransferSyntax.DeflatedExplicitVRLittleEndian,
  PixelTransferSyntax.ExplicitVRBigEndian,
]);

/** True when Pixel Data in this transfer syntax is native (not encapsulated). */
export function isNativePixelSyntax(uid: string): boolean {
  return NATIVE.has(uid);
}
