import { AtriumError } from '../errors/atrium-error.js';
import { cappedPath } from './capped-path.js';

/** Format a tag as (gggg,eeee). */
export function formatTag(tag: number): string {
  const h = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${h.slice(0, 4)},${h.slice(4)})`;
}

/**
 * A stream that is not valid DICOM. The message names the element (tag path, see
 * {@link cappedPath}; the whole of it in `details.tagPath`) and the byte offset where reading failed. Codes: ATRIUM_ERR_PARSE_TRUNCATED (a length runs
 * past the end of the data), ATRIUM_ERR_PARSE_MALFORMED (a structure that cannot be
 * read), ATRIUM_ERR_PARSE_NOT_DICOM (no DICOM structure at all),
 * ATRIUM_ERR_PARSE_TRANSFER_SYNTAX (a Transfer Syntax UID that is malformed or unknown,
 * so the data set cannot be decoded).
 */
export function parseError(code: 'TRUNCATED' | 'MALFORMED' | 'NOT_DICOM' | 'TRANSFER_SYNTAX', what: string, path: readonly number[], offset: number): AtriumError {
  const where = path.length > 0 ? ` in ${cappedPath(path.map(formatTag))}` : '';
  return new AtriumError(`ATRIUM_ERR_PARSE_${code}`, `${what}${where} at byte offset ${offset}`, {
    tagPath: path.map(formatTag),
    offset,
  });
}
