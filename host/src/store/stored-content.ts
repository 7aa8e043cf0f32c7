import { createHash, webcrypto } from 'node:crypto';
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
  /**
   * Computes the SHA-256 on libuv's thread pool, so that a later {@link sha256} returns it at
   * once; resolves when done (never rejects: on failure {@link sha256} hashes itself).
   */
  hashAhead?(): Promise<void>;
}

/** The bytes of an object held in memory. */
export function inMemoryContent(bytes: Uint8Array): StoredContent {
  return {
    size: bytes.length,
    slices: [bytes],
    fill: (fd) => writeAll(fd, bytes),
    ...hashedAhead([bytes]),
  };
}

/**
 * The bytes of an object held as consecutive slices (a File Meta Information and the PDVs
 * of a C-STORE data set): written with `writev` straight from the slices; hashed on the
 * thread pool from one reused copy (`hashAhead`, while the file is written) or on the event
 * loop when asked.
 */
export function slicedContent(slices: readonly Uint8Array[]): StoredContent {
  return {
    size: slices.reduce((n, s) => n + s.length, 0),
    slices,
    fill: (fd) => writevAll(fd, slices),
    ...hashedAhead(slices),
  };
}

/** Objects up to this size are hashed off the event loop (copied once into a reused buffer); larger ones on it, when asked. */
const AHEAD_MAX_BYTES = 4 * 1024 * 1024;

/** The reused buffer the slices of an object are joined in for the thread pool's digest (which copies its input at once). */
let joined = new Uint8Array(0);

/** `sha256` and `hashAhead` of an object held as slices in memory: the digest computed once, on the thread pool when asked ahead. */
function hashedAhead(slices: readonly Uint8Array[]): Pick<StoredContent, 'sha256' | 'hashAhead'> {
  let digest: string | undefined;
  return {
    sha256: () => (digest ??= sha256Of(slices)),
    hashAhead: async () => {
      if (digest !== undefined) return;
      const size = slices.reduce((n, s) => n + s.length, 0);
      if (size > AHEAD_MAX_BYTES) return;
      let input: Uint8Array;
      if (slices.length === 1) input = slices[0]!;
      else {
        if (joined.length < size) joined = new Uint8Array(Math.min(AHEAD_MAX_BYTES, Math.max(size, 2 * joined.length)));
        let at = 0;
        for (const s of slices) {
          joined.set(s, at);
          at += s.length;
        }
        input = joined.subarray(0, size);
      }
      try {
        // WebCrypto's digest copies `input` before it returns, and hashes on the thread pool.
        const hashed = await webcrypto.subtle.digest('SHA-256', input);
        digest ??= Buffer.from(hashed).toString('hex');
      } catch {
        // sha256() hashes on the event loop instead.
      }
    },
  };
}

function sha256Of(slices: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const s of slices) hash.update(s);
  return hash.digest('hex');
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
