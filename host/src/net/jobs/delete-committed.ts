import type { CommitmentTable } from '../../db/commitment-table.js';
import type { Index } from '../../db/dicom-index.js';
import type { FileStore } from '../../store/file-store.js';

/** What deleting after a commitment uses. */
export interface DeleteCommittedDeps {
  readonly index: Pick<Index, 'getInstances' | 'removeInstance'>;
  readonly files: Pick<FileStore, 'remove'>;
  readonly commitments: Pick<CommitmentTable, 'get'>;
}

/**
 * The `deleteCommitted` policy (Shimadzu DAR-9500f conformance statement, Storage Commitment
 * SCU: the SCP takes over the safekeeping of what it committed): after the report of
 * `transactionUid`, removes the local copy (index rows, then the file) of each instance the
 * record holds as committed whose stored SOP Class is the one committed. An instance failed
 * or still pending, one the report did not name, or one stored under another SOP Class is
 * never touched. Returns the SOP Instance UIDs removed.
 */
export function deleteCommitted(deps: DeleteCommittedDeps, transactionUid: string): string[] {
  const record = deps.commitments.get(transactionUid);
  if (!record || record.state !== 'reported') return [];
  const removed: string[] = [];
  for (const item of record.items) {
    if (item.result !== 'committed') continue;
    for (const local of deps.index.getInstances({ SOPInstanceUID: item.SOPInstanceUID })) {
      if (local.instance.SOPClassUID !== item.SOPClassUID) continue;
      const result = deps.index.removeInstance({ SOPInstanceUID: local.instance.SOPInstanceUID, SeriesInstanceUID: local.series.SeriesInstanceUID });
      // The index commit comes first: a crash here leaves a file that `reconcile --full` re-indexes, never a row without its file.
      for (const path of result.paths) deps.files.remove(path);
      removed.push(local.instance.SOPInstanceUID);
    }
  }
  return removed;
}

/**
 * What `atrium serve` does with a storage commitment report it recorded: one log line (`note`
 * after the Transaction UID, e.g. whose request it is on a cluster), and
 * with the `deleteCommitted` policy on (read when the report comes) the committed
 * instances' local copies deleted ({@link deleteCommitted}).
 */
export function afterCommitmentReport(deps: DeleteCommittedDeps, enabled: () => boolean, log: (line: string) => void): (report: { readonly transactionUid: string; readonly results: readonly { readonly result: string }[] }, from: string, note?: string) => void {
  return (report, from, note = '') => {
    log(`storage commitment report from ${from} for ${report.transactionUid}${note}: ${report.results.filter((r) => r.result === 'committed').length} committed, ${report.results.filter((r) => r.result === 'failed').length} failed`);
    if (!enabled()) return;
    log(`deleteCommitted: ${deleteCommitted(deps, report.transactionUid).length} committed instance(s) of ${report.transactionUid} deleted locally`);
  };
}
