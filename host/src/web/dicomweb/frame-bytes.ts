import { TransferSyntax } from '@atrium/sdk';
import type { DicomFile } from '../../io/parse-part10.js';
import { pixelDataSourceOf, pixelDescriptionOf, readFrame } from '../../io/pixel-access.js';
import { encapsulatedFrameBytes } from '../../io/pixels/encapsulated-frame.js';
import { bytesPerSample, storedSamplesPerFrame } from '../../io/pixels/pixel-layout.js';
import { bytesFromSamples } from '../../io/pixels/samples-from-bytes.js';
import { webError } from '../web-error.js';

/** A frame's bytes and the transfer syntax they are in. */
export interface FrameBytes {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUID: string;
}

/** Bits `[start, start + count)` of `bytes` (least significant bit first, PS3.5 §8.1.1) as a new byte array. */
function bitSlice(bytes: Uint8Array, start: number, count: number): Uint8Array {
  if (start % 8 === 0) return bytes.subarray(start / 8, (start + count + 7) / 8 | 0);
  const out = new Uint8Array(Math.ceil(count / 8));
  for (let i = 0; i < count; i++) {
    const bit = start + i;
    if ((bytes[bit >> 3]! >> (bit & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/** The number of frames of a parsed image (Number of Frames, 1 when absent). */
export function frameCountOf(file: DicomFile): number {
  return pixelDescriptionOf(file.dataset, file.transferSyntax.uid).numberOfFrames;
}

/**
 * Frame `index` (from 0) of a parsed image, in its stored transfer syntax (`stored`) or
 * uncompressed (Explicit VR Little Endian byte layout, PS3.18 §8.7.3.3.2). A native frame
 * is a byte range of Pixel Data (swapped to little endian for Big Endian files; 1-bit frames
 * repacked from their bit offset); an encapsulated one is its fragments as stored, or
 * decoded through the io layer's codecs.
 */
export async function frameBytes(file: DicomFile, index: number, uncompressed: boolean): Promise<FrameBytes> {
  const desc = pixelDescriptionOf(file.dataset, file.transferSyntax.uid);
  if (!Number.isInteger(index) || index < 0 || index >= desc.numberOfFrames) {
    throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `frame ${index + 1} does not exist: the instance has ${desc.numberOfFrames} frame(s)`, { frame: index + 1, frames: desc.numberOfFrames });
  }
  const source = pixelDataSourceOf(file.dataset, file.transferSyntax);
  if (source.kind === 'encapsulated') {
    if (!uncompressed) return { bytes: encapsulatedFrameBytes(source, index, desc.numberOfFrames), transferSyntaxUID: file.transferSyntax.uid };
    const frame = await readFrame(file, index);
    return { bytes: bytesFromSamples(frame.data, bytesPerSample(desc.bitsAllocated)), transferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian };
  }
  const bits = storedSamplesPerFrame(desc) * desc.bitsAllocated;
  if ((index + 1) * bits > source.bytes.length * 8) {
    throw webError('ATRIUM_ERR_WEB_STORED_UNREADABLE', `the stored Pixel Data is shorter than frame ${index + 1} needs`, { frame: index + 1 });
  }
  let bytes = bitSlice(source.bytes, index * bits, bits);
  const width = desc.bitsAllocated / 8;
  if (source.bigEndian && source.vr === 'OW' && Number.isInteger(width) && width > 1) {
    bytes = new Uint8Array(bytes);
    for (let i = 0; i + width <= bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  }
  // Native Pixel Data bytes are the same in Implicit and Explicit VR Little Endian (and Deflated, once inflated).
  return { bytes, transferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian };
}
