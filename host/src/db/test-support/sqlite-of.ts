import type BetterSqlite3 from 'better-sqlite3';
import type { Index } from '../dicom-index.js';
import { IndexImpl } from '../index-impl.js';

/**
 * The SQLite connection under an index, for tests that set up what no interface writes (a
 * row of an older Atrium, an intent of another process) or look at the schema itself.
 */
export function sqliteOf(index: Index): BetterSqlite3.Database {
  if (!(index instanceof IndexImpl)) throw new Error('sqliteOf: not an index on SQLite');
  return index.db;
}
