import type { SqlDatabase } from './sql-database.js';
import type { NewQuarantineEntry, QuarantineEntry } from './dicom-index.js';
import { stmt } from './statement-cache.js';

interface QuarantineRow {
  id: number;
  received_at: string;
  reason_code: string;
  reason: string;
  details: string;
  path: string | null;
  sha256: string | null;
  source: string | null;
}

/**
 * The quarantine list: received objects whose bytes were kept but which were not indexed,
 * e.g. a Series Instance UID already used by another study (seed §4.1.3.3.3, "need to be
 * administratively cleaned out").
 */
export const quarantineTable = {
  add(db: SqlDatabase, e: NewQuarantineEntry): number {
    const r = stmt(
      db,
      `INSERT INTO quarantine (received_at, reason_code, reason, details, path, sha256, source)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.receivedAt ?? new Date().toISOString(),
      e.reasonCode,
      e.reason,
      JSON.stringify(e.details ?? {}),
      e.path ?? null,
      e.sha256 ?? null,
      e.source ?? null,
    );
    return Number(r.lastInsertRowid);
  },

  list(db: SqlDatabase): QuarantineEntry[] {
    return stmt<QuarantineRow>(db, 'SELECT * FROM quarantine ORDER BY id').all().map(toEntry);
  },

  remove(db: SqlDatabase, id: number): QuarantineEntry | undefined {
    const row = stmt<QuarantineRow>(db, 'SELECT * FROM quarantine WHERE id = ?').get(id);
    if (row === undefined) return undefined;
    stmt(db, 'DELETE FROM quarantine WHERE id = ?').run(id);
    return toEntry(row);
  },
};

function toEntry(r: QuarantineRow): QuarantineEntry {
  return {
    id: r.id,
    receivedAt: r.received_at,
    reasonCode: r.reason_code,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>,
    ...(r.path === null ? {} : { path: r.path }),
    ...(r.sha256 === null ? {} : { sha256: r.sha256 }),
    ...(r.source === null ? {} : { source: r.source }),
  };
}
