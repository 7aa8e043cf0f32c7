import { readFile, rm } from 'node:fs/promises';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../io/parse-part10.js';
import type { StoreOutcome } from '../store/store-outcome.js';
import type { SpooledPart } from './multipart-reader.js';
import type { WebServices } from './web-services.js';

/**
 * The largest uploaded object read into memory to be stored. A larger part is refused with
 * its size (`ATRIUM_ERR_WEB_PART_TOO_LARGE`) rather than held; the upload goes on.
 */
export const MAX_UPLOADED_OBJECT_BYTES = 1024 * 1024 * 1024;

/** What an upload part must be, besides DICOM. */
export interface PartExpectations {
  /** STOW-RS to `/studies/{study}`: the instance must belong to this study (PS3.18 §10.5). */
  readonly study?: string;
  /** The part's declared media type, when it is not one of ours (refused, bytes kept). */
  readonly wrongType?: string;
}

/**
 * Store one spooled upload part through the store's one receive path (the receive
 * validation, quarantine and events of C-STORE and import), then remove its temp file.
 * A part cut short by the end of the upload, of another media type, of another study than
 * the request's, or too large is refused with a coded reason; the bytes of every refused
 * part that was read are kept in quarantine. Never throws for bad input.
 */
export async function receivePart(services: WebServices, part: SpooledPart, source: string, expect: PartExpectations = {}): Promise<ReceivedPart> {
  const { store } = services.workstation;
  try {
    if (part.size > MAX_UPLOADED_OBJECT_BYTES) {
      return { outcome: { status: 'rejected', code: 'ATRIUM_ERR_WEB_PART_TOO_LARGE', reason: `the part is ${part.size} bytes, more than the ${MAX_UPLOADED_OBJECT_BYTES} an uploaded object may have; not stored`, quarantinePath: '' } };
    }
    const bytes = new Uint8Array(await readFile(part.path));
    const { StudyInstanceUID, SOPClassUID } = identityOf(bytes);
    const refuse = (code: string, reason: string, details: Record<string, unknown> = {}): ReceivedPart => ({ outcome: store.refuse(bytes, source, { code, reason, details }), ...(SOPClassUID ? { SOPClassUID } : {}) });
    if (part.incomplete) return refuse('ATRIUM_ERR_WEB_PART_INCOMPLETE', `the upload ended inside this part (${part.size} bytes came): it is incomplete`, { size: part.size });
    if (expect.wrongType !== undefined) return refuse('ATRIUM_ERR_WEB_PART_TYPE', `the part is ${expect.wrongType}, not application/dicom`, { contentType: expect.wrongType });
    if (expect.study !== undefined && StudyInstanceUID !== undefined && StudyInstanceUID !== expect.study) {
      return refuse('ATRIUM_ERR_WEB_STUDY_MISMATCH', `the instance belongs to study ${StudyInstanceUID}, not to study ${expect.study} of the request`, { StudyInstanceUID, expected: expect.study });
    }
    return { outcome: store.receive(bytes, source), ...(SOPClassUID ? { SOPClassUID } : {}) };
  } finally {
    await rm(part.path, { force: true });
  }
}

/** What one part became, and its SOP Class UID when its header could be read (a refusal's outcome does not carry it). */
export interface ReceivedPart {
  readonly outcome: StoreOutcome;
  readonly SOPClassUID?: string;
}

/** The Study Instance and SOP Class UIDs of an object, when it parses far enough to tell (the receive path judges the rest). */
function identityOf(bytes: Uint8Array): { StudyInstanceUID?: string; SOPClassUID?: string } {
  try {
    const ds = parseDicom(bytes, { headerOnly: true }).dataset;
    return { StudyInstanceUID: ds.string(Tag.StudyInstanceUID), SOPClassUID: ds.string(Tag.SOPClassUID) };
  } catch {
    return {};
  }
}
