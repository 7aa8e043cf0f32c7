import type { ByteWindow } from './byte-window.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parsePreface, type Preface } from './parse-part10.js';

/**
 * The preface of a file (preamble, File Meta Information, transfer syntax, where the data
 * set starts), reading more of its start while the File Meta Information is cut off.
 */
export function readPreface(window: ByteWindow): Preface {
  // 4 KiB hold the File Meta Information of nearly every object; a window over slices copies what it reads.
  for (let n = 4 * 1024; ; n *= 4) {
    try {
      return parsePreface(window.bytes(0, n));
    } catch (e) {
      if (!isAtriumError(e, 'ATRIUM_ERR_PARSE_TRUNCATED') || n >= window.size) throw e;
    }
  }
}
