import { Tag } from '@atrium/sdk';

/**
 * Builds an encapsulated Pixel Data value (PS3.5 A.4): a Basic Offset Table item holding
 * the offset of each frame's item from the end of the table item, then one fragment item
 * per frame (odd lengths padded with a trailing 0x00 to even), then the Sequence Delimitation
 * Item. The element header (7FE0,0010 OB, undefined length) is the writer's job. When the
 * offsets would not fit in 32 bits the Basic Offset Table is left empty, as PS3.5 allows.
 */
export function encapsulate(frames: readonly Uint8Array[]): Uint8Array {
  const padded = frames.map((f) => f.length + (f.length & 1));
  const offsets: number[] = [];
  let position = 0;
  for (const length of padded) {
    offsets.push(position);
    position += 8 + length;
  }
  const withTable = position <= 0xffffffff;
  const tableLength = withTable ? 4 * frames.length : 0;
  const out = new Uint8Array(8 + tableLength + position + 8);
  const view = new DataView(out.buffer);
  let at = 0;
  const header = (tag: number, length: number): void => {
    view.setUint16(at, tag >>> 16, true);
    view.setUint16(at + 2, tag & 0xffff, true);
    view.setUint32(at + 4, length, true);
    at += 8;
  };
  header(Tag.Item, tableLength);
  if (withTable) {
    for (const offset of offsets) {
      view.setUint32(at, offset, true);
      at += 4;
    }
  }
  frames.forEach((frame, i) => {
    header(Tag.Item, padded[i]!);
    out.set(frame, at);
    at += padded[i]!;
  });
  header(Tag.SequenceDelimitationItem, 0);
  return out;
}
