import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { webError } from './web-error.js';
import { tempFileName } from '../core/temp-file-name.js';

/** One part of a multipart body, spooled to a file. */
export interface SpooledPart {
  /** Header names lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The part's body, in a temp file the caller removes. */
  readonly path: string;
  readonly size: number;
  /** The body ended before the part's closing boundary (a cut upload): the bytes are what came. */
  readonly incomplete: boolean;
}

/** Bounds of {@link spoolMultipart}. */
export interface MultipartLimits {
  /** Most parts (default 100 000). */
  readonly maxParts?: number;
  /** Longest header block of one part (default 16 KiB). */
  readonly maxHeaderBytes?: number;
}

const CRLF = Buffer.from('\r\n');

/** Body bytes gathered before one write to the part's file. */
const WRITE_BATCH = 256 * 1024;

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Read a multipart body (RFC 2046 §5.1; `multipart/related` for STOW-RS, `multipart/form-data`
 * for uploads) from a stream and write each part's body to its own file under `dir`, as it
 * comes: memory stays bounded whatever the size of the body or of a part (the stream is
 * read with back-pressure; at most one chunk and a delimiter's length are held). Resolves
 * with the parts in order; `onPart` sees each as soon as it is complete (and the next part
 * is read only once it has resolved: it may consume and remove the file). A body that ends
 * before its closing delimiter keeps the parts that were complete and marks the last one
 * `incomplete`. @throws AtriumError `ATRIUM_ERR_WEB_BAD_MULTIPART` (no part, a header block
 * that never ends or is too long, too many parts); the files written are removed then.
 */
export async function spoolMultipart(source: AsyncIterable<Uint8Array>, boundary: string, dir: string, limits: MultipartLimits = {}, onPart?: (part: SpooledPart) => Promise<void> | void): Promise<SpooledPart[]> {
  const maxParts = limits.maxParts ?? 100_000;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: SpooledPart[] = [];
  // Changed inside step(): declared wide so that the checks after the loop are not narrowed away.
  let state = 'preamble' as 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';
  let buf: Buffer = Buffer.from(CRLF); // so that a delimiter at the very start is found as "\r\n--boundary"
  let file: { handle: FileHandle; path: string; size: number; headers: Record<string, string>; pending: Buffer[]; pendingBytes: number } | undefined;

  // Body bytes are written in batches, so that a body trickling in tiny chunks costs few writes.
  const flush = async (): Promise<void> => {
    if (!file || file.pendingBytes === 0) return;
    const bytes = Buffer.concat(file.pending);
    file.pending = [];
    file.pendingBytes = 0;
    await file.handle.write(bytes);
  };
  const finishPart = async (incomplete: boolean): Promise<void> => {
    if (!file) return;
    await flush();
    await file.handle.close();
    const part = { headers: file.headers, path: file.path, size: file.size, incomplete };
    parts.push(part);
    file = undefined;
    await onPart?.(part);
  };
  const write = async (bytes: Buffer): Promise<void> => {
    if (!file || bytes.length === 0) return;
    file.pending.push(Buffer.from(bytes)); // a copy: `buf` is reused
    file.pendingBytes += bytes.length;
    file.size += bytes.length;
    if (file.pendingBytes >= WRITE_BATCH) await flush();
  };
  const fail = async (message: string): Promise<never> => {
    if (file) await file.handle.close().catch(() => undefined);
    await Promise.all([...parts.map((p) => p.path), ...(file ? [file.path] : [])].map((p) => rm(p, { force: true })));
    throw webError('ATRIUM_ERR_WEB_BAD_MULTIPART', message, { boundary });
  };

  const step = async (): Promise<boolean> => {
    switch (state) {
      case 'preamble':
      case 'body': {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const keep = Math.min(buf.length, delimiter.length - 1);
          if (state === 'body') await write(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
          return false;
        }
        if (state === 'body') {
          await write(buf.subarray(0, at));
          await finishPart(false);
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter': {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return false;
        }
        const eol = buf.indexOf(CRLF);
        if (eol < 0) return buf.length > 256 ? fail('a boundary line does not end') : false;
        buf = buf.subarray(eol + 2); // transport padding after the boundary is ignored
        state = 'headers';
        return true;
      }
      case 'headers': {
        const end = buf.indexOf('\r\n\r\n');
        const blank = buf.subarray(0, 2).equals(CRLF) ? 0 : -1; // a part without headers
        if (end < 0 && blank < 0) return buf.length > maxHeaderBytes ? fail(`the headers of part ${parts.length + 1} are longer than ${maxHeaderBytes} bytes`) : false;
        if (parts.length >= maxParts) return fail(`more than ${maxParts} parts`);
        const headers = blank === 0 ? {} : parseHeaders(buf.subarray(0, end).toString('latin1'));
        buf = buf.subarray(blank === 0 ? 2 : end + 4);
        const path = join(dir, tempFileName());
        file = { handle: await open(path, 'w'), path, size: 0, headers, pending: [], pendingBytes: 0 };
        state = 'body';
        return true;
      }
      default:
        return false;
    }
  };

  for await (const chunk of source) {
    if (state === 'done') continue; // the epilogue is ignored (but drained)
    buf = buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([buf, chunk]);
    while (await step());
  }
  if (state === 'body') {
    await write(buf);
    await finishPart(true);
  } else if (file) await finishPart(true);
  if (parts.length === 0) return fail(state === 'preamble' ? `no part found: the body has no boundary "${boundary}" (as its Content-Type says)` : 'the body has no complete part');
  return parts;
}
