import { TransferSyntax } from '@atrium/sdk';
import type { ImageFile } from '../../io/image-file.js';
import { pixelDescriptionOf } from '../../io/pixel-access.js';
import { bytesPerSample } from '../../io/pixels/pixel-layout.js';
import { bytesFromSamples } from '../../io/pixels/samples-from-bytes.js';
import { webError } from '../web-error.js';

/** A frame's bytes and the transfer syntax they are in. */
export interface FrameBytes {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUID: string;
}

/** The number of frames of an image (Number of Frames, 1 when absent). */
export function frameCountOf(image: ImageFile): number {
  return pixelDescriptionOf(image.dataset, image.transferSyntax.uid).numberOfFrames;
}

/**
 * Frame `index` (from 0) of a stored image, read by its byte range through the io layer: in
 * its stored transfer syntax, or uncompressed (the Explicit VR Little Endian layout, PS3.18
 * §8.7.3.3.2). A native frame is its Pixel Data bits (swapped to little endian for a Big
 * Endian file); an encapsulated one is its fragments as stored, or decoded by the io codecs.
 */
export async function frameBytes(image: ImageFile, index: number, uncompressed: boolean): Promise<FrameBytes> {
  const desc = pixelDescriptionOf(image.dataset, image.transferSyntax.uid);
  if (!Number.isInteger(index) || index < 0 || index >= desc.numberOfFrames) {
    throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `frame ${index + 1} does not exist: the instance has ${desc.numberOfFrames} frame(s)`, { frame: index + 1, frames: desc.numberOfFrames });
  }
  if (image.transferSyntax.encapsulated) {
    if (!uncompressed) return { bytes: image.storedFrame(index), transferSyntaxUID: image.transferSyntax.uid };
    const frame = await image.frame(index);
    return { bytes: bytesFromSamples(frame.data, bytesPerSample(desc.bitsAllocated)), transferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian };
  }
  let bytes = image.storedFrame(index);
  const width = desc.bitsAllocated / 8;
  if (!image.transferSyntax.littleEndian && Number.isInteger(width) && width > 1) {
    bytes = new Uint8Array(bytes);
    for (let i = 0; i + width <= bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  }
  // Native Pixel Data bytes are the same in Implicit and Explicit VR Little Endian (and Deflated, once inflated).
  return { bytes, transferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian };
}
