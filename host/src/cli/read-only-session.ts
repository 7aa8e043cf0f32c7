import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { indexLocation, isPostgresUrl } from '../db/index-location.js';
import { openReadOnlyDatabase, type ReadOnlyDatabase } from '../db/open-read-only-database.js';
import { needsReconcile } from '../store/needs-reconcile.js';

/**
 * The store's SQLite index opened read-only without a host container, for a command that only
 * reads (`atrium ls`): undefined when the index is not an SQLite file at this Atrium's schema
 * version (PostgreSQL, an older schema, none yet) or when the start-up reconcile has something
 * to do; the index is then opened as for every command.
 */
export function openReadOnlyAlone(storeRoot: string): ReadOnlyDatabase | undefined {
  const location = indexLocation(storeRoot);
  if (isPostgresUrl(location) || !existsSync(location)) return undefined;
  const database = openReadOnlyDatabase(location);
  if (database === undefined || !needsReconcile(resolve(storeRoot), database)) return database;
  database.close();
  return undefined;
}
