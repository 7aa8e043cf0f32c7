import { createHash } from 'node:crypto';
import type { DicomFile } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import type { FileStore } from './file-store.js';

/** What the store writes for an admitted object, however it holds it. */
export interface StoredContent {
  /** Bytes the stored file will take. */
  readonly size: number;
  /** Writes the file at `relPath` atomically (see {@link FileStore.writeAtomic}). */
  write(files: FileStore, relPath: string, sync: boolean): void;
  /** SHA-256 (hex) of the stored file, once written. */
  sha256(): string;
}

/**
 * An object held in memory: stored as received, or, without File Meta Information, with
 * one generated.
 */
export function inMemoryContent(file: DicomFile, bytes: Uint8Array): StoredContent {
  const stored = file.meta ? bytes : writePart10(file);
  return {
    size: stored.length,
    write: (files, relPath, sync) => files.writeAtomic(relPath, stored, { sync }),
    sha256: () => createHash('sha256').update(stored).digest('hex'),
  };
}
