import type { ByteWindow } from './byte-window.js';
import { DataSet } from './data-set.js';
import { UNDEFINED_LENGTH, type DataElement } from './data-element.js';
import { SPECIFIC_CHARACTER_SET } from './element-header.js';
import { dumpDataset, dumpLine, valuePrefixBytes, type DumpOptions } from './dump-dataset.js';
import { inflateDataset } from './inflate-dataset.js';
import type { Preface } from './parse-part10.js';
import { readPreface } from './read-preface.js';
import { DEFAULT_PARSE_LIMITS, ParseBudget, type ParseLimits } from './parse-limits.js';
import type { DatasetEncoding } from './transfer-syntax.js';
import { walkDataset, type WalkEvent } from './walk-dataset.js';

/** The listing of a file by {@link dumpFile}. */
export interface FileListing {
  readonly preface: Preface;
  /** The File Meta Information, one line per element. */
  readonly meta: readonly string[];
  /**
   * The data set, one line at a time, as {@link dumpDataset} lists it. The file is read
   * twice (the first pass counts the items of each sequence and the elements of each
   * item), never held: memory is a few bytes per sequence and item. Run it to its end (or
   * `return()` it): a deflated data set's temporary file is released then.
   */
  readonly dataset: Generator<string>;
}

/**
 * The dcmdump-like listing of a file read through `window`, streamed. Only nesting depth
 * is limited (`limits.maxDepth`): a stored object is listed whatever it holds. A deflated
 * data set is inflated as a stream (up to `limits.maxInflatedBytes`; past 32 MiB into a
 * temporary file in `tempDir`, see inflateDataset) and listed from there.
 * Throws the parser's ATRIUM_ERR_PARSE_* errors, before any line of the data set.
 */
export function dumpFile(window: ByteWindow, options: DumpOptions & { readonly limits?: ParseLimits; readonly tempDir?: string } = {}): FileListing {
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  const preface = readPreface(window);
  const { transferSyntax } = preface;
  const inflated = transferSyntax.deflated
    ? inflateDataset(window, preface.datasetStart, { maxBytes: limits.maxInflatedBytes, ...(options.tempDir ? { tempDir: options.tempDir } : {}) })
    : undefined;
  const source = inflated?.window ?? window;
  const start = inflated ? 0 : preface.datasetStart;
  const walk = (): Generator<WalkEvent, number> =>
    walkDataset(source, start, source.size, transferSyntax, new ParseBudget({ ...limits, maxElements: Infinity, maxItems: Infinity }));
  try {
    const counts = countChildren(walk());
    return {
      preface,
      meta: preface.meta ? dumpDataset(preface.meta, options).split('\n') : [],
      dataset: closing(listLines(walk(), counts, source, transferSyntax, options.maxValueChars ?? 64), () => inflated?.close()),
    };
  } catch (e) {
    inflated?.close();
    throw e;
  }
}

/** `lines`, then `close()` once they are done or abandoned. */
function* closing(lines: Generator<string>, close: () => void): Generator<string> {
  try {
    yield* lines;
  } finally {
    close();
  }
}

/** Children of every sequence (its items), item (its elements) and pixel sequence (its items), in walk order. */
function countChildren(events: Generator<WalkEvent, number>): Uint32Array {
  let counts = new Uint32Array(1024);
  let next = 0;
  const open: number[] = [];
  const add = (): number => {
    if (next === counts.length) {
      const grown = new Uint32Array(counts.length * 2);
      grown.set(counts);
      counts = grown;
    }
    return next++;
  };
  const countInParent = (): void => {
    const parent = open[open.length - 1];
    if (parent !== undefined) counts[parent]!++;
  };
  for (const ev of events) {
    switch (ev.kind) {
      case 'element':
        countInParent();
        break;
      case 'sequence':
      case 'item':
      case 'pixelSequence':
        countInParent();
        open.push(add());
        break;
      case 'fragment':
        countInParent();
        break;
      default:
        open.pop();
    }
  }
  return counts.subarray(0, next);
}

function* listLines(events: Generator<WalkEvent, number>, counts: Uint32Array, window: ByteWindow, topEncoding: DatasetEncoding, max: number): Generator<string> {
  let next = 0;
  const encodings: DatasetEncoding[] = [topEncoding];
  const charsets: (readonly string[])[] = [[]];
  let itemsEncoding = topEncoding;
  let fragments = 0;
  for (const ev of events) {
    switch (ev.kind) {
      case 'sequence':
        itemsEncoding = ev.encoding;
        yield dumpLine.sequence(ev.depth, ev.header.tag, ev.vr, ev.header.length === UNDEFINED_LENGTH, counts[next++]!);
        break;
      case 'item':
        encodings[ev.depth] = itemsEncoding;
        charsets[ev.depth] = charsets[ev.depth - 1]!;
        yield dumpLine.item(ev.depth - 1, ev.undefinedLength, counts[next++]!);
        break;
      case 'element': {
        const { header: h, depth } = ev;
        const enc = encodings[depth]!;
        const e: DataElement = { tag: h.tag, vr: h.vr, value: window.bytes(ev.valueOffset, Math.min(h.length, valuePrefixBytes(max))), undefinedLength: false, ...(h.rawVr ? { rawVr: h.rawVr } : {}) };
        if (h.tag === SPECIFIC_CHARACTER_SET) charsets[depth] = new DataSet([e], enc).characterSet;
        yield dumpLine.value(depth, e, h.length, enc, charsets[depth]!, max);
        break;
      }
      case 'pixelSequence':
        fragments = 0;
        yield dumpLine.pixelSequence(0, ev.header.tag, ev.header.vr, Math.max(1, counts[next++]!));
        break;
      case 'fragment':
        fragments++;
        yield ev.index === 0 ? dumpLine.offsetTable(0, ev.length) : dumpLine.fragment(0, ev.index, ev.length);
        break;
      case 'pixelSequenceEnd':
        if (fragments === 0) yield dumpLine.offsetTable(0, 0);
        break;
      case 'sequenceEnd':
        // Back in the enclosing item: its sequences' items are encoded as it is.
        itemsEncoding = encodings[ev.depth]!;
        break;
      default:
        break;
    }
  }
}
