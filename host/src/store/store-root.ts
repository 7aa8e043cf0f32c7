import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databasePath, STORE_CONFIG_FILE } from '../db/database-path.js';

/** The default data root: `$ATRIUM_STORE`, else `./.atrium`. */
export function defaultStoreRoot(): string {
  return resolve(process.env.ATRIUM_STORE ?? '.atrium');
}

/** True when `root` holds a store (its SQLite index, or a store.json naming a PostgreSQL one): commands that only read check this rather than create an empty store. */
export function storeExists(root: string): boolean {
  // store.json is not read here: a broken one is reported by the command that opens the index.
  return existsSync(databasePath(root)) || existsSync(join(resolve(root), STORE_CONFIG_FILE));
}
