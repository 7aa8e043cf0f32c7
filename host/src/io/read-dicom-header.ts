import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { withFileWindow, type ReadableWindow } from './byte-window.js';
import { readDeflatedObject } from './deflated-object.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { parseDicom, type DicomFile } from './parse-part10.js';
import { readPreface } from './read-preface.js';

/** Most bytes of a file's start read into memory for its header: 2 GiB. */
const MAX_HEADER_BYTES = 2 ** 31 - 1;

/**
 * Header-only read of a file for indexing: reads only as many bytes as the header needs
 * (starting with `initialBytes`, growing fourfold, or to the whole file once that is past
 * half of it), parsing up to Pixel Data. Falls back to the whole file when the header is
 * longer or there is no Pixel Data — up to 2 GiB: a longer header is refused
 * (ATRIUM_ERR_PARSE_LIMIT). A deflated data set is inflated as a stream, a large one into a
 * temporary file in `tempDir` (see readDeflatedObject). `limits` (and the file's size) bound
 * what the parse builds. Throws the parser's AtriumError for a file that is not valid DICOM.
 */
export function readDicomHeader(path: string, initialBytes = 64 * 1024, limits?: ParseLimits, tempDir?: string): DicomFile {
  return withFileWindow(path, (window) => readHeader(window, initialBytes, limits, tempDir));
}

/** {@link readDicomHeader} of a file already open (or of bytes held in slices, see SliceWindow). */
export function readHeader(window: ReadableWindow, initialBytes = 64 * 1024, limits?: ParseLimits, tempDir?: string): DicomFile {
  const size = window.size;
  const preface = readPreface(window);
  if (preface.transferSyntax.deflated) {
    return readDeflatedObject(window, preface, { limits: limits ?? DEFAULT_PARSE_LIMITS, objectBytes: size, headerOnly: true, ...(tempDir ? { tempDir } : {}) });
  }
  const options = { headerOnly: true, objectBytes: size, ...(limits ? { limits } : {}) };
  for (let want = Math.min(size, initialBytes); ; want = want * 4 >= size / 2 ? size : want * 4) {
    if (want > MAX_HEADER_BYTES) {
      throw new AtriumError('ATRIUM_ERR_PARSE_LIMIT', `the data set before Pixel Data is longer than ${MAX_HEADER_BYTES} bytes, the most read into memory (the file is ${size} bytes)`, { limit: 'headerBytes', value: MAX_HEADER_BYTES, offset: 0 });
    }
    // Read again from the start: the shorter read is garbage before the longer one is made.
    const bytes = window.read(0, want);
    if (bytes.length >= size || bytes.length < want) return parseDicom(bytes, options);
    try {
      const file = parseDicom(bytes, options);
      if (file.stoppedAtPixelData) return file;
    } catch (e) {
      // A cut inside the header reads as truncated (or, for deflate, as a broken stream): read more.
      // A limit passed in the start of the file is passed in the whole of it.
      if (!isAtriumError(e) || e.code === 'ATRIUM_ERR_PARSE_LIMIT') throw e;
    }
  }
}
