import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HostDatabase } from '../db/host-database.js';
import { indexLocation, isPostgresUrl } from '../db/index-location.js';
import { needsReconcile } from '../store/needs-reconcile.js';

/**
 * The store's database opened without a host container, for a command that uses only its
 * tables (`atrium ls`): undefined when the start-up reconcile has something to do (the
 * container then opens it and reconciles, as for any command). `readOnly` (a command that
 * only reads): an existing SQLite index at the latest schema version is opened read-only
 * (`openReadOnlyDatabase`); any other (PostgreSQL, an older schema) as for every command.
 */
export async function openDatabaseAlone(storeRoot: string, { readOnly = false }: { readOnly?: boolean } = {}): Promise<HostDatabase | undefined> {
  const location = indexLocation(storeRoot);
  let database: HostDatabase | undefined;
  if (readOnly && !isPostgresUrl(location) && existsSync(location)) {
    // Loaded here: the opening code of every engine and of the migrations is not needed to read.
    database = (await import('../db/open-read-only-database.js')).openReadOnlyDatabase(location);
  }
  if (database === undefined) {
    mkdirSync(storeRoot, { recursive: true }); // as the db module: a command that creates the store may find no folder yet
    database = (await import('../db/open-database.js')).openDatabase(location);
  }
  if (!needsReconcile(resolve(storeRoot), database)) return database;
  database.close();
  return undefined;
}
