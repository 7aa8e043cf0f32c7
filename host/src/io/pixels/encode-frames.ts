import { encodeFrame } from './encode-frame.js';
import { getFrame } from './get-frame.js';
import type { PixelArray, PixelDataSource, PixelDescription } from './pixel-types.js';

/** What {@link encodeFrames} returns: one compressed frame each (odd lengths kept), and their Photometric Interpretation. */
export interface EncodedFrames {
  readonly frames: Uint8Array[];
  readonly photometricInterpretation: PixelDescription['photometricInterpretation'];
}

/**
 * Every frame of `source` compressed to the lossless `transferSyntaxUID` by our encoders. Each
 * encoded frame is decoded again and compared with the source values, so a lossy result can
 * never leave here (an error names the frame and the first sample that differs).
 * YBR_FULL_422 frames are upsampled and come out YBR_FULL (no compressed syntax we write
 * subsamples); colour comes out colour-by-pixel (Planar Configuration 0).
 */
export async function encodeFrames(desc: PixelDescription, source: PixelDataSource, transferSyntaxUID: string): Promise<EncodedFrames> {
  const frames: Uint8Array[] = [];
  let photometric = desc.photometricInterpretation;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const frame = await getFrame(desc, source, i);
    photometric = frame.photometricInterpretation;
    const frameDesc = { ...desc, photometricInterpretation: photometric, planarConfiguration: 0 as const };
    const encoded = await encodeFrame(frameDesc, frame.data, transferSyntaxUID);
    const check = await getFrame({ ...frameDesc, transferSyntaxUID, numberOfFrames: 1 }, { kind: 'encapsulated', fragments: [encoded], basicOffsetTable: [] }, 0);
    const differ = firstDifference(frame.data, check.data);
    if (differ !== undefined) {
      throw new Error(`frame ${i} does not decode back to the same values after encoding (sample ${differ} differs): refusing to send a lossy result`);
    }
    frames.push(encoded);
  }
  return { frames, photometricInterpretation: photometric };
}

function firstDifference(a: PixelArray, b: PixelArray): number | undefined {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return undefined;
}
