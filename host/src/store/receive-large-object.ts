import { createHash, type Hash } from 'node:crypto';
import { closeSync, readSync, statSync } from 'node:fs';
import { withFileWindow } from '../io/byte-window.js';
import { ParseBudget, type ParseLimits } from '../io/parse-limits.js';
import { readDeflatedObject } from '../io/deflated-object.js';
import type { DicomFile } from '../io/parse-part10.js';
import { readHeader } from '../io/read-dicom-header.js';
import { readPreface } from '../io/read-preface.js';
import { openRegularFile } from '../io/regular-file.js';
import { walkDataset } from '../io/walk-dataset.js';
import { writeAll } from './file-store-impl.js';
import type { StoreOutcome } from './store-outcome.js';
import type { StoredContent } from './stored-content.js';

/**
 * Objects up to this size are read into memory to be stored; larger ones are read in
 * place (the header parsed, the rest walked) and copied into the store in chunks, so that
 * storing an object of any size up to `maxObjectBytes` needs little more memory than its
 * header.
 */
export const IN_MEMORY_MAX_BYTES = 64 * 1024 * 1024;

/** Chunk of the streamed copies. */
const COPY_CHUNK = 4 * 1024 * 1024;

/** The refusal of an object larger than the `maxObjectBytes` setting; nothing is copied. */
export function tooLarge(size: number, max: number): StoreOutcome {
  return {
    status: 'rejected',
    code: 'ATRIUM_ERR_STORE_TOO_LARGE',
    reason: `the object is ${size} bytes, more than the largest stored (maxObjectBytes = ${max}; \`atrium config set maxObjectBytes <size>\` raises it); not stored and not copied to quarantine`,
  };
}

/**
 * Reads a large object in place: the whole data set walked to its end without being held
 * (the same structure checks and limits as a full parse, so an object past a limit is
 * refused before anything of it is built; Pixel Data fragments are not held and not
 * counted), then its header (everything before Pixel Data) parsed. A deflated data set
 * is inflated as a stream (`maxInflatedBytes`; a large one into a temporary file in
 * `tempDir`) and read from there the same way (see readDeflatedObject). Throws the
 * parser's ATRIUM_ERR_PARSE_* errors.
 */
export function readLargeObject(path: string, size: number, limits: ParseLimits, tempDir?: string): DicomFile {
  return withFileWindow(path, (window) => {
    const preface = readPreface(window);
    if (preface.transferSyntax.deflated) return readDeflatedObject(window, preface, { limits, objectBytes: size, ...(tempDir ? { tempDir } : {}) });
    const walk = walkDataset(window, preface.datasetStart, size, preface.transferSyntax, new ParseBudget(limits, size));
    for (let step = walk.next(); !step.done; step = walk.next());
    return readHeader(window, undefined, limits);
  });
}

/**
 * A large object's stored content: `header` (empty for a file with File Meta Information;
 * else the generated one, see `part10Header`) followed by the file's bytes unchanged —
 * copied in chunks, hashed on the way.
 */
export function streamedContent(path: string, size: number, header: Uint8Array): StoredContent {
  let digest: string | undefined;
  return {
    size: header.length + size,
    fill(fd: number): void {
      const hash = createHash('sha256').update(header);
      writeAll(fd, header);
      copyInto(fd, path, size, hash);
      digest = hash.digest('hex');
    },
    sha256: () => {
      if (digest === undefined) throw new Error('streamedContent: sha256 before fill');
      return digest;
    },
  };
}

/** A received file too large to hold in memory, as a refusal keeps it in quarantine (copied in chunks). */
export interface ReceivedFile {
  readonly path: string;
  readonly size: number;
  sha256(): string;
}

/** The {@link ReceivedFile} at `path` (its hash read in chunks when asked for). */
export function receivedFile(path: string, size = statSync(path).size): ReceivedFile {
  return { path, size, sha256: () => fileSha256(path) };
}

/** Copies the first `length` bytes of the file at `path` (all of it by default) to `fd` in chunks, feeding `hash`. */
export function copyInto(fd: number, path: string, length = Infinity, hash?: Hash): void {
  const src = openRegularFile(path).fd;
  try {
    const chunk = Buffer.allocUnsafe(COPY_CHUNK);
    for (let at = 0; at < length; ) {
      const n = readSync(src, chunk, 0, Math.min(COPY_CHUNK, length - at), at);
      if (n === 0) break;
      const part = chunk.subarray(0, n);
      hash?.update(part);
      writeAll(fd, part);
      at += n;
    }
  } finally {
    closeSync(src);
  }
}

/** SHA-256 (hex) of a file, read in chunks. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const src = openRegularFile(path).fd;
  try {
    const chunk = Buffer.allocUnsafe(COPY_CHUNK);
    for (let at = 0, n; (n = readSync(src, chunk, 0, COPY_CHUNK, at)) > 0; at += n) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(src);
  }
  return hash.digest('hex');
}
