import { serviceToken } from '../core/service-token.js';
import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';

/** The outcome of one C-STORE we sent: success, warning (B0xx, stored by the peer) or failure. */
export type SendOutcome = 'success' | 'warning' | 'failure';

/** One instance sent by a C-STORE SCU: a send job, or a C-MOVE / C-GET sub-operation. */
export interface SendLogEntry {
  readonly SOPInstanceUID: string;
  /** The AE the instance was sent to (the C-MOVE destination; the C-GET requester). */
  readonly ae: string;
  /** ISO 8601 time of the answer. */
  readonly at: string;
  readonly status: SendOutcome;
  /** The DIMSE status the peer answered (0 for success). */
  readonly statusCode: number;
  readonly via: 'send' | 'move' | 'get';
}

/** The send log (table `send_log`, schema step 11). */
export interface SendLogTable {
  /** Records sends, in one transaction. */
  record(entries: readonly SendLogEntry[]): void;
  /**
   * Of `sopInstanceUids`, those some AE stored (status success or warning), each with the AEs
   * and the time of the last such send to each; instances never sent, or only failed, are absent.
   */
  sentTo(sopInstanceUids: readonly string[]): Map<string, { readonly ae: string; readonly at: string }[]>;
  /** Every entry of one instance, oldest first. */
  forInstance(sopInstanceUid: string): SendLogEntry[];
}

/** DI token of {@link SendLogTable}. */
export const SendLogTable = serviceToken<SendLogTable>('SendLogTable');

interface Row { sop_instance_uid: string; ae: string; sent_at: string; status: SendOutcome; status_code: number; via: SendLogEntry['via'] }

/** {@link SendLogTable} on either engine. */
export class SendLogTableImpl implements SendLogTable {
  constructor(private readonly db: SqlDatabase) {}

  record(entries: readonly SendLogEntry[]): void {
    if (entries.length === 0) return;
    const insert = stmt(this.db, 'INSERT INTO send_log (sop_instance_uid, ae, sent_at, status, status_code, via) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const e of entries) insert.run(e.SOPInstanceUID, e.ae, e.at, e.status, e.statusCode, e.via);
    })();
  }

  sentTo(sopInstanceUids: readonly string[]): Map<string, { ae: string; at: string }[]> {
    const query = stmt<{ ae: string; last_at: string }>(this.db, `SELECT ae, MAX(sent_at) AS last_at FROM send_log WHERE sop_instance_uid = ? AND status IN ('success', 'warning') GROUP BY ae ORDER BY ae`);
    const out = new Map<string, { ae: string; at: string }[]>();
    for (const uid of sopInstanceUids) {
      const rows = query.all(uid);
      if (rows.length > 0) out.set(uid, rows.map((r) => ({ ae: r.ae, at: r.last_at })));
    }
    return out;
  }

  forInstance(sopInstanceUid: string): SendLogEntry[] {
    return stmt<Row>(this.db, 'SELECT * FROM send_log WHERE sop_instance_uid = ? ORDER BY id').all(sopInstanceUid).map((r) => ({
      SOPInstanceUID: r.sop_instance_uid, ae: r.ae, at: r.sent_at, status: r.status, statusCode: Number(r.status_code), via: r.via,
    }));
  }
}
