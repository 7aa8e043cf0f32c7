import { createHash } from 'node:crypto';
import type { FileStore } from './file-store.js';

/** What the store writes for an object it admits, however it holds it. */
export interface StoredContent {
  /** Bytes the stored file takes. */
  readonly size: number;
  /** Writes the file's bytes to a new temp file of `files` (see {@link FileStore.writeTemp}); returns its path. */
  writeTemp(files: FileStore, sync: boolean): string;
  /** SHA-256 (hex) of the stored file's bytes (once written, for a streamed object). */
  sha256(): string;
}

/** The bytes of an object held in memory. */
export function inMemoryContent(bytes: Uint8Array): StoredContent {
  return {
    size: bytes.length,
    writeTemp: (files, sync) => files.writeTemp(bytes, { sync }),
    sha256: () => createHash('sha256').update(bytes).digest('hex'),
  };
}
