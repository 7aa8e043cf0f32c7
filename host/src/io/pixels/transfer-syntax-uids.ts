/** Transfer Syntax UIDs the pixel layer knows about (PS3.6 Annex A). */
export const PixelTransferSyntax = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  EncapsulatedUncompressedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.98',
  DeflatedImageFrameCompression: '1.2.840.10008.1.2.8.1',
  RLELossless: '1.2.840.10008.1.2.5',
  JPEGBaseline8Bit: '1.2.840.10008.1.2.4.50',
  JPEGExtended12Bit: '1.2.840.10008.1.2.4.51',
  JPEGLossless: '1.2.840.10008.1.2.4.57',
  JPEGLosslessSV1: '1.2.840.10008.1.2.4.70',
  JPEGLSLossless: '1.2.840.10008.1.2.4.80',
  JPEGLSNearLossless: '1.2.840.10008.1.2.4.81',
  JPEG2000Lossless: '1.2.840.10008.1.2.4.90',
  JPEG2000: '1.2.840.10008.1.2.4.91',
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
