import { TransferSyntax } from '@atrium/sdk';
import type { Index, StoredInstance } from '../db/dicom-index.js';
import { query } from '../db/query-engine.js';
import { findUid } from '../db/resolve-uid.js';
import { AtriumError } from '../errors/atrium-error.js';
import type { FileStore } from '../store/file-store.js';
import type { OutgoingInstance } from './scu/store-instances.js';

/** A stored instance as something to send. */
export function outgoingOf(stored: StoredInstance, files: Pick<FileStore, 'read'>): OutgoingInstance {
  const path = stored.file.path;
  return {
    SOPClassUID: stored.instance.SOPClassUID,
    SOPInstanceUID: stored.instance.SOPInstanceUID,
    TransferSyntaxUID: stored.instance.TransferSyntaxUID ?? TransferSyntax.ExplicitVRLittleEndian,
    read: () => files.read(path),
  };
}

/**
 * The stored instances named by `ids`: each a Study, Series or SOP Instance UID, or a
 * Patient ID (all studies of the patient). Duplicates are sent once.
 * @throws AtriumError `ATRIUM_ERR_NET_UNKNOWN_UID` naming the ids that match nothing.
 */
export function outgoingForUids(index: Index, files: Pick<FileStore, 'read'>, ids: readonly string[]): OutgoingInstance[] {
  const seen = new Set<string>();
  const out: OutgoingInstance[] = [];
  const unknown: string[] = [];
  const add = (list: StoredInstance[]): void => {
    for (const s of list) {
      if (seen.has(s.instance.SOPInstanceUID)) continue;
      seen.add(s.instance.SOPInstanceUID);
      out.push(outgoingOf(s, files));
    }
  };
  for (const id of ids) {
    const found = findUid(index, id)?.instances ?? [];
    if (found.length === 0) {
      for (const study of query(index, 'STUDY', { PatientID: id, StudyInstanceUID: undefined }, { model: 'PATIENT' })) {
        found.push(...index.getInstances({ StudyInstanceUID: String(study.StudyInstanceUID) }));
      }
    }
    if (found.length === 0) unknown.push(id);
    add(found);
  }
  if (unknown.length > 0) throw new AtriumError('ATRIUM_ERR_NET_UNKNOWN_UID', `Nothing stored has the Study/Series/SOP Instance UID or Patient ID ${unknown.join(', ')}`, { unknown });
  return out;
}
