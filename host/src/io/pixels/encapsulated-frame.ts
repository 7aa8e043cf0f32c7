import { pixelError } from './pixel-error.js';
import type { FragmentBytes, PixelDataSource } from './pixel-types.js';
import { concatBytes } from '../concat-bytes.js';

type EncapsulatedSource = Extract<PixelDataSource, { kind: 'encapsulated' }>;

/** Index ranges `[first, end)` of the fragments making up each frame. */
type FrameRanges = Array<readonly [number, number]>;

/**
 * The compressed bytes of frame `index` (PS3.5 A.4): the fragments the Extended or Basic
 * Offset Table assigns to it; without a usable table, one fragment per frame when the
 * counts agree, all fragments for a single frame, and finally grouping by start-of-image
 * markers (JPEG/JPEG-LS SOI, J2K SOC, JP2 signature) or JPEG end-of-image markers.
 */
export function encapsulatedFrameBytes(source: EncapsulatedSource, index: number, numberOfFrames: number): Uint8Array {
  const ranges = frameFragmentRanges(source, numberOfFrames);
  const range = ranges[index];
  if (!range) {
    throw pixelError('FRAME_INDEX', `Frame ${index} does not exist; the Pixel Data holds ${ranges.length} frame(s)`, {
      index,
      frames: ranges.length,
    });
  }
  return concatBytes(source.fragments.slice(range[0], range[1]).map((f) => f.subarray(0, f.length)));
}

/** Maps frames to fragment ranges; throws `ATRIUM_ERR_PIXELS_FRAGMENTS` when no rule fits. */
export function frameFragmentRanges(source: EncapsulatedSource, numberOfFrames: number): FrameRanges {
  const { fragments } = source;
  if (fragments.length === 0) throw pixelError('FRAGMENTS', 'Encapsulated Pixel Data has no fragments', {});
  const tables = [source.extendedOffsetTable, source.basicOffsetTable];
  for (const table of tables) {
    if (table && table.length === numberOfFrames) {
      const ranges = rangesFromOffsets(fragments, table);
      if (ranges) return ranges;
    }
  }
  if (fragments.length === numberOfFrames) return fragments.map((_, i) => [i, i + 1] as const);
  if (numberOfFrames === 1) return [[0, fragments.length]];
  const byStart = groupBy(fragments, (f) => startsFrame(f), 'start');
  if (byStart.length === numberOfFrames) return byStart;
  const byEnd = groupBy(fragments, (f) => endsJpeg(f), 'end');
  if (byEnd.length === numberOfFrames) return byEnd;
  throw pixelError(
    'FRAGMENTS',
    `Cannot map ${fragments.length} fragment(s) to ${numberOfFrames} frames: no usable offset table and no marker grouping matches`,
    { fragments: fragments.length, numberOfFrames, basicOffsetTable: source.basicOffsetTable.length },
  );
}

/** Offsets count from the first byte of the first fragment's item tag; each item is 8 header bytes plus its value. */
function rangesFromOffsets(fragments: readonly FragmentBytes[], offsets: readonly number[]): FrameRanges | undefined {
  const starts = new Map<number, number>();
  let position = 0;
  fragments.forEach((f, i) => {
    starts.set(position, i);
    position += 8 + f.length;
  });
  const firsts: number[] = [];
  for (const offset of offsets) {
    const i = starts.get(offset);
    if (i === undefined || (firsts.length > 0 && i <= firsts[firsts.length - 1]!)) return undefined;
    firsts.push(i);
  }
  return firsts.map((first, k) => [first, firsts[k + 1] ?? fragments.length] as const);
}

function groupBy(fragments: readonly FragmentBytes[], marks: (f: FragmentBytes) => boolean, edge: 'start' | 'end'): FrameRanges {
  const ranges: Array<readonly [number, number]> = [];
  let first = 0;
  fragments.forEach((f, i) => {
    if (edge === 'start' && marks(f) && i > first) {
      ranges.push([first, i]);
      first = i;
    }
    if (edge === 'end' && marks(f)) {
      ranges.push([first, i + 1]);
      first = i + 1;
    }
  });
  if (edge === 'start' || first < fragments.length) ranges.push([first, fragments.length]);
  return ranges;
}

function startsFrame(fragment: FragmentBytes): boolean {
  const f = fragment.subarray(0, 8);
  if (f[0] === 0xff && (f[1] === 0xd8 || (f[1] === 0x4f && f[2] === 0xff && f[3] === 0x51))) return true;
  // JP2 signature box: length 12, type 'jP  '.
  return f[0] === 0 && f[1] === 0 && f[2] === 0 && f[3] === 0x0c && f[4] === 0x6a && f[5] === 0x50 && f[6] === 0x20 && f[7] === 0x20;
}

function endsJpeg(fragment: FragmentBytes): boolean {
  // The last 64 bytes tell, unless they are (nearly) all padding: then the whole fragment.
  const tail = fragment.subarray(Math.max(0, fragment.length - 64), fragment.length);
  const ends = (f: Uint8Array): number => {
    let n = f.length;
    while (n > 2 && f[n - 1] === 0) n--; // trailing padding
    return n;
  };
  let f = tail;
  let n = ends(tail);
  if (n <= 2 && tail.length < fragment.length) {
    f = fragment.subarray(0, fragment.length);
    n = ends(f);
  }
  return f[n - 2] === 0xff && f[n - 1] === 0xd9;
}
