import type { SettingTable } from '../../db/setting-table.js';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig } from './network-config.js';
import { assertNetworkSettingKey, isNetworkSettingKey, NETWORK_SETTING_KEYS, parseNetworkSetting, type NetworkSettingKey } from './network-settings.js';

/** Prefix of the network settings among the database's settings (`network.aeTitle`, ...). */
export const NETWORK_SETTING_PREFIX = 'network.';

/** One row of `atrium config ls`. */
export interface NetworkSettingValue {
  key: NetworkSettingKey;
  value: NetworkConfig[NetworkSettingKey];
  /** True when nothing is stored and the default applies. */
  isDefault: boolean;
  defaultValue: NetworkConfig[NetworkSettingKey];
}

function storedSettings(settings: SettingTable): Map<NetworkSettingKey, string> {
  const stored = new Map<NetworkSettingKey, string>();
  for (const [key, value] of settings.list(NETWORK_SETTING_PREFIX)) {
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
export function listNetworkSettings(settings: SettingTable): NetworkSettingValue[] {
  const stored = storedSettings(settings);
  return NETWORK_SETTING_KEYS.map((key) => settingValue(key, stored.get(key)));
}

/** One setting's value from its stored text (none: the default). */
function settingValue(key: NetworkSettingKey, text: string | undefined): NetworkSettingValue {
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
}

/**
 * The organisation UID root (`atrium config set uidRoot`, default `2.25`), read alone — so that
 * storing or writing a file never depends on the other network settings. What the CLI, the web
 * server and the store pass to every writer of File Meta Information (see implementationClassUid).
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` for a stored value that fails the checks.
 */
export function loadUidRoot(settings: SettingTable): string {
  return settingValue('uidRoot', settings.list(NETWORK_SETTING_PREFIX).get(`${NETWORK_SETTING_PREFIX}uidRoot`)).value as string;
}

/**
 * The network configuration: {@link DEFAULT_NETWORK_CONFIG} overlaid with the settings
 * stored in the database's settings.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` for a stored value that fails the checks.
 */
export function loadNetworkConfig(settings: SettingTable): NetworkConfig {
  const config: Record<string, unknown> = {};
  for (const s of listNetworkSettings(settings)) config[s.key] = s.value;
  return config as unknown as NetworkConfig;
}

/**
 * Parses, checks and stores setting `key` (a {@link NetworkConfig} field name) from its
 * text form; returns the resulting configuration.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY` / `ATRIUM_ERR_CONFIG_BAD_VALUE`.
 */
export function setNetworkSetting(settings: SettingTable, key: string, value: string): NetworkConfig {
  const parsed = parseNetworkSetting(key, value);
  settings.set(NETWORK_SETTING_PREFIX + key, String(parsed));
  return loadNetworkConfig(settings);
}

/**
 * Removes the stored value of setting `key` (its default applies again); returns the
 * resulting configuration.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY`.
 */
export function unsetNetworkSetting(settings: SettingTable, key: string): NetworkConfig {
  assertNetworkSettingKey(key);
  settings.unset(NETWORK_SETTING_PREFIX + key);
  return loadNetworkConfig(settings);
}
