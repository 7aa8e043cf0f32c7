import type { SettingTable } from '../db/setting-table.js';
import { loadUidRoot } from '../net/config/load-network-config.js';
import { storeExists } from '../store/store-root.js';

/**
 * The organisation UID root a command writes under (`atrium config set uidRoot`; the Shimadzu
 * DAR-9500f conformance statement §5.2): the store's setting, undefined when there is no store
 * yet (nothing is created to read it). The commands' one reader of the setting: what they write
 * (media, de-identified copies) gets it as a parameter.
 */
export async function configuredUidRoot(store: string, settings: () => Promise<SettingTable>): Promise<string | undefined> {
  return storeExists(store) ? loadUidRoot(await settings()) : undefined;
}
