import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** Performed Procedure Step Status (0040,0252) values (PS3.3 §C.4.14). */
export type MppsState = 'IN PROGRESS' | 'COMPLETED' | 'DISCONTINUED';

/** A Modality Performed Procedure Step, received by our SCP or sent by our SCU. */
export interface MppsRecord {
  readonly SOPInstanceUID: string;
  readonly direction: 'received' | 'sent';
  /** The calling AE (received) or the called AE (sent). */
  readonly ae: string;
  readonly status: MppsState;
  /** The step's attribute list as JSON text (its shape belongs to net). */
  readonly attributes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The performed procedure steps (table `mpps`). */
export interface MppsTable {
  /** Records a new step; false (nothing written) when one with its UID and direction exists. */
  create(record: MppsRecord): boolean;
  get(sopInstanceUid: string, direction: MppsRecord['direction']): MppsRecord | undefined;
  /** Replaces a step's status and attributes; false when there is no such step. */
  update(sopInstanceUid: string, direction: MppsRecord['direction'], status: MppsState, attributes: string, at: string): boolean;
  /** Every step, newest first. */
  list(): MppsRecord[];
}

/** DI token of {@link MppsTable}. */
export const MppsTable = serviceToken<MppsTable>('MppsTable');

interface Row { sop_instance_uid: string; direction: 'received' | 'sent'; ae: string; status: MppsState; attributes: string; created_at: string; updated_at: string }

const fromRow = (r: Row): MppsRecord => ({ SOPInstanceUID: r.sop_instance_uid, direction: r.direction, ae: r.ae, status: r.status, attributes: r.attributes, createdAt: r.created_at, updatedAt: r.updated_at });

/** {@link MppsTable} on SQLite. */
export class MppsTableImpl implements MppsTable {
  constructor(private readonly db: SqlDatabase) {}

  create(r: MppsRecord): boolean {
    return stmt(this.db, `INSERT INTO mpps (sop_instance_uid, direction, ae, status, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(r.SOPInstanceUID, r.direction, r.ae, r.status, r.attributes, r.createdAt, r.updatedAt).changes === 1;
  }

  get(sopInstanceUid: string, direction: MppsRecord['direction']): MppsRecord | undefined {
    const row = stmt<Row>(this.db, 'SELECT * FROM mpps WHERE sop_instance_uid = ? AND direction = ?').get(sopInstanceUid, direction);
    return row ? fromRow(row) : undefined;
  }

  update(sopInstanceUid: string, direction: MppsRecord['direction'], status: MppsState, attributes: string, at: string): boolean {
    return stmt(this.db, 'UPDATE mpps SET status = ?, attributes = ?, updated_at = ? WHERE sop_instance_uid = ? AND direction = ?').run(status, attributes, at, sopInstanceUid, direction).changes === 1;
  }

  list(): MppsRecord[] {
    return stmt<Row>(this.db, 'SELECT * FROM mpps ORDER BY updated_at DESC, id DESC').all().map(fromRow);
  }
}
