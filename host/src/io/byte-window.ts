import { closeSync, fstatSync, readSync } from 'node:fs';
import { openRegularFile } from './regular-file.js';

/**
 * Positional reads of an object too large to hold in memory: `bytes(at, n)` returns
 * `n` bytes from offset `at` (fewer at the end), reading ahead in chunks so that walking
 * many small elements costs few system calls, and never holding more than one chunk or
 * the one value asked for. A returned array stays valid (it is never reused).
 */
export interface ByteWindow {
  /** Total size in bytes. */
  readonly size: number;
  /** Bytes `[at, at + n)`, clipped to the end. */
  bytes(at: number, n: number): Uint8Array;
}

/** A {@link ByteWindow} that also reads ranges into new arrays (what a header parse reads). */
export interface ReadableWindow extends ByteWindow {
  /** Bytes `[at, at + n)` (clipped to the end) in a new array. */
  read(at: number, n: number): Uint8Array;
}

/** A {@link ByteWindow} over bytes already in memory. */
export class MemoryWindow implements ByteWindow {
  readonly size: number;

  constructor(private readonly data: Uint8Array) {
    this.size = data.length;
  }

  bytes(at: number, n: number): Uint8Array {
    return this.data.subarray(at, at + n);
  }
}

/** Read-ahead of {@link FileWindow}: from 4 KiB after a jump, doubling while reads follow on, up to 256 KiB. */
const MIN_AHEAD = 4 * 1024;
const MAX_AHEAD = 256 * 1024;

/** A {@link ByteWindow} over an open file descriptor (read with `pread`, never all at once). */
export class FileWindow implements ReadableWindow {
  readonly size: number;
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkAt = 0;
  private ahead = MIN_AHEAD;
  /** Bytes read from the file so far (for tests that prove what was not read). */
  bytesRead = 0;

  constructor(
    readonly fd: number,
    size?: number,
  ) {
    this.size = size ?? fstatSync(fd).size;
  }

  bytes(at: number, n: number): Uint8Array {
    const want = Math.max(0, Math.min(n, this.size - at));
    if (at >= this.chunkAt && at + want <= this.chunkAt + this.chunk.length) return this.chunk.subarray(at - this.chunkAt, at - this.chunkAt + want);
    if (want > MAX_AHEAD) return this.read(at, want);
    // Reads that follow on from the last chunk (walking many small elements) read ahead more;
    // a jump (past a value that was skipped) starts small again.
    const followsOn = at >= this.chunkAt && at <= this.chunkAt + this.chunk.length;
    this.ahead = followsOn ? Math.min(MAX_AHEAD, this.ahead * 2) : MIN_AHEAD;
    this.chunk = this.read(at, Math.min(Math.max(want, this.ahead), this.size - at));
    this.chunkAt = at;
    return this.chunk.subarray(0, want);
  }

  /** Exactly `n` bytes at `at` (no read-ahead): for values that are read once. */
  read(at: number, n: number): Uint8Array {
    const out = Buffer.allocUnsafe(n);
    const done = this.fill(out, 0, at);
    // A plain Uint8Array: its subarrays are cheaper than a Buffer's.
    return new Uint8Array(out.buffer, out.byteOffset, done);
  }

  /** Reads from file offset `at` into `target` from `offset` to its end (less at the end of the file); returns the bytes read. */
  private fill(target: Uint8Array, offset: number, at: number): number {
    let done = 0;
    while (offset + done < target.length) {
      const got = readSync(this.fd, target, offset + done, target.length - offset - done, at + done);
      if (got === 0) break;
      done += got;
    }
    this.bytesRead += done;
    return done;
  }
}

/**
 * Runs `fn` with a {@link FileWindow} on `path`, closing the file afterwards (once a returned
 * promise settles). Only a regular file is read: a FIFO or a device throws FileProblem (see
 * openRegularFile), never blocks or reads forever.
 */
export function withFileWindow<T>(path: string, fn: (window: FileWindow) => T): T {
  const { fd, size } = openRegularFile(path);
  let result: T;
  try {
    result = fn(new FileWindow(fd, size));
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => closeSync(fd)) as T;
  closeSync(fd);
  return result;
}
