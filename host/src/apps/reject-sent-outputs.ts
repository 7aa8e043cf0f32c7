import { SopClass } from '@atrium/sdk';
import { query } from '../db/query-engine.js';
import type { Index } from '../db/dicom-index.js';
import type { SendLogTable } from '../db/send-log-table.js';
import { AtriumError } from '../errors/atrium-error.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import { uuidUid } from '../net/uuid-uid.js';
import type { FileStore } from '../store/file-store.js';
import type { InstanceStore } from '../store/instance-store.js';
import { appSource } from './derived-store-guard.js';
import type { PreviousOutput } from './previous-outputs.js';
import { rejectionNote } from './rejection-note.js';

/** A rejection note written for replaced outputs that had been sent. */
export interface WrittenRejectionNote {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  /** How many replaced objects it names (all those of the study). */
  readonly rejected: number;
  /** The AEs some of them had been sent to (the send log), sorted. */
  readonly sentTo: readonly string[];
}

/** What {@link rejectSentOutputs} reads and writes. */
export interface RejectSentOutputsDeps {
  readonly index: Pick<Index, 'getInstances'> & Parameters<typeof query>[0];
  readonly store: Pick<InstanceStore, 'receive' | 'completeSeries'>;
  readonly files: Pick<FileStore, 'absolute'>;
  readonly sendLog: Pick<SendLogTable, 'sentTo'>;
  /** The organisation UID root (`atrium config set uidRoot`): the notes' Implementation Class UID is made under it. */
  readonly uidRoot?: string;
}

/**
 * After a re-run removed the outputs of earlier runs (`removed`, among `previous`): when the send
 * log says some of them had been sent to another AE, the receivers hold results the study no
 * longer does. For each study where that is so, a rejection note (IHE IOCM "Rejected for Quality
 * Reasons" Key Object Selection, {@link rejectionNote}) naming every replaced object of the study is
 * stored, recorded as written by the app, for the user to send where the objects went. Nothing is
 * sent automatically. Answers the notes written (none when nothing replaced had been sent).
 */
export function rejectSentOutputs(
  deps: RejectSentOutputsDeps,
  qualifiedAppId: string,
  previous: readonly PreviousOutput[],
  removed: readonly { readonly sopInstanceUID: string }[],
  now: Date,
): WrittenRejectionNote[] {
  const gone = new Set(removed.map((r) => r.sopInstanceUID));
  const rejected = previous.filter((p) => gone.has(p.sopInstanceUID));
  const sent = deps.sendLog.sentTo(rejected.map((r) => r.sopInstanceUID));
  if (sent.size === 0) return [];
  const notes: WrittenRejectionNote[] = [];
  for (const study of new Set(rejected.filter((r) => sent.has(r.sopInstanceUID)).map((r) => r.studyInstanceUID))) {
    const objects = rejected.filter((r) => r.studyInstanceUID === study);
    const sentTo = [...new Set(objects.flatMap((o) => (sent.get(o.sopInstanceUID) ?? []).map((s) => s.ae)))].sort();
    const source = deps.index.getInstances({ StudyInstanceUID: study }).find((i) => i.file.receivedFrom !== appSource(qualifiedAppId));
    if (!source) continue; // the study holds nothing else: no Patient / Study attributes to copy (cannot happen after a run on it)
    const seriesInstanceUID = uuidUid();
    const sopInstanceUID = uuidUid();
    const bytes = rejectionNote({
      study: readDicomHeader(deps.files.absolute(source.file.path)).dataset,
      rejected: objects, sopInstanceUID, seriesInstanceUID, seriesNumber: nextSeriesNumber(deps.index, study), now,
      manufacturer: 'Atrium', description: `Rejected for Quality Reasons: ${objects.length} object(s) replaced by a re-run of ${qualifiedAppId}`,
      ...(deps.uidRoot ? { uidRoot: deps.uidRoot } : {}),
    });
    const outcome = deps.store.receive(bytes, appSource(qualifiedAppId), { expect: { SOPClassUID: SopClass.KeyObjectSelectionDocumentStorage, SOPInstanceUID: sopInstanceUID } });
    if (!('path' in outcome)) {
      throw new AtriumError('ATRIUM_ERR_APP_STORE', `the store refused the rejection note of ${qualifiedAppId}: ${outcome.code}: ${outcome.reason}`, { code: outcome.code });
    }
    deps.store.completeSeries(new Set([seriesInstanceUID]));
    notes.push({ studyInstanceUID: study, seriesInstanceUID, sopInstanceUID, rejected: objects.length, sentTo });
  }
  return notes;
}

/** One more than the largest Series Number of the study. */
function nextSeriesNumber(index: Parameters<typeof query>[0], study: string): number {
  const rows = query(index, 'SERIES', { StudyInstanceUID: study, SeriesInstanceUID: undefined, SeriesNumber: undefined });
  return Math.max(0, ...rows.map((r) => Number(r.SeriesNumber ?? 0)).filter(Number.isFinite)) + 1;
}
