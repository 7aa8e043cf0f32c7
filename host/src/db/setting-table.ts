import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/**
 * The key/value settings of a store (table `setting`): network settings as `network.<name>`,
 * store settings as `store.<name>`, the running `atrium worker` processes as
 * `jobs.worker.<host>:<pid>`, each with the text form of its value. Their meaning and checks
 * belong to their owners (net, store, jobs); this table only keeps the text.
 */
export interface SettingTable {
  /** Every setting whose key starts with `prefix`, as key (prefix included) → text. */
  list(prefix: string): ReadonlyMap<string, string>;
  /** Keep `text` as the value of `key` (replacing what was there). */
  set(key: string, text: string): void;
  /** Forget the value of `key`. */
  unset(key: string): void;
}

/** DI token of {@link SettingTable}. */
export const SettingTable = serviceToken<SettingTable>('SettingTable');

/** {@link SettingTable} on a {@link SqlDatabase} (SQLite or PostgreSQL). */
export class SettingTableImpl implements SettingTable {
  constructor(private readonly db: SqlDatabase) {}

  list(prefix: string): ReadonlyMap<string, string> {
    // LIKE would treat `_` and `%` in the prefix as wildcards: compare the prefix itself.
    const rows = stmt<{ key: string; value: string }>(this.db, 'SELECT key, value FROM setting WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key').all({ prefix });
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  set(key: string, text: string): void {
    stmt(this.db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, text);
  }

  unset(key: string): void {
    stmt(this.db, 'DELETE FROM setting WHERE key = ?').run(key);
  }
}
