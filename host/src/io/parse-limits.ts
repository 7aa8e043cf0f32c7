import { AtriumError } from '../errors/atrium-error.js';
import { cappedPath } from './capped-path.js';
import { formatTag } from './parse-error.js';

/**
 * How much of an object the parser builds in memory. Every element, item and fragment
 * read into a {@link DataSet} costs memory out of proportion to its bytes in the file
 * (about 170 bytes for an element whose value takes 2 bytes, 140 for an empty item of 8
 * bytes), so an object of a few megabytes made of nothing but empty items or elements
 * would need gigabytes. The parser refuses such an object once a limit is passed, with
 * `ATRIUM_ERR_PARSE_LIMIT` naming the limit, the element and the byte offset.
 *
 * The counts allowed grow with the size of the object ({@link allowedCount}): a large
 * object pays for its elements with its bytes. With the defaults, reading an object of N
 * bytes needs at most about 90 MB + N/3 for its elements, so `import`, `show` and
 * `render` stay under 256 MB + 1.5 N; a 10,000-frame Enhanced MR (Per-frame Functional
 * Groups of some 30 elements and 10 items per frame) and sequences nested 256 deep are
 * read. A site that receives larger objects raises a limit with `atrium config set`.
 */
export interface ParseLimits {
  /** Deepest sequence nesting read: the items of a top-level sequence are at depth 1. Default 256. */
  readonly maxDepth: number;
  /**
   * Data elements in one object at every nesting level, items and Pixel Data fragments
   * read into memory included: this many plus one per {@link BYTES_PER_EXTRA_ELEMENT}
   * bytes of the object. Default 500,000.
   */
  readonly maxElements: number;
  /**
   * Sequence items in one object at every nesting level, and Pixel Data fragments read
   * into memory: this many plus one per {@link BYTES_PER_EXTRA_ITEM} bytes of the object.
   * Default 250,000.
   */
  readonly maxItems: number;
  /** Bytes a deflated data set may inflate to (Deflated Explicit VR Little Endian). Default 512 MiB. */
  readonly maxInflatedBytes: number;
}

/** The documented defaults of {@link ParseLimits}. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxDepth: 256,
  maxElements: 500_000,
  maxItems: 250_000,
  maxInflatedBytes: 512 * 1024 * 1024,
});

/** An object earns one element more than `maxElements` per this many bytes (elements cost ~170 bytes of memory, a third of it). */
export const BYTES_PER_EXTRA_ELEMENT = 512;
/** An object earns one item more than `maxItems` per this many bytes. */
export const BYTES_PER_EXTRA_ITEM = 1024;

/** How many elements or items an object of `objectBytes` bytes may hold under `limits`. */
export function allowedCount(limits: ParseLimits, limit: 'maxElements' | 'maxItems', objectBytes: number): number {
  return limits[limit] + Math.floor(objectBytes / (limit === 'maxElements' ? BYTES_PER_EXTRA_ELEMENT : BYTES_PER_EXTRA_ITEM));
}

/** The name of one limit of {@link ParseLimits}. */
export type ParseLimitName = keyof ParseLimits;

/**
 * The refusal of an object past a limit: `ATRIUM_ERR_PARSE_LIMIT`, naming the limit, its
 * value, the tag path and the byte offset where it was passed.
 */
export function limitError(limit: ParseLimitName, value: number, what: string, path: readonly number[], offset: number): AtriumError {
  const where = path.length > 0 ? ` in ${cappedPath(path.map(formatTag))}` : '';
  const scaled = limit === 'maxElements' || limit === 'maxItems' ? ', plus one per ' + (limit === 'maxElements' ? BYTES_PER_EXTRA_ELEMENT : BYTES_PER_EXTRA_ITEM) + ' bytes of the object' : '';
  return new AtriumError(
    'ATRIUM_ERR_PARSE_LIMIT',
    `${what} (limit ${limit} = ${value}${scaled})${where} at byte offset ${offset}; a site that needs more raises it with \`atrium config set ${limit} <n>\``,
    { limit, value, tagPath: path.map(formatTag), offset },
  );
}

/**
 * Counts what the parse of one object has built against the limits (items count as
 * elements too: each costs memory as one).
 */
export class ParseBudget {
  private elements = 0;
  private items = 0;
  private readonly maxElements: number;
  private readonly maxItems: number;

  /** `objectBytes`: the size of the whole object (the file), which earns its allowance. */
  constructor(
    readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
    objectBytes = 0,
  ) {
    this.maxElements = allowedCount(limits, 'maxElements', objectBytes);
    this.maxItems = allowedCount(limits, 'maxItems', objectBytes);
  }

  /** One more data element at `offset`; throws past the elements allowed. */
  element(path: readonly number[], tag: number, offset: number): void {
    if (++this.elements > this.maxElements) {
      throw limitError('maxElements', this.limits.maxElements, `more than ${this.maxElements} data elements in one object`, [...path, tag], offset);
    }
  }

  /** One more item (or Pixel Data fragment) at `offset`; throws past the items (or elements) allowed. */
  item(path: readonly number[], offset: number): void {
    if (++this.items > this.maxItems) {
      throw limitError('maxItems', this.limits.maxItems, `more than ${this.maxItems} sequence items in one object`, path, offset);
    }
    if (++this.elements > this.maxElements) {
      throw limitError('maxElements', this.limits.maxElements, `more than ${this.maxElements} data elements and items in one object`, path, offset);
    }
  }

  /** Entering items at nesting `depth`; throws past `maxDepth`. */
  depth(depth: number, path: readonly number[], offset: number): void {
    if (depth > this.limits.maxDepth) {
      throw limitError('maxDepth', this.limits.maxDepth, `sequences nested deeper than ${this.limits.maxDepth}`, path, offset);
    }
  }
}
