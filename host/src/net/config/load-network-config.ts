import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig } from './network-config.js';
import { assertNetworkSettingKey, isNetworkSettingKey, NETWORK_SETTING_KEYS, parseNetworkSetting, type NetworkSettingKey } from './network-settings.js';

type Database = BetterSqlite3.Database;

/** Prefix of the network settings in the index's `setting` table (`network.aeTitle`, ...). */
export const NETWORK_SETTING_PREFIX = 'network.';

/** One row of `atrium config ls`. */
export interface NetworkSettingValue {
  key: NetworkSettingKey;
  value: NetworkConfig[NetworkSettingKey];
  /** True when nothing is stored and the default applies. */
  isDefault: boolean;
  defaultValue: NetworkConfig[NetworkSettingKey];
}

function storedSettings(db: Database): Map<NetworkSettingKey, string> {
  const rows = db.prepare(`SELECT key, value FROM setting WHERE key LIKE 'network.%'`).all() as { key: string; value: string }[];
  const stored = new Map<NetworkSettingKey, string>();
  for (const { key, value } of rows) {
    const name = key.slice(NETWORK_SETTING_PREFIX.length);
    // A setting of a newer Atrium that this one does not know is left alone.
    if (isNetworkSettingKey(name)) stored.set(name, value);
  }
  return stored;
}

/**
 * Every network setting: its value, the default, and whether the default applies.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` when a stored value no longer passes
 *   the checks (the message says how to fix it).
 */
export function listNetworkSettings(db: Database): NetworkSettingValue[] {
  const stored = storedSettings(db);
  return NETWORK_SETTING_KEYS.map((key) => {
    const text = stored.get(key);
    let value = DEFAULT_NETWORK_CONFIG[key];
    if (text !== undefined) {
      try {
        value = parseNetworkSetting(key, text);
      } catch (e) {
        if (!isAtriumError(e)) throw e;
        throw new AtriumError(
          'ATRIUM_ERR_CONFIG_BAD_VALUE',
          `${e.message} (stored in the index as "${text}"; fix it with \`atrium config set ${key} <value>\` or \`atrium config unset ${key}\`)`,
          { ...e.details, stored: true },
          { cause: e },
        );
      }
    }
    return { key, value, isDefault: text === undefined, defaultValue: DEFAULT_NETWORK_CONFIG[key] };
  });
}

/**
 * The network configuration: {@link DEFAULT_NETWORK_CONFIG} overlaid with the settings
 * stored in the index (`db` is the index's SQLite connection, schema version ≥ 5).
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` for a stored value that fails the checks.
 */
export function loadNetworkConfig(db: Database): NetworkConfig {
  const config: Record<string, unknown> = {};
  for (const s of listNetworkSettings(db)) config[s.key] = s.value;
  return config as unknown as NetworkConfig;
}

/**
 * Parses, checks and stores setting `key` (a {@link NetworkConfig} field name) from its
 * text form; returns the resulting configuration.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY` / `ATRIUM_ERR_CONFIG_BAD_VALUE`.
 */
export function setNetworkSetting(db: Database, key: string, value: string): NetworkConfig {
  const parsed = parseNetworkSetting(key, value);
  db.prepare(`INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    NETWORK_SETTING_PREFIX + key,
    String(parsed),
  );
  return loadNetworkConfig(db);
}

/**
 * Removes the stored value of setting `key` (its default applies again); returns the
 * resulting configuration.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY`.
 */
export function unsetNetworkSetting(db: Database, key: string): NetworkConfig {
  assertNetworkSettingKey(key);
  db.prepare(`DELETE FROM setting WHERE key = ?`).run(NETWORK_SETTING_PREFIX + key);
  return loadNetworkConfig(db);
}
