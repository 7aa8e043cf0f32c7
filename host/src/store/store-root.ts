import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath } from '../db/database-path.js';

/** The default data root: `$ATRIUM_STORE`, else `./.atrium`. */
export function defaultStoreRoot(): string {
  return resolve(process.env.ATRIUM_STORE ?? '.atrium');
}

/** True when `root` holds a store (its index): commands that only read check this rather than create an empty store. */
export function storeExists(root: string): boolean {
  return existsSync(databasePath(root));
}
