import { checkIndexUrl, configuredIndex, indexLocation, setConfiguredIndex } from '../../db/index-location.js';
import { databasePath } from '../../db/database-path.js';
import type { WarningCode } from '../../errors/codes.js';
import { maskUrlPassword } from '../../db/mask-url-password.js';
import { sqliteIndexCounts, type IndexCounts } from '../../db/sqlite-index-counts.js';
import { SettingTable } from '../../db/setting-table.js';
import { listNetworkSettings, setNetworkSetting, unsetNetworkSetting } from '../../net/config/load-network-config.js';
import { isNetworkSettingKey, NETWORK_SETTING_KEYS, NETWORK_SETTINGS, parseNetworkSetting } from '../../net/config/network-settings.js';
import { closestName } from '@atrium/sdk/core';
import { isStoreSettingKey, listStoreSettings, parseStoreSetting, setStoreSetting, STORE_SETTING_KEYS, STORE_SETTINGS, unsetStoreSetting } from '../../store/store-settings.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { parseArgs } from '../parse-args.js';
import { printTable } from '../print-table.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'atrium config [ls] | atrium config get <key> | atrium config set <key> <value> | atrium config unset <key>';

/** A command line this command cannot carry out: a usage error (exit 2, the usage line after it). */
function usage(_ctx: CliContext, problem: string): never {
  throw new UsageError('ATRIUM_ERR_CLI_USAGE', problem, {});
}

/** The one setting kept outside the index (in store.json): where the index is. */
const INDEX_KEY = 'index';
const INDEX_DESCRIPTION = 'Where the index is: index.sqlite under the store (default), or a postgres:// URL (store.json; the same on every host of a cluster)';

/**
 * `atrium config get|set|unset index`: set checks that the PostgreSQL database answers (and
 * brings its schema up to date) before the store is pointed at it; unset goes back to the
 * SQLite file. Nothing is copied from one index to the other: a switch warns when the index left
 * holds more than the new one (see warnFewer).
 */
async function indexSetting(ctx: CliContext, verb: string, value: string | undefined): Promise<number> {
  if (verb === 'set' || verb === 'unset') {
    const from = configuredIndex(ctx.store);
    const to = verb === 'set' ? value : undefined;
    if (to !== undefined) {
      const { openDatabase } = await import('../../db/open-database.js');
      usageCheck(() => checkIndexUrl(to));
      openDatabase(to).close(); // reachable, and its schema up to date, before the store points at it
    }
    const switched = from !== to;
    const before = switched ? await indexHolds(ctx.store, from) : undefined;
    const after = switched ? await indexHolds(ctx.store, to) : undefined;
    setConfiguredIndex(ctx.store, to);
    if (before && after) warnFewer(ctx, before, after);
  }
  const location = maskUrlPassword(indexLocation(ctx.store));
  if (ctx.json) ctx.out(JSON.stringify({ key: INDEX_KEY, value: location, isDefault: configuredIndex(ctx.store) === undefined }, null, 2));
  else ctx.out(verb === 'get' ? location : `${INDEX_KEY} = ${location}`);
  return 0;
}

/** An index as a switch warning names it, and what it holds (or why that could not be read). */
type IndexHolds = { readonly name: string } & ({ readonly counts: IndexCounts } | { readonly unreachable: string });

/** What the index at `url` (undefined: the store's index.sqlite) holds, read without writing; a missing SQLite file holds nothing. */
async function indexHolds(store: string, url: string | undefined): Promise<IndexHolds> {
  if (url === undefined) {
    const name = databasePath(store);
    return { name, counts: sqliteIndexCounts(name) ?? { studies: 0, series: 0, instances: 0 } };
  }
  const { postgresIndexCounts } = await import('../../db/postgres/postgres-index-counts.js');
  return { name: `the PostgreSQL index ${maskUrlPassword(url)}`, ...(await postgresIndexCounts(url)) };
}

/**
 * Switching indexes copies nothing (`reconcile --full` indexes every stored file the new index
 * lacks, on either engine). Warned when the index left holds more studies, series or instances
 * than the new one — the difference of the counts, a floor of what the new one will not show —
 * or when either could not be read; not when the new one holds as much (a switch back after a
 * reconcile).
 */
