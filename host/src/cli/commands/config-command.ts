import { Index } from '../../di/store-module.js';
import { listNetworkSettings, setNetworkSetting, unsetNetworkSetting } from '../../net/config/load-network-config.js';
import { assertNetworkSettingKey, NETWORK_SETTINGS } from '../../net/config/network-settings.js';
import { isStoreSettingKey, listStoreSettings, setStoreSetting, STORE_SETTINGS } from '../../store/store-settings.js';
import type { CliContext, Command } from '../cli-context.js';
import { withHost } from '../host-session.js';
import { printTable } from '../print-table.js';

const USAGE = 'atrium config [ls] | atrium config get <key> | atrium config set <key> <value> | atrium config unset <key>';

function usage(ctx: CliContext, problem: string): number {
  ctx.err(`atrium config: ${problem}\nusage: ${USAGE}`);
  return 2;
}

export const configCommand: Command = {
  name: 'config',
  usage: USAGE,
  summary: 'Network settings (AE title, port, PDU size, timeouts, acceptance policy, limits, retries) and store limits (nesting, elements, items, object size, free space), stored in the index',
  run(args, ctx) {
    const [verb = 'ls', key, value, ...extra] = args;
    const arity: Record<string, number> = { ls: 0, list: 0, get: 1, unset: 1, set: 2 };
    const wanted = arity[verb];
    if (wanted === undefined) return usage(ctx, `unknown subcommand "${verb}"`);
    const given = [key, value, ...extra].filter((a) => a !== undefined).length;
    if (given !== wanted) return usage(ctx, `${verb} takes ${wanted === 0 ? 'no arguments' : wanted === 1 ? 'a key' : 'a key and a value'}`);
    return withHost(ctx, (container) => {
      const db = container.get<Index>(Index).db;
      // Store settings (parse limits, largest object, free space kept) share the command.
      if (key !== undefined && isStoreSettingKey(key)) {
        if (verb !== 'get') setStoreSetting(db, key, verb === 'set' ? value : undefined);
      } else if (verb === 'set') setNetworkSetting(db, key!, value!);
      else if (verb === 'unset') unsetNetworkSetting(db, key!);
      else if (verb === 'get') assertNetworkSettingKey(key!);
      const settings = [...listNetworkSettings(db), ...listStoreSettings(db)];
      if (verb === 'ls' || verb === 'list') {
        const describe = (k: string): string => (isStoreSettingKey(k) ? STORE_SETTINGS[k] : NETWORK_SETTINGS[k as keyof typeof NETWORK_SETTINGS]).description;
        if (ctx.json) ctx.out(JSON.stringify(settings, null, 2));
        else ctx.out(printTable(settings.map((s) => ({ key: s.key, value: String(s.value), source: s.isDefault ? 'default' : 'set', description: describe(s.key) })), ['key', 'value', 'source', 'description']));
        return 0;
      }
      const s = settings.find((x) => x.key === key)!;
      if (ctx.json) ctx.out(JSON.stringify(s, null, 2));
      else if (verb === 'get') ctx.out(String(s.value));
      else ctx.out(`${s.key} = ${String(s.value)}${s.isDefault ? ' (default)' : ''}`);
      return 0;
    });
  },
};
