import type { ReconcileLogTable } from '../db/reconcile-log-table.js';
import type { ReconcileReport } from './reconcile-store.js';

/** A start-up reconcile that repaired something, as kept in the index. */
export interface LoggedRepair {
  readonly id: number;
  /** When the start-up pass ran (ISO 8601). */
  readonly at: string;
  readonly report: ReconcileReport;
}

/** Whether a reconcile found anything worth telling. */
export function reconcileFoundSomething(r: ReconcileReport): boolean {
  return r.tmpRemoved > 0 || r.recovered.length > 0 || r.dropped.length > 0 || r.missing.length > 0 || r.unreadable.length > 0 || r.damaged.length > 0;
}

/**
 * The log of what the quiet start-up reconcile repaired (the database's reconcile log), so that
 * `atrium reconcile` can tell the user afterwards: each start-up pass that found
 * something is kept until a reconcile command has shown it.
 */
export const reconcileLog = {
  /** Keep a start-up report that found something (others are not kept). */
  recordStartup(log: ReconcileLogTable, report: ReconcileReport, at = new Date()): void {
    if (!reconcileFoundSomething(report)) return;
    log.recordStartup(at.toISOString(), JSON.stringify(report));
  },

  /** Start-up repairs not shown yet, oldest first. */
  unshown(log: ReconcileLogTable): LoggedRepair[] {
    return log.unshown().map((r) => ({ id: r.id, at: r.at, report: JSON.parse(r.report) as ReconcileReport }));
  },

  /** Mark repairs as shown to the user. */
  markShown(log: ReconcileLogTable, ids: readonly number[]): void {
    log.markShown(ids);
  },
};
