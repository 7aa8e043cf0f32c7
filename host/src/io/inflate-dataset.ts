import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inflate } from 'pako';
import { AtriumError } from '../errors/atrium-error.js';
import { FileWindow, MemoryWindow, type ByteWindow } from './byte-window.js';
import { parseError } from './parse-error.js';
import { limitError } from './parse-limits.js';
import { fileProblem } from './regular-file.js';
import { tempFileName } from '../core/temp-file-name.js';

/**
 * A deflated data set that inflates to at most this many bytes is held in memory; a larger one
 * goes to a temporary file. Together with the elements the limits allow, reading it stays within
 * the documented 256 MB + 1.5 N.
 */
export const INFLATED_IN_MEMORY_BYTES = 32 * 1024 * 1024;

/** Deflated bytes fed to the inflater at a time. */
const INPUT_CHUNK = 256 * 1024;
/** Inflated bytes per output chunk: what the inflate holds at a time. */
const OUTPUT_CHUNK = 1024 * 1024;

/**
 * The inflated bytes of a deflated data set, from {@link inflateDataset}: `window` reads them
 * (offset 0 their first byte); `bytes` are they when held in memory (up to
 * {@link INFLATED_IN_MEMORY_BYTES}), else `window` reads a temporary file; `close` releases it.
 */
export type InflatedDataset =
  | { readonly window: MemoryWindow; readonly bytes: Uint8Array; close(): void }
  | { readonly window: FileWindow; readonly bytes?: undefined; close(): void };

/** Options of {@link inflateDataset}. */
export interface InflateOptions {
  /** Refused past this many inflated bytes (the `maxInflatedBytes` limit). */
  readonly maxBytes: number;
  /** Folder of the temporary file: a disk (the store's `tmp/`), not a memory file system. Default: the system's. */
  readonly tempDir?: string;
}

/**
 * Inflates the deflated data set (PS3.5 §A.5) in `source` from `start` to its end as a stream,
 * never holding more than one output chunk beyond what it keeps: up to
 * {@link INFLATED_IN_MEMORY_BYTES} in memory, more in a temporary file, removed from its folder
 * as soon as it is created (the open descriptor keeps it until `close`, so nothing is left
 * behind, even by a crash). Throws ATRIUM_ERR_PARSE_LIMIT (`maxInflatedBytes`) as soon as the
 * output passes `maxBytes`, ATRIUM_ERR_PARSE_MALFORMED for a stream that cannot be inflated,
 * ATRIUM_ERR_INFLATE_TEMP_FILE when the temporary file cannot be written (no space left ...).
 * Offsets in messages: `start`.
 */
export function inflateDataset(source: ByteWindow, start: number, options: InflateOptions): InflatedDataset {
  const sink = new InflatedSink(start, options);
  const inflater = new Inflate({ raw: true, chunkSize: OUTPUT_CHUNK });
  inflater.onData = (chunk) => sink.write(chunk);
  try {
    for (let at = start; !inflater.ended; at += INPUT_CHUNK) {
      inflater.push(source.bytes(at, INPUT_CHUNK), at + INPUT_CHUNK >= source.size);
    }
    if (inflater.err !== 0) throw parseError('MALFORMED', `deflated dataset cannot be inflated (${inflater.msg || 'unexpected end of file'})`, [], start);
    return sink.finish();
  } catch (e) {
    sink.discard();
    throw e;
  }
}

/** Where the inflated chunks go: memory, then a temporary file once they pass the in-memory size. */
class InflatedSink {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private fd: number | undefined;

  constructor(
    private readonly offset: number,
    private readonly options: InflateOptions,
  ) {}

  write(chunk: Uint8Array): void {
    this.size += chunk.length;
    const { maxBytes } = this.options;
    if (this.size > maxBytes) throw limitError('maxInflatedBytes', maxBytes, `the deflated data set inflates to more than ${maxBytes} bytes`, [], this.offset);
    if (this.fd === undefined && this.size <= INFLATED_IN_MEMORY_BYTES) {
      this.chunks.push(chunk);
      return;
    }
    if (this.fd === undefined) {
      this.fd = this.openTemp();
      for (const c of this.chunks) this.append(c);
      this.chunks = [];
    }
    this.append(chunk);
  }

  finish(): InflatedDataset {
    const fd = this.fd;
    if (fd !== undefined) return { window: new FileWindow(fd, this.size), close: () => closeSync(fd) };
    const bytes = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    return { window: new MemoryWindow(bytes), bytes, close: () => undefined };
  }

  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.chunks = [];
  }

  /** A new file in the temp folder, open for reading and writing and already removed from the folder. */
  private openTemp(): number {
    const dir = this.options.tempDir ?? tmpdir();
    const path = join(dir, tempFileName('inflate-'));
    try {
      const fd = openSync(path, 'wx+', 0o600);
      unlinkSync(path);
      return fd;
    } catch (e) {
      throw this.tempError(dir, e);
    }
  }

  private append(chunk: Uint8Array): void {
    try {
      for (let done = 0; done < chunk.length; ) done += writeSync(this.fd!, chunk, done);
    } catch (e) {
      throw this.tempError(this.options.tempDir ?? tmpdir(), e);
    }
  }

  private tempError(dir: string, e: unknown): AtriumError {
    return new AtriumError('ATRIUM_ERR_INFLATE_TEMP_FILE', `the deflated data set inflates to more than ${INFLATED_IN_MEMORY_BYTES} bytes and goes to a temporary file in ${dir}, which ${fileProblem(e)}`, { tempDir: dir }, { cause: e });
  }
}
