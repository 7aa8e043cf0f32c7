import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAtriumError } from '../errors/atrium-error.js';
import type { ParseLimits } from './parse-limits.js';
import { parseDicom, type DicomFile } from './parse-part10.js';

/**
 * Header-only read of a file for indexing: reads only as many bytes as the header needs
 * (starting with `initialBytes`, growing fourfold), parsing up to Pixel Data. Falls back to
 * the whole file when the header is longer, the dataset is deflated, or there is no Pixel
 * Data. Throws the parser's AtriumError for a file that is not valid DICOM.
 */
export function readDicomHeader(path: string, initialBytes = 64 * 1024, limits?: ParseLimits): DicomFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let want = Math.min(size, initialBytes);
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      const n = readSync(fd, buf, 0, want, 0);
      const bytes = buf.subarray(0, n);
      if (n >= size) return parseDicom(bytes, { headerOnly: true, objectBytes: size, ...(limits ? { limits } : {}) });
      try {
        const file = parseDicom(bytes, { headerOnly: true, objectBytes: size, ...(limits ? { limits } : {}) });
        if (file.stoppedAtPixelData) return file;
      } catch (e) {
        // A cut inside the header reads as truncated (or, for deflate, as a broken stream): read more.
        if (!isAtriumError(e)) throw e;
      }
      want = Math.min(size, want * 4);
    }
  } finally {
    closeSync(fd);
  }
}
