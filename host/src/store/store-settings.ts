import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError } from '../errors/atrium-error.js';
import { DEFAULT_STABLE_AGE_MS } from './series-completion.js';
import { VALIDATION_POLICIES, type ValidationPolicy } from './validate-instance.js';

/**
 * The receive settings of the store, one for every way objects arrive (import, C-STORE,
 * derived objects, a future STOW): kept in the index's `setting` table as
 * `store.<key>`, changed with `atrium config set <key> <value>`.
 */
export interface StoreSettings {
  /** What validation refuses (see `ValidationPolicy`); a command's `--validation` overrides it. */
  validation: ValidationPolicy;
  /** Seconds without a new instance after which a series is complete (Orthanc's StableAge). */
  stableAge: number;
}

/** The name of a store setting. */
export type StoreSettingKey = keyof StoreSettings;

export const DEFAULT_STORE_SETTINGS: Readonly<StoreSettings> = Object.freeze({ validation: 'safety', stableAge: DEFAULT_STABLE_AGE_MS / 1000 });

/** Prefix of the store settings in the `setting` table. */
const PREFIX = 'store.';

/** One setting: a line for `atrium config ls`, the allowed values, and the parser of its text form. */
interface StoreSettingSpec {
  readonly description: string;
  readonly allowed: string;
  parse(text: string): StoreSettings[StoreSettingKey] | undefined;
}

export const STORE_SETTINGS: { readonly [K in StoreSettingKey]: StoreSettingSpec } = {
  validation: {
    description: 'receive validation for import, C-STORE and derived objects: safety (refuse what is unsafe to identify or display, warn about the rest) or strict (refuse every missing Type 1)',
    allowed: VALIDATION_POLICIES.join(' or '),
    parse: (text) => (VALIDATION_POLICIES as readonly string[]).includes(text.trim()) ? (text.trim() as ValidationPolicy) : undefined,
  },
  stableAge: {
    description: 'seconds without a new instance after which a series is complete (seriesComplete event)',
    allowed: 'a whole number of seconds from 1 to 86400',
    parse: (text) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 86_400 ? Number(text) : undefined),
  },
};

export const STORE_SETTING_KEYS = Object.keys(STORE_SETTINGS) as StoreSettingKey[];

export function isStoreSettingKey(key: string): key is StoreSettingKey {
  return Object.hasOwn(STORE_SETTINGS, key);
}

/**
 * The value of setting `key` from its text form.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` naming the key and the allowed values.
 */
export function parseStoreSetting(key: StoreSettingKey, text: string): StoreSettings[StoreSettingKey] {
  const value = STORE_SETTINGS[key].parse(text);
  if (value === undefined) {
    throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `Bad value for store setting ${key}: "${text}"; allowed: ${STORE_SETTINGS[key].allowed}`, { key, value: text, allowed: STORE_SETTINGS[key].allowed });
  }
  return value;
}

/** One row of `atrium config ls`. */
export interface StoreSettingValue {
  key: StoreSettingKey;
  value: StoreSettings[StoreSettingKey];
  isDefault: boolean;
  defaultValue: StoreSettings[StoreSettingKey];
}

/**
 * Every store setting with its value. A stored value that no longer parses is an error
 * (`ATRIUM_ERR_CONFIG_BAD_VALUE`, saying how to fix it), never silently replaced by the default.
 */
export function listStoreSettings(db: BetterSqlite3.Database): StoreSettingValue[] {
  const rows = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM setting WHERE key LIKE 'store.%'`).all();
  const stored = new Map(rows.map((r) => [r.key.slice(PREFIX.length), r.value]));
  return STORE_SETTING_KEYS.map((key) => {
    const text = stored.get(key);
    const defaultValue = DEFAULT_STORE_SETTINGS[key];
    if (text === undefined) return { key, value: defaultValue, isDefault: true, defaultValue };
    const value = STORE_SETTINGS[key].parse(text);
    if (value === undefined) {
      throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `store setting ${key} is stored as "${text}", which is not ${STORE_SETTINGS[key].allowed}; fix it with \`atrium config set ${key} <value>\` or \`atrium config unset ${key}\``, { key, value: text, stored: true });
    }
    return { key, value, isDefault: false, defaultValue };
  });
}

/** The store settings in force (defaults overlaid with the stored values). */
export function loadStoreSettings(db: BetterSqlite3.Database): StoreSettings {
  return Object.fromEntries(listStoreSettings(db).map((s) => [s.key, s.value])) as unknown as StoreSettings;
}

/** Parse, check and keep setting `key`. */
export function setStoreSetting(db: BetterSqlite3.Database, key: StoreSettingKey, text: string): void {
  const value = parseStoreSetting(key, text);
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(PREFIX + key, String(value));
}

/** Forget the stored value of `key` (the default applies again). */
export function unsetStoreSetting(db: BetterSqlite3.Database, key: StoreSettingKey): void {
  db.prepare('DELETE FROM setting WHERE key = ?').run(PREFIX + key);
}
