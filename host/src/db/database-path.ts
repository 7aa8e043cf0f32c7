import { join, resolve } from 'node:path';

/** Where the database of the store under `root` is: `<root>/index.sqlite`. */
export function databasePath(root: string): string {
  return join(resolve(root), 'index.sqlite');
}
