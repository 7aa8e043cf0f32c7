import type { AtriumErrorCode } from '../errors/codes.js';
import { rm } from 'node:fs/promises';
import { Tag } from '@atrium/sdk';
import { readDicomHeader } from '../io/read-dicom-header.js';
import { receivedFile } from '../store/receive-large-object.js';
import type { StoreOutcome } from '../store/store-outcome.js';
import type { SpooledPart } from './multipart-reader.js';
import type { WebServices } from './web-services.js';

/** What an upload part must be, besides DICOM. */
export interface PartExpectations {
  /** STOW-RS to `/studies/{study}`: the instance must belong to this study (PS3.18 §10.5). */
  readonly study?: string;
  /** The part's declared media type, when it is not one of ours (refused, bytes kept). */
  readonly wrongType?: string;
}

/** What one part became, and its SOP Class UID when its header could be read (a refusal's outcome does not carry it). */
export interface ReceivedPart {
  readonly outcome: StoreOutcome;
  readonly SOPClassUID?: string;
}

/**
 * Store one spooled upload part through the store's one receive path for files
 * (`InstanceStore.receiveFile`: the receive validation, quarantine and events of C-STORE and
 * import; an object of any size up to the `maxObjectBytes` setting, read in memory or
 * streamed), then remove its temp file. A part cut short by the end of the upload, of
 * another media type, or of another study than the request's is refused with a coded reason
 * and its bytes kept in quarantine. Never throws for bad input.
 */
export async function receivePart(services: WebServices, part: SpooledPart, source: string, expect: PartExpectations = {}): Promise<ReceivedPart> {
  const { store } = services.workstation;
  try {
    const { StudyInstanceUID, SOPClassUID } = identityOf(part.path);
    const withClass = (outcome: StoreOutcome): ReceivedPart => ({ outcome, ...(SOPClassUID ? { SOPClassUID } : {}) });
    const refuse = (code: AtriumErrorCode, reason: string, details: Record<string, unknown> = {}): ReceivedPart => withClass(store.refuse(receivedFile(part.path, part.size), source, { code, reason, details }));
    if (part.incomplete) return refuse('ATRIUM_ERR_WEB_PART_INCOMPLETE', `the upload ended inside this part (${part.size} bytes came): it is incomplete`, { size: part.size });
    if (expect.wrongType !== undefined) return refuse('ATRIUM_ERR_WEB_PART_TYPE', `the part is ${expect.wrongType}, not application/dicom`, { contentType: expect.wrongType });
    if (expect.study !== undefined && StudyInstanceUID !== undefined && StudyInstanceUID !== expect.study) {
      return refuse('ATRIUM_ERR_WEB_STUDY_MISMATCH', `the instance belongs to study ${StudyInstanceUID}, not to study ${expect.study} of the request`, { StudyInstanceUID, expected: expect.study });
    }
    return withClass(store.receiveFile(part.path, source));
  } finally {
    await rm(part.path, { force: true });
  }
}

/** The Study Instance and SOP Class UIDs of a spooled object, when its header parses far enough to tell (the receive path judges the rest). */
function identityOf(path: string): { StudyInstanceUID?: string; SOPClassUID?: string } {
  try {
    const ds = readDicomHeader(path).dataset;
    return { StudyInstanceUID: ds.string(Tag.StudyInstanceUID), SOPClassUID: ds.string(Tag.SOPClassUID) };
  } catch {
    return {};
  }
}