function warnFewer(ctx: CliContext, from: IndexHolds, to: IndexHolds): void {
  const tail = `nothing is copied from one index to the other (nor the settings and AE table kept in it); to index the stored files into ${to.name}, run: atrium reconcile --full`;
  if ('unreachable' in from || 'unreachable' in to) {
    const [down, up] = 'unreachable' in from ? [from, to] : [to, from];
    const known = 'counts' in up ? `; ${up.name} holds ${counted(up.counts)}` : '';
    warnNotCopied(ctx, `${down.name} is not reachable (${'unreachable' in down ? down.unreachable : ''}), so what it holds is not known${known}; ${tail}`, { from: from.name, to: to.name, reachable: false, reason: 'unreachable' in down ? down.unreachable : undefined });
    return;
  }
  const missing = { studies: Math.max(0, from.counts.studies - to.counts.studies), series: Math.max(0, from.counts.series - to.counts.series), instances: Math.max(0, from.counts.instances - to.counts.instances) };
  if (missing.studies + missing.series + missing.instances === 0) return;
  warnNotCopied(ctx, `${from.name} holds ${counted(from.counts)}, ${to.name} ${counted(to.counts)}: at least ${counted(missing)} will not be shown; ${tail}`, { from: from.name, to: to.name, reachable: true, fromHolds: from.counts, toHolds: to.counts, missing });
}

function counted(c: IndexCounts): string {
  return `${c.studies} study(ies), ${c.series} series, ${c.instances} instance(s)`;
}

/** Prints the warning that an index switch copied nothing (`ATRIUM_WARN_INDEX_NOT_COPIED`), as text or JSON. */
function warnNotCopied(ctx: CliContext, message: string, details: Record<string, unknown>): void {
  const code: WarningCode = 'ATRIUM_WARN_INDEX_NOT_COPIED';
  ctx.err(ctx.json ? JSON.stringify({ warning: { code, message, details } }) : `atrium config: warning: ${message} [${code}]`);
}

export const configCommand = defineCommand({
  name: 'config',
  usage: USAGE,
  summary: 'Settings: where the index is (store.json), and, stored in the index, network (AE title, port, PDU size, timeouts, acceptance policy, limits, retries) and store (validation, stableAge; limits on nesting, elements, items, object size, free space)',
  uses: { settings: SettingTable },
  async run(args, ctx, use) {
    const [verb = 'ls', key, value, ...extra] = parseArgs({ args, allowPositionals: true, options: {} }).positionals;
    const arity: Record<string, number> = { ls: 0, list: 0, get: 1, unset: 1, set: 2 };
    const wanted = arity[verb];
    if (wanted === undefined) return usage(ctx, `unknown subcommand "${verb}"`);
    const given = [key, value, ...extra].filter((a) => a !== undefined).length;
    if (given !== wanted) return usage(ctx, `${verb} takes ${wanted === 0 ? 'no arguments' : wanted === 1 ? 'a key' : 'a key and a value'}`);
    if (key === INDEX_KEY) return indexSetting(ctx, verb, value);
    if (key !== undefined && !isStoreSettingKey(key) && !isNetworkSettingKey(key)) {
      const keys = [INDEX_KEY, ...NETWORK_SETTING_KEYS, ...STORE_SETTING_KEYS];
      const near = closestName(key, keys);
      throw new UsageError('ATRIUM_ERR_CONFIG_UNKNOWN_KEY', `unknown setting "${key}"${near ? ` (did you mean ${near}?)` : ''}; settings: ${keys.join(', ')}`, { key, ...(near ? { suggestion: near } : {}) });
    }
    // A value the setting does not take is refused before the store is opened (nothing is created).
    if (verb === 'set') usageCheck(() => (isStoreSettingKey(key!) ? parseStoreSetting(key, value!) : parseNetworkSetting(key!, value!)));
    const db = await use.settings();
    if (key !== undefined && isStoreSettingKey(key)) {
      if (verb === 'set') setStoreSetting(db, key, value!);
      else if (verb === 'unset') unsetStoreSetting(db, key);
    } else if (verb === 'set') setNetworkSetting(db, key!, value!);
    else if (verb === 'unset') unsetNetworkSetting(db, key!);
    // Network settings first, then the store's (validation, stableAge, parse limits, largest object, free space kept).
    const configured = configuredIndex(ctx.store);
    const settings = [
      { key: INDEX_KEY, value: maskUrlPassword(indexLocation(ctx.store)), isDefault: configured === undefined, description: INDEX_DESCRIPTION },
      ...listNetworkSettings(db).map((s) => ({ ...s, description: NETWORK_SETTINGS[s.key].description })),
      ...listStoreSettings(db).map((s) => ({ ...s, description: STORE_SETTINGS[s.key].description })),
    ];
    if (verb === 'ls' || verb === 'list') {
      if (ctx.json) ctx.out(JSON.stringify(settings.map(({ description: _, ...s }) => s), null, 2));
      else ctx.out(printTable(settings.map((s) => ({ key: s.key, value: String(s.value), source: s.isDefault ? 'default' : 'set', description: s.description })), ['key', 'value', 'source', 'description']));
      return 0;
    }
    const { description: _, ...s } = settings.find((x) => x.key === key)!;
    if (ctx.json) ctx.out(JSON.stringify(s, null, 2));
    else if (verb === 'get') ctx.out(String(s.value));
    else ctx.out(`${s.key} = ${String(s.value)}${s.isDefault ? ' (default)' : ''}`);
    return 0;
  },
});
