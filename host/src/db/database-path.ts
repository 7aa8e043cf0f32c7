import { join, resolve } from 'node:path';

/** Where the database of the store under `root` is: `<root>/index.sqlite`. */
export function databasePath(root: string): string {
  return join(resolve(root), 'index.sqlite');
}

/** The store config file under the data root: where the index is when it is not `index.sqlite` (see `indexLocation`). */
export const STORE_CONFIG_FILE = 'store.json';
