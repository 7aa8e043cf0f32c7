import type BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

// Required, not imported: see open-read-only-database.ts.
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** How many studies, series and instances an index holds. */
export interface IndexCounts {
  readonly studies: number;
  readonly series: number;
  readonly instances: number;
}

/**
 * What the SQLite index at `path` holds, read read-only (nothing written, no migration);
 * undefined when there is no such file or it is not an index (no study table yet).
 */
export function sqliteIndexCounts(path: string): IndexCounts | undefined {
  if (!existsSync(path)) return undefined;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    const count = (table: string): number => (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { studies: count('study'), series: count('series'), instances: count('instance') };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}
