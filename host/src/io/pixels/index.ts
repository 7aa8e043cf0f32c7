/** Pixel data: frame access, codecs and encapsulation. */
export type { Frame, GetFrameOptions, PaletteDescriptor, PixelArray, PixelDataSource, PixelDescription } from './pixel-types.js';
export { getFrame, getNativeFrameSync } from './get-frame.js';
export { frameCount } from './frame-count.js';
export { decodedPhotometricInterpretation } from './decoded-photometric-interpretation.js';
export { encodeFrame } from './encode-frame.js';
export { encapsulate } from './encapsulate.js';
export { PixelTransferSyntax, isNativePixelSyntax } from './transfer-syntax-uids.js';
export { codecFor, registerCodec, registeredCodecs } from './codecs/codec-registry.js';
export type { DecodedSamples, FrameCodec } from './codecs/frame-codec.js';
