import { createHash } from 'node:crypto';
import { writev, writevSync } from 'node:fs';
import { writeAll } from './file-store-impl.js';

/** What the store writes for an object it admits, however it holds it. */
export interface StoredContent {
  /** Bytes the stored file takes. */
  readonly size: number;
  /** Writes the file's bytes at the descriptor's position (a new temp file of the store). */
  fill(fd: number): void;
  /** The bytes, when held in memory (written off the event loop by a receiver that can wait, see writevAllAsync). */
  readonly slices?: readonly Uint8Array[];
  /** SHA-256 (hex) of the stored file's bytes (once written, for a streamed object). */
  sha256(): string;
}

/** The bytes of an object held in memory. */
export function inMemoryContent(bytes: Uint8Array): StoredContent {
  return {
    size: bytes.length,
    slices: [bytes],
    fill: (fd) => writeAll(fd, bytes),
    sha256: () => createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * The bytes of an object held as consecutive slices (a File Meta Information and the PDVs
 * of a C-STORE data set): written with `writev` straight from the slices, hashed when asked
 * (after the answer), never joined.
 */
export function slicedContent(slices: readonly Uint8Array[]): StoredContent {
  return {
    size: slices.reduce((n, s) => n + s.length, 0),
    slices,
    fill: (fd) => writevAll(fd, slices),
    sha256: () => {
      const hash = createHash('sha256');
      for (const s of slices) hash.update(s);
      return hash.digest('hex');
    },
  };
}

/** The most buffers one `writev` takes (IOV_MAX on Linux). */
const IOV_MAX = 1024;

/** Writes every slice, in order, at the descriptor's position: `writev` calls, a short write continued. */
export function writevAll(fd: number, slices: readonly Uint8Array[]): void {
  let pending = slices.filter((s) => s.length > 0);
  while (pending.length > 0) {
    let written = writevSync(fd, pending.slice(0, IOV_MAX) as NodeJS.ArrayBufferView[]);
    let i = 0;
    while (i < pending.length && written >= pending[i]!.length) written -= pending[i++]!.length;
    pending = pending.slice(i);
    if (written > 0) pending[0] = pending[0]!.subarray(written);
  }
}

/** {@link writevAll} on libuv's thread pool: the event loop goes on parsing the next object meanwhile. */
export async function writevAllAsync(fd: number, slices: readonly Uint8Array[]): Promise<void> {
  let pending = slices.filter((s) => s.length > 0);
  while (pending.length > 0) {
    let written = await new Promise<number>((resolve, reject) => writev(fd, pending.slice(0, IOV_MAX) as NodeJS.ArrayBufferView[], (error, n) => (error ? reject(error) : resolve(n))));
    let i = 0;
    while (i < pending.length && written >= pending[i]!.length) written -= pending[i++]!.length;
    pending = pending.slice(i);
    if (written > 0) pending[0] = pending[0]!.subarray(written);
  }
}
