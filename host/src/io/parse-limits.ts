import { AtriumError } from '../errors/atrium-error.js';
import { formatTag } from './parse-error.js';

/**
 * How much of an object the parser builds in memory. Every element, item and fragment
 * read into a {@link DataSet} costs memory out of proportion to its bytes in the file
 * (about 170 bytes for an element whose value takes 2 bytes, 140 for an empty item of 8
 * bytes), so an object of a few megabytes made of nothing but empty items or elements
 * would need gigabytes. The parser refuses such an object once a limit is passed, with
 * `ATRIUM_ERR_PARSE_LIMIT` naming the limit, the element and the byte offset.
 *
 * The defaults keep the parse of any object under about 180 MB of memory, while a
 * 10,000-frame Enhanced MR (Per-frame Functional Groups of some 30 elements and 10
 * items per frame) and sequences nested 256 deep are read. A site that receives larger
 * objects raises them with `atrium config set` (store settings `maxElements`,
 * `maxItems`, `maxDepth`).
 */
export interface ParseLimits {
  /** Deepest sequence nesting read: the items of a top-level sequence are at depth 1. Default 256. */
  readonly maxDepth: number;
  /** Data elements in one object, counted at every nesting level. Default 750,000. */
  readonly maxElements: number;
  /**
   * Sequence items in one object, at every nesting level, plus the fragments of
   * encapsulated Pixel Data when it is read into memory. Default 250,000.
   */
  readonly maxItems: number;
  /** Bytes a deflated data set may inflate to (Deflated Explicit VR Little Endian). Default 512 MiB. */
  readonly maxInflatedBytes: number;
}

/** The documented defaults of {@link ParseLimits}. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxDepth: 256,
  maxElements: 750_000,
  maxItems: 250_000,
  maxInflatedBytes: 512 * 1024 * 1024,
});

/** The name of one limit of {@link ParseLimits}. */
export type ParseLimitName = keyof ParseLimits;

/**
 * The refusal of an object past a limit: `ATRIUM_ERR_PARSE_LIMIT`, naming the limit, its
 * value, the tag path and the byte offset where it was passed.
 */
export function limitError(limit: ParseLimitName, value: number, what: string, path: readonly number[], offset: number): AtriumError {
  const where = path.length > 0 ? ` in ${path.map(formatTag).join(' > ')}` : '';
  return new AtriumError(
    'ATRIUM_ERR_PARSE_LIMIT',
    `${what} (limit ${limit} = ${value})${where} at byte offset ${offset}; a site that needs more raises it with \`atrium config set ${limit} <n>\``,
    { limit, value, tagPath: path.map(formatTag), offset },
  );
}

/** Counts what a parse has built so far against the limits; shared by one object's whole parse. */
export class ParseBudget {
  private elements = 0;
  private items = 0;

  constructor(readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS) {}

  /** One more data element at `offset`; throws past `maxElements`. */
  element(path: readonly number[], tag: number, offset: number): void {
    if (++this.elements > this.limits.maxElements) {
      throw limitError('maxElements', this.limits.maxElements, `more than ${this.limits.maxElements} data elements in one object`, [...path, tag], offset);
    }
  }

  /** One more item (or Pixel Data fragment) at `offset`; throws past `maxItems`. */
  item(path: readonly number[], offset: number): void {
    if (++this.items > this.limits.maxItems) {
      throw limitError('maxItems', this.limits.maxItems, `more than ${this.limits.maxItems} sequence items in one object`, path, offset);
    }
  }

  /** Entering items at nesting `depth`; throws past `maxDepth`. */
  depth(depth: number, path: readonly number[], offset: number): void {
    if (depth > this.limits.maxDepth) {
      throw limitError('maxDepth', this.limits.maxDepth, `sequences nested deeper than ${this.limits.maxDepth}`, path, offset);
    }
  }
}
