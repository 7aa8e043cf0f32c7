import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HostDatabase } from '../db/host-database.js';
import { indexLocation, openDatabase } from '../db/open-database.js';
import { needsReconcile } from '../store/needs-reconcile.js';

/**
 * The store's database opened without a host container, for a command that uses only its
 * tables (`atrium ls`): undefined when the start-up reconcile has something to do (the
 * container then opens it and reconciles, as for any command).
 */
export function openDatabaseAlone(storeRoot: string): HostDatabase | undefined {
  mkdirSync(storeRoot, { recursive: true }); // as the db module: a command that creates the store may find no folder yet
  const database = openDatabase(indexLocation(storeRoot));
  if (!needsReconcile(resolve(storeRoot), database)) return database;
  database.close();
  return undefined;
}
