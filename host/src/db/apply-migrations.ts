import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError } from '../errors/atrium-error.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Brings the schema of `db` up to the last step of `migrations`, tracking the applied
 * version in `PRAGMA user_version` (0 = empty database). All pending steps run in one
 * transaction: either the database reaches the newest version or it is left untouched.
 *
 * @returns the version before and after.
 * @throws AtriumError `ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW` when the database was written by
 *   a newer Atrium; `ATRIUM_ERR_INDEX_MIGRATION_FAILED` when a step fails (rolled back).
 */
export function applyMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  checkMigrationOrder(migrations);
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new AtriumError(
      'ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW',
      `Index database ${db.name} has schema version ${from}, newer than this Atrium knows (${latest})`,
      { path: db.name, version: from, latest },
    );
  }
  if (from === latest) return { from, to: from };

  const run = db.transaction(() => {
    // Read again under the write lock: another process opening the same index may have
    // migrated it since `from` was read.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of migrations.slice(current)) {
      try {
        db.exec(m.sql);
      } catch (e) {
        throw new AtriumError(
          'ATRIUM_ERR_INDEX_MIGRATION_FAILED',
          `Index schema step ${m.version} (${m.description}) failed on ${db.name}: ${(e as Error).message}`,
          { path: db.name, version: m.version },
          { cause: e },
        );
      }
    }
    // user_version lives in the database header and is part of the transaction.
    db.pragma(`user_version = ${latest}`);
  });
  run.immediate();
  return { from, to: latest };
}

/** @throws AtriumError `ATRIUM_ERR_INDEX_MIGRATION_ORDER` unless the versions are 1, 2, 3, ... in order. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new AtriumError(
        'ATRIUM_ERR_INDEX_MIGRATION_ORDER',
        `Migration #${i} has version ${m.version}; versions must be 1, 2, 3, ... in order`,
        { index: i, version: m.version },
      );
    }
  });
}
