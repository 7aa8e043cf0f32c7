import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../io/parse-limits.js';

type Database = BetterSqlite3.Database;

/**
 * What the store accepts, beside validation: the parse limits of every object it reads
 * (see {@link ParseLimits}: nesting depth, elements, items, inflated size), the largest
 * object it stores, and the free disk space it keeps. Stored in the index's `setting`
 * table as `store.<key>`; `atrium config set <key> <value>` changes them.
 */
export interface StoreSettings extends ParseLimits {
  /**
   * Largest object stored, in bytes (objects over 64 MiB are stored by streaming, without
   * being read into memory). Larger ones are refused with ATRIUM_ERR_STORE_TOO_LARGE.
   * Default 32 GiB.
   */
  readonly maxObjectBytes: number;
  /**
   * Disk space kept free where the store is: an object whose storing would leave less is
   * refused before any byte of it is written (ATRIUM_ERR_STORE_DISK_FULL, C-STORE A700).
   * Default 64 MiB.
   */
  readonly minFreeBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The documented defaults of {@link StoreSettings}. */
export const DEFAULT_STORE_SETTINGS: StoreSettings = Object.freeze({
  ...DEFAULT_PARSE_LIMITS,
  maxObjectBytes: 32 * GiB,
  minFreeBytes: 64 * MiB,
});

/** The name of a store setting. */
export type StoreSettingKey = keyof StoreSettings;

/** One store setting: what `atrium config ls` says of it, and its bounds. */
interface StoreSettingSpec {
  readonly description: string;
  readonly min: number;
  readonly max: number;
  /** Values are byte sizes (units KiB, MiB, GiB, TiB accepted). */
  readonly bytes?: boolean;
}

/** Every store setting with its bounds. */
export const STORE_SETTINGS: { readonly [K in StoreSettingKey]: StoreSettingSpec } = {
  maxDepth: { description: 'deepest sequence nesting read (deeper: refused)', min: 1, max: 1024 },
  maxElements: { description: 'data elements and items per object, plus one per 512 bytes of it (more: refused)', min: 1000, max: 100_000_000 },
  maxItems: { description: 'sequence items per object, plus one per KiB of it (more: refused)', min: 1000, max: 100_000_000 },
  maxInflatedBytes: { description: 'size a deflated data set may inflate to', min: MiB, max: 4 * GiB - 1, bytes: true },
  maxObjectBytes: { description: 'largest object stored (import, C-STORE)', min: MiB, max: 2 ** 50, bytes: true },
  minFreeBytes: { description: 'disk space kept free: objects that would leave less are refused (C-STORE A700)', min: 0, max: 2 ** 50, bytes: true },
};

/** The setting names, in the order `atrium config ls` shows them. */
export const STORE_SETTING_KEYS = Object.keys(STORE_SETTINGS) as StoreSettingKey[];

/** Prefix of the store settings in the index's `setting` table. */
const PREFIX = 'store.';

/** True when `key` names a store setting. */
export function isStoreSettingKey(key: string): key is StoreSettingKey {
  return Object.hasOwn(STORE_SETTINGS, key);
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: MiB, gib: GiB, tib: 1024 * GiB, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

/**
 * Parses the text form of store setting `key`: a whole number, for sizes also with a unit
 * (`512MiB`, `40GiB`, `1.5TB`). Throws ATRIUM_ERR_CONFIG_BAD_VALUE naming the key and range.
 */
export function parseStoreSetting(key: StoreSettingKey, text: string): number {
  const spec = STORE_SETTINGS[key];
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const value = m && unit !== undefined && (spec.bytes || unit === 1) ? Math.round(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    const allowed = `a whole number from ${spec.min} to ${spec.max}${spec.bytes ? ' (bytes; units KiB, MiB, GiB, TiB accepted)' : ''}`;
    throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `Bad value for store setting ${key}: "${text}"; allowed: ${allowed}`, { key, value: text, allowed });
  }
  return value;
}

/** One row of `atrium config ls`. */
export interface StoreSettingValue {
  readonly key: StoreSettingKey;
  readonly value: number;
  readonly isDefault: boolean;
  readonly defaultValue: number;
}

/** Every store setting: its value, its default and whether the default applies. */
export function listStoreSettings(db: Database): StoreSettingValue[] {
  const rows = db.prepare(`SELECT key, value FROM setting WHERE key LIKE 'store.%'`).all() as { key: string; value: string }[];
  const stored = new Map(rows.map((r) => [r.key.slice(PREFIX.length), r.value]));
  return STORE_SETTING_KEYS.map((key) => {
    const text = stored.get(key);
    let value = DEFAULT_STORE_SETTINGS[key];
    if (text !== undefined) {
      try {
        value = parseStoreSetting(key, text);
      } catch (e) {
        if (!isAtriumError(e)) throw e;
        throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `${e.message} (stored as "${text}"; fix it with \`atrium config set ${key} <value>\` or \`atrium config unset ${key}\`)`, { ...e.details, stored: true });
      }
    }
    return { key, value, isDefault: text === undefined, defaultValue: DEFAULT_STORE_SETTINGS[key] };
  });
}

/**
 * The store settings: the defaults overlaid with what is stored in the index. A stored
 * value that no longer passes the checks is ignored here (the default applies) so that the
 * store still opens; `atrium config ls` names it.
 */
export function loadStoreSettings(db: Database): StoreSettings {
  const rows = db.prepare(`SELECT key, value FROM setting WHERE key LIKE 'store.%'`).all() as { key: string; value: string }[];
  const settings: Record<string, number> = { ...DEFAULT_STORE_SETTINGS };
  for (const { key, value } of rows) {
    const name = key.slice(PREFIX.length);
    if (!isStoreSettingKey(name)) continue;
    try {
      settings[name] = parseStoreSetting(name, value);
    } catch (e) {
      if (!isAtriumError(e)) throw e;
    }
  }
  return settings as unknown as StoreSettings;
}

/** Checks and stores setting `key`; `undefined` removes it (the default applies again). */
export function setStoreSetting(db: Database, key: StoreSettingKey, text: string | undefined): void {
  if (text === undefined) {
    db.prepare(`DELETE FROM setting WHERE key = ?`).run(PREFIX + key);
    return;
  }
  const value = parseStoreSetting(key, text);
  db.prepare(`INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(PREFIX + key, String(value));
}
