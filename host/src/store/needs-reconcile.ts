import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HostDatabase } from '../db/host-database.js';
import { ownerMayBeWriting } from './owner-may-be-writing.js';

/**
 * Whether the start-up reconcile has anything to look at: an intent or a temp file left
 * by a process that is gone. Cheap (one query, one directory listing) and light to load,
 * so that a command that only reads the index (`atrium ls`) loads the store's parse and
 * write code only when a crash left something behind.
 */
export function needsReconcile(storeRoot: string, database: Pick<HostDatabase, 'intents'>): boolean {
  if (database.intents.list().some((r) => !ownerMayBeWriting(r.ownerPid))) return true;
  let names: string[];
  try {
    names = readdirSync(join(storeRoot, 'tmp'));
  } catch {
    return false; // no tmp/ yet: nothing was ever written
  }
  return names.some((n) => !ownerMayBeWriting(Number(/^(\d+)-/.exec(n)?.[1] ?? NaN)));
}
