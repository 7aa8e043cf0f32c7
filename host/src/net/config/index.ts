/** Network configuration: the settings of the local AE (stored in the index) and the remote AE table. */
export { aeTitleProblem, normalizeAeTitle } from './ae-title.js';
export {
  listNetworkSettings,
  loadNetworkConfig,
  NETWORK_SETTING_PREFIX,
  setNetworkSetting,
  unsetNetworkSetting,
  type NetworkSettingValue,
} from './load-network-config.js';
export { DEFAULT_NETWORK_CONFIG, type NetworkConfig } from './network-config.js';
export {
  assertNetworkSettingKey,
  isNetworkSettingKey,
  NETWORK_SETTING_KEYS,
  NETWORK_SETTINGS,
  parseNetworkSetting,
  type NetworkSettingKey,
  type NetworkSettingSpec,
} from './network-settings.js';
export { AE_ROLES, canonicalIp, checkRemoteAe, RemoteAeTable, RemoteAeTableImpl, type AeRole, type CallerIdentity, type RemoteAe } from './remote-ae-table.js';
