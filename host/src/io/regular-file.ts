import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What a file-system error means for a user, in words ('a symbolic link loop', ...); its message otherwise. */
export function fileProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'does not exist';
    case 'ELOOP': return 'is a symbolic link loop';
    case 'EACCES':
    case 'EPERM': return 'is not accessible (permission denied)';
    case 'ENOTDIR': return 'has a file where a folder should be in its path';
    case 'EISDIR': return 'is a folder';
    case 'ENAMETOOLONG': return 'has a name too long';
    case 'EEXIST': return 'already exists';
    case 'ENOSPC': return 'cannot be written: no space left on the device';
    case 'EROFS': return 'is on a read-only file system';
    default: return (e as Error).message;
  }
}

/** The kind of a file-system entry, in words ('a folder', 'a FIFO (named pipe)', ...). */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file or folder';
}

/** A path that cannot be read as a regular file: the message says why, `errno` the system's code if any. */
export class FileProblem extends Error {
  constructor(message: string, readonly errno?: string) {
    super(message);
  }
}

/**
 * Open a regular file for reading without ever blocking: opened non-blocking (a FIFO would wait
 * for a writer), then checked with fstat on the open descriptor (no race with a swap after a stat).
 * Returns the descriptor and size; throws {@link FileProblem} ("is a FIFO (named pipe)", "is a
 * symbolic link loop", ...) otherwise.
 */
export function openRegularFile(path: string): { readonly fd: number; readonly size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new FileProblem(fileProblem(e), (e as NodeJS.ErrnoException).code);
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new FileProblem(`is ${kindOf(st)}, not a file`);
  }
  return { fd, size: st.size };
}

/** Runs `fn` on a regular file open for reading (see openRegularFile: never blocks), closing it afterwards. */
export function withRegularFile<T>(path: string, fn: (fd: number, size: number) => T): T {
  const { fd, size } = openRegularFile(path);
  try {
    return fn(fd, size);
  } finally {
    closeSync(fd);
  }
}

/** The first `size` bytes of the open file `fd`, read into `buffer` (at least `size` bytes), as a view of the bytes read. */
export function readStart(fd: number, size: number, buffer: Buffer = Buffer.allocUnsafe(size)): Buffer {
  let done = 0;
  while (done < size) {
    const n = readSync(fd, buffer, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/**
 * The whole content of a regular file (see openRegularFile), read into the buffer `bufferFor(size)`
 * gives (at least `size` bytes; a caller may reuse one), as a view of the bytes read.
 */
export function readRegularFile(path: string, bufferFor: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size)): Buffer {
  return withRegularFile(path, (fd, size) => readStart(fd, size, bufferFor(size)));
}
