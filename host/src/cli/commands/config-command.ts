import { checkIndexUrl, configuredIndex, indexLocation, setConfiguredIndex } from '../../db/index-location.js';
import { databasePath } from '../../db/database-path.js';
import { maskUrlPassword } from '../../db/mask-url-password.js';
import type { PostgresIndexCounts } from '../../db/postgres/postgres-index-counts.js';
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
 * SQLite file. Nothing is copied between the two: either switch warns what the new index lacks.
 */
async function indexSetting(ctx: CliContext, verb: string, value: string | undefined): Promise<number> {
  if (verb === 'set') {
    const { openDatabase } = await import('../../db/open-database.js');
    usageCheck(() => checkIndexUrl(value!));
    openDatabase(value!).close(); // reachable, and its schema up to date, before the store points at it
    const left = configuredIndex(ctx.store) === undefined ? sqliteIndexCounts(databasePath(ctx.store)) : undefined;
    setConfiguredIndex(ctx.store, value);
    if (left !== undefined && left.series > 0) warnNotCopied(ctx, toPostgresMessage(left, databasePath(ctx.store)), { ...left, sqlite: databasePath(ctx.store) });
  } else if (verb === 'unset') {
    const postgres = configuredIndex(ctx.store);
    const { postgresIndexCounts } = await import('../../db/postgres/postgres-index-counts.js');
    const held = postgres === undefined ? undefined : await postgresIndexCounts(postgres);
    setConfiguredIndex(ctx.store, undefined);
    if (postgres !== undefined && held !== undefined) warnBackToSqlite(ctx, maskUrlPassword(postgres), held);
  }
  const location = maskUrlPassword(indexLocation(ctx.store));
  if (ctx.json) ctx.out(JSON.stringify({ key: INDEX_KEY, value: location, isDefault: configuredIndex(ctx.store) === undefined }, null, 2));
  else ctx.out(verb === 'get' ? location : `${INDEX_KEY} = ${location}`);
  return 0;
}

const RECONCILE_HINT = 'to index the stored files into it, run: atrium reconcile --full';

/**
 * Switching a store that holds series from its SQLite index to PostgreSQL copies nothing: the
 * new index shows none of them until the stored files are indexed into it (`reconcile --full`
 * indexes every file of the store that its index lacks, on either engine).
 */
function toPostgresMessage(left: IndexCounts, sqlite: string): string {
  return `${counted(left)} stay in ${sqlite} and are not copied to the new index (nor are the settings and AE table kept there); ${RECONCILE_HINT}`;
}

/**
 * Switching back from PostgreSQL to SQLite copies nothing either: index.sqlite shows only what
 * it held before the switch (or nothing). Warned when the PostgreSQL index holds series, or
 * when it cannot be read (the switch is made all the same).
 */
function warnBackToSqlite(ctx: CliContext, postgres: string, held: PostgresIndexCounts): void {
  const sqlite = databasePath(ctx.store);
  const own = sqliteIndexCounts(sqlite) ?? { studies: 0, series: 0, instances: 0 };
  const shows = `${sqlite} shows only what it held before the switch to PostgreSQL (${counted(own)})`;
  if ('unreachable' in held) {
    warnNotCopied(ctx, `the PostgreSQL index ${postgres} is not reachable (${held.unreachable}): what it holds is not copied; ${shows}; ${RECONCILE_HINT}`, { postgres, reachable: false, reason: held.unreachable, sqlite, sqliteHolds: own });
  } else if (held.counts.series > 0) {
    warnNotCopied(ctx, `${counted(held.counts)} of the PostgreSQL index ${postgres} are not copied back; ${shows}; ${RECONCILE_HINT}`, { ...held.counts, postgres, reachable: true, sqlite, sqliteHolds: own });
  }
}

function counted(c: IndexCounts): string {
  return `${c.studies} study(ies), ${c.series} series, ${c.instances} instance(s)`;
}

/** Prints the warning that an index switch copied nothing (`ATRIUM_WARN_INDEX_NOT_COPIED`), as text or JSON. */
function warnNotCopied(ctx: CliContext, message: string, details: Record<string, unknown>): void {
  ctx.err(ctx.json ? JSON.stringify({ warning: { code: 'ATRIUM_WARN_INDEX_NOT_COPIED', message, details } }) : `atrium config: warning: ${message} [ATRIUM_WARN_INDEX_NOT_COPIED]`);
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
