import type { Index } from '../../db/dicom-index.js';
import { query } from '../../db/query-engine.js';
import type { FileStore } from '../../store/file-store.js';
import { outgoingOf } from '../outgoing-for-uids.js';
import type { OutgoingInstance } from '../scu/store-instances.js';
import type { QueryIdentifier } from './query-identifier.js';

/** Keys a C-MOVE/C-GET Identifier may carry (PS3.4 §C.4.2.1.4: the unique keys of its level and above). */
const RETRIEVE_KEYS = ['PatientID', 'StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const;

/**
 * The stored instances a retrieve Identifier names (its unique keys, UID lists allowed),
 * in study / series / instance number order, ready to send.
 */
export function retrieveInstances(index: Pick<Index, 'query' | 'getInstance'>, files: Pick<FileStore, 'read'>, identifier: QueryIdentifier, model: 'PATIENT' | 'STUDY'): OutgoingInstance[] {
  const keys: Record<string, string | undefined> = { SeriesInstanceUID: undefined, SOPInstanceUID: undefined };
  for (const k of RETRIEVE_KEYS) if (identifier.keys[k] !== undefined) keys[k] = identifier.keys[k];
  const matches = query(index, 'IMAGE', keys, { model });
  const out: OutgoingInstance[] = [];
  for (const m of matches) {
    const stored = index.getInstance(String(m.SeriesInstanceUID), String(m.SOPInstanceUID));
    if (stored) out.push(outgoingOf(stored, files));
  }
  return out;
}
