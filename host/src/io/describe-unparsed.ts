import type { AtriumError } from '../errors/atrium-error.js';
import { looksLikeDicom } from './looks-like-dicom.js';

/** What a file the DICOM parser refused is, in words, and whether it is DICOM cut short. */
export interface UnparsedFile {
  /** DICOM whose data ends inside an element (the parser's ATRIUM_ERR_PARSE_TRUNCATED). */
  readonly truncated: boolean;
  /** `a truncated DICOM file (DICM preamble found, data ends early at byte 1000: …)`, `a file of 12 bytes that is not DICOM (…)`. */
  readonly found: string;
}

/**
 * Say what a file is that `parseDicom` refused with `error`: empty; DICOM cut short (the DICM
 * prefix after its preamble, or a bare data set, and a truncation: the data ends at the file's
 * size); DICOM that is damaged otherwise; or not DICOM at all — so that a reader never calls a
 * truncated DICOM file "not DICOM".
 */
export function describeUnparsed(bytes: Uint8Array, error: AtriumError): UnparsedFile {
  if (bytes.length === 0) return { truncated: false, found: 'an empty file' };
  const dicom = looksLikeDicom(bytes);
  const preamble = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM' ? 'DICM preamble found' : 'a data set without preamble';
  if (dicom && error.code === 'ATRIUM_ERR_PARSE_TRUNCATED') return { truncated: true, found: `a truncated DICOM file (${preamble}, data ends early at byte ${bytes.length}: ${error.message})` };
  if (dicom) return { truncated: false, found: `a damaged DICOM file (${preamble}: ${error.message})` };
  return { truncated: false, found: `a file of ${bytes.length} bytes that is not DICOM (${error.message})` };
}
