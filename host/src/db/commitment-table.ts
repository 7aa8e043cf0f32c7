import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { hostId } from '../core/host-id.js';
import { serviceToken } from '../core/service-token.js';

/** What became of one instance of a storage commitment request. */
export type CommitmentResult = 'pending' | 'committed' | 'failed';

/** One instance of a request, with its result. */
export interface CommitmentItem {
  readonly SOPInstanceUID: string;
  readonly SOPClassUID: string;
  readonly result: CommitmentResult;
  /** Failure Reason (0008,1197) of a failed instance (PS3.3 §C.14.1.1: 0110, 0112, 0119, 0122, 0131, 0213). */
  readonly failureReason?: number;
}

/** A storage commitment request we sent (PS3.4 Annex J, Push Model). */
export interface CommitmentRecord {
  readonly transactionUid: string;
  readonly ae: string;
  readonly jobId?: number;
  /** The host that sent the request (`hostId`); absent for requests made before hosts were recorded. */
  readonly ownerHost?: string;
  readonly state: 'requested' | 'reported';
  readonly requestedAt: string;
  readonly reportedAt?: string;
  readonly items: readonly CommitmentItem[];
}

/** An instance's latest commitment result (for `atrium ls --commitment`). */
export interface InstanceCommitment {
  readonly ae: string;
  readonly transactionUid: string;
  readonly result: CommitmentResult;
  readonly failureReason?: number;
  readonly at: string;
}

/** The storage commitment transactions (tables `commitment`, `commitment_item`). */
export interface CommitmentTable {
  /** Records a request of host `ownerHost` (default: this one): every instance pending. One transaction. */
  request(transactionUid: string, ae: string, jobId: number | undefined, items: readonly Pick<CommitmentItem, 'SOPInstanceUID' | 'SOPClassUID'>[], at: string, ownerHost?: string): void;
  /**
   * Records the results an N-EVENT-REPORT gives for `transactionUid` and marks it reported.
   * Returns false (and writes nothing) when no request has this Transaction UID. An
   * instance the report names that the request did not is ignored.
   */
  report(transactionUid: string, results: readonly Pick<CommitmentItem, 'SOPInstanceUID' | 'result' | 'failureReason'>[], at: string): boolean;
  get(transactionUid: string): CommitmentRecord | undefined;
  /** Forgets a request (one the peer refused: no report will come). */
  remove(transactionUid: string): void;
  /** The requests a job made, oldest first. */
  forJob(jobId: number): CommitmentRecord[];
  /** The latest result of each instance among `sopInstanceUids` that has one. */
  latestFor(sopInstanceUids: readonly string[]): Map<string, InstanceCommitment>;
}

/** DI token of {@link CommitmentTable}. */
export const CommitmentTable = serviceToken<CommitmentTable>('CommitmentTable');

interface HeadRow { transaction_uid: string; ae: string; job_id: number | null; owner_host: string | null; state: 'requested' | 'reported'; requested_at: string; reported_at: string | null }
interface ItemRow { sop_instance_uid: string; sop_class_uid: string; result: CommitmentResult; failure_reason: number | null }

/** {@link CommitmentTable} on SQLite. */
export class CommitmentTableImpl implements CommitmentTable {
  constructor(private readonly db: SqlDatabase) {}

  request(transactionUid: string, ae: string, jobId: number | undefined, items: readonly Pick<CommitmentItem, 'SOPInstanceUID' | 'SOPClassUID'>[], at: string, ownerHost = hostId()): void {
    const head = stmt(this.db, 'INSERT INTO commitment (transaction_uid, ae, job_id, requested_at, owner_host) VALUES (?, ?, ?, ?, ?)');
    const item = stmt(this.db, 'INSERT INTO commitment_item (transaction_uid, sop_instance_uid, sop_class_uid) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.db.transaction(() => {
      head.run(transactionUid, ae, jobId ?? null, at, ownerHost);
      for (const i of items) item.run(transactionUid, i.SOPInstanceUID, i.SOPClassUID);
    })();
  }

  report(transactionUid: string, results: readonly Pick<CommitmentItem, 'SOPInstanceUID' | 'result' | 'failureReason'>[], at: string): boolean {
    const update = stmt(this.db, 'UPDATE commitment_item SET result = ?, failure_reason = ? WHERE transaction_uid = ? AND sop_instance_uid = ?');
    return this.db.transaction((): boolean => {
      const done = stmt(this.db, `UPDATE commitment SET state = 'reported', reported_at = ? WHERE transaction_uid = ?`).run(at, transactionUid);
      if (done.changes === 0) return false;
      for (const r of results) update.run(r.result, r.failureReason ?? null, transactionUid, r.SOPInstanceUID);
      return true;
    })();
  }

  get(transactionUid: string): CommitmentRecord | undefined {
    const head = stmt<HeadRow>(this.db, 'SELECT * FROM commitment WHERE transaction_uid = ?').get(transactionUid);
    return head ? this.record(head) : undefined;
  }

  remove(transactionUid: string): void {
    stmt(this.db, 'DELETE FROM commitment WHERE transaction_uid = ?').run(transactionUid);
  }

  forJob(jobId: number): CommitmentRecord[] {
    return stmt<HeadRow>(this.db, 'SELECT * FROM commitment WHERE job_id = ? ORDER BY requested_at, id').all(jobId).map((h) => this.record(h));
  }

  latestFor(sopInstanceUids: readonly string[]): Map<string, InstanceCommitment> {
    const out = new Map<string, InstanceCommitment>();
    const query = stmt<ItemRow & HeadRow>(this.db, `SELECT i.*, c.ae, c.requested_at, c.reported_at FROM commitment_item i JOIN commitment c USING (transaction_uid)
      WHERE i.sop_instance_uid = ? ORDER BY c.requested_at DESC, c.id DESC LIMIT 1`);
    for (const uid of sopInstanceUids) {
      const r = query.get(uid);
      if (r) out.set(uid, { ae: r.ae, transactionUid: r.transaction_uid, result: r.result, ...(r.failure_reason === null ? {} : { failureReason: r.failure_reason }), at: r.reported_at ?? r.requested_at });
    }
    return out;
  }

  private record(h: HeadRow): CommitmentRecord {
    const items = stmt<ItemRow>(this.db, 'SELECT sop_instance_uid, sop_class_uid, result, failure_reason FROM commitment_item WHERE transaction_uid = ? ORDER BY id').all(h.transaction_uid);
    return {
      transactionUid: h.transaction_uid, ae: h.ae, ...(h.job_id === null ? {} : { jobId: h.job_id }), ...(h.owner_host === null ? {} : { ownerHost: h.owner_host }), state: h.state, requestedAt: h.requested_at, ...(h.reported_at === null ? {} : { reportedAt: h.reported_at }),
      items: items.map((i) => ({ SOPInstanceUID: i.sop_instance_uid, SOPClassUID: i.sop_class_uid, result: i.result, ...(i.failure_reason === null ? {} : { failureReason: i.failure_reason }) })),
    };
  }
}
