/**
 * A Deflated Explicit VR Little Endian Secondary Capture of many 8-bit frames, deflated as a
 * stream (never held inflated): a file of a few hundred KB that inflates to hundreds of MB
 * of Pixel Data — legitimate, and what a reader must not inflate into memory. Every frame is
 * zero but the last, which holds (row + column) mod 256.
 */
import { createDeflateRaw } from 'node:zlib';
import { FIXTURE_EXPLICIT_LE, encodeDataset, el, minimalInstance, part10, uint16s } from './dicom-fixture.js';
import { Tag } from '@atrium/sdk';

const SC = '1.2.840.10008.5.1.4.1.1.7';
export const DEFLATED_EXPLICIT_LE = '1.2.840.10008.1.2.1.99';

/** The shape of {@link deflatedFrames}. */
export interface DeflatedFrames {
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly uidRoot?: string;
}

/** The Part 10 file (File Meta in the clear, the data set deflated) and its SOP Instance UID. */
export async function deflatedFrames(shape: DeflatedFrames): Promise<{ bytes: Uint8Array; sopInstanceUID: string; inflatedBytes: number }> {
  const { rows, columns, frames } = shape;
  const uidRoot = shape.uidRoot ?? '2.25.8804';
  const frameBytes = rows * columns;
  const elements = minimalInstance(uidRoot, new Map([
    [Tag.NumberOfFrames, el(Tag.NumberOfFrames, 'IS', `${frames}`.padEnd(Math.ceil(`${frames}`.length / 2) * 2, ' '))],
    [Tag.Rows, el(Tag.Rows, 'US', uint16s([rows]))],
    [Tag.Columns, el(Tag.Columns, 'US', uint16s([columns]))],
    [Tag.PixelData, null],
  ]));
  const header = encodeDataset(elements, FIXTURE_EXPLICIT_LE);
  const pixelHeader = Buffer.alloc(12);
  pixelHeader.writeUInt16LE(0x7fe0, 0);
  pixelHeader.writeUInt16LE(0x0010, 2);
  pixelHeader.write('OB', 4, 'latin1');
  pixelHeader.writeUInt32LE(frameBytes * frames, 8);
  const last = Buffer.alloc(frameBytes);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) last[r * columns + c] = (r + c) % 256;
  const deflated = await deflate(function* () {
    yield header;
    yield pixelHeader;
    const zeros = Buffer.alloc(frameBytes);
    for (let i = 0; i < frames - 1; i++) yield zeros;
    yield last;
  });
  const sopInstanceUID = `${uidRoot}.3`;
  return {
    bytes: part10(deflated, { transferSyntaxUID: DEFLATED_EXPLICIT_LE, sopClassUID: SC, sopInstanceUID }),
    sopInstanceUID,
    inflatedBytes: header.length + 12 + frameBytes * frames,
  };
}

/** Raw deflate of what `parts` yields, fed with back-pressure (the input is never all in memory). */
async function deflate(parts: () => Generator<Uint8Array>): Promise<Uint8Array> {
  const stream = createDeflateRaw();
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (const part of parts()) {
    if (!stream.write(part)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await done;
  return Buffer.concat(out);
}
