import { AtriumError } from '../../errors/atrium-error.js';
import { checkMigrationOrder } from '../apply-migrations.js';
import { STORE_INTENT_TABLE } from '../intent-table.js';
import { MIGRATIONS, type Migration } from '../migrations.js';
import type { PostgresDatabase } from './postgres-database.js';
import { POSTGRES_FUNCTIONS } from './postgres-functions.js';
import { schemaToPostgres } from './to-postgres.js';

const version = (db: PostgresDatabase): number =>
  (db.query(`SELECT version FROM atrium_schema`).rows[0]?.version as number | undefined) ?? 0;

/**
 * `applyMigrations` for PostgreSQL: the same steps (`MIGRATIONS`, each step's `postgres` text
 * or `schemaToPostgres` of its SQLite text), the version in table `atrium_schema`, every
 * pending step and the SQL functions (`POSTGRES_FUNCTIONS`) in one transaction under the
 * write lock.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW`, `ATRIUM_ERR_INDEX_MIGRATION_FAILED`.
 */
export function applyPostgresMigrations(db: PostgresDatabase, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkMigrationOrder(migrations);
  const latest = migrations.length;
  const tooNew = (v: number): AtriumError =>
    new AtriumError('ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW', `Index database ${db.name} has schema version ${v}, newer than this Atrium knows (${latest})`, {
      path: db.name,
      version: v,
      latest,
    });
  // Read and migrate under the lock (opening is once per process): two hosts starting together migrate once.
  const from = db.transaction((): number => {
    db.query('CREATE TABLE IF NOT EXISTS atrium_schema (version BIGINT NOT NULL)');
    const current = version(db);
    if (current > latest) throw tooNew(current);
    if (current === latest) return current;
    db.query(POSTGRES_FUNCTIONS);
    for (const m of migrations.slice(current)) {
      try {
        db.query(m.postgres ?? schemaToPostgres(m.sql));
      } catch (e) {
        throw new AtriumError(
          'ATRIUM_ERR_INDEX_MIGRATION_FAILED',
          `Index schema step ${m.version} (${m.description}) failed on ${db.name}: ${(e as Error).message}`,
          { path: db.name, version: m.version },
          { cause: e },
        );
      }
    }
    db.exec(STORE_INTENT_TABLE);
    db.query('DELETE FROM atrium_schema');
    db.query('INSERT INTO atrium_schema (version) VALUES ($1)', [latest]);
    return current;
  }).immediate();
  return { from, to: latest };
}
