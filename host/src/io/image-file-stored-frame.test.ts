import { readFileSync } from 'node:fs';
import { Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../../../test/support/samples.js';
import { openImageFile } from './image-file.js';
import { parseDicom } from './parse-part10.js';
import { pixelDataSourceOf, pixelDescriptionOf } from './pixel-access.js';
import { encapsulatedFrameBytes } from './pixels/encapsulated-frame.js';
import { storedSamplesPerFrame } from './pixels/pixel-layout.js';

/** The stored bytes of every frame, from a whole parse in memory (the reference). */
function framesInMemory(path: string): Uint8Array[] {
  const file = parseDicom(new Uint8Array(readFileSync(path)));
  const desc = pixelDescriptionOf(file.dataset, file.transferSyntax.uid);
  const source = pixelDataSourceOf(file.dataset, file.transferSyntax);
  return Array.from({ length: desc.numberOfFrames }, (_, i) => {
    if (source.kind === 'encapsulated') return encapsulatedFrameBytes(source, i, desc.numberOfFrames);
    const size = (storedSamplesPerFrame(desc) * desc.bitsAllocated) / 8;
    return source.bytes.subarray(i * size, (i + 1) * size);
  });
}

describe('ImageFile.storedFrame: a frame as stored, read by its byte range', () => {
  it.each(['sc/SC_rgb_2frame.dcm', 'xa/gdcm-XA-4frame-jpll.dcm', 'mr/emri_small.dcm', 'mr/MR2_J2KI.dcm'])('%s: every frame equals the whole parse\'s, reading little more than that frame', (sample) => {
    const expected = framesInMemory(samplePath(sample));
    const image = openImageFile(samplePath(sample));
    try {
      const before = image.bytesRead;
      const last = image.storedFrame(expected.length - 1);
      expect(Buffer.compare(Buffer.from(last), Buffer.from(expected.at(-1)!))).toBe(0);
      if (!image.transferSyntax.encapsulated) expect(image.bytesRead - before).toBeLessThan(last.length + 64 * 1024);
      expected.forEach((frame, i) => expect(Buffer.compare(Buffer.from(image.storedFrame(i)), Buffer.from(frame)), `frame ${i}`).toBe(0));
    } finally {
      image.close();
    }
  });

  it('refuses a frame that does not exist, with its code', () => {
    const image = openImageFile(samplePath('sc/SC_rgb_2frame.dcm'));
    try {
      expect(() => image.storedFrame(2)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAME_INDEX' }));
      expect(image.dataset.number(Tag.NumberOfFrames)).toBe(2);
    } finally {
      image.close();
    }
  });
});
