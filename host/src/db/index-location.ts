import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';
import { databasePath, STORE_CONFIG_FILE } from './database-path.js';
import { maskUrlPassword } from './mask-url-password.js';

export { STORE_CONFIG_FILE } from './database-path.js';

/** True for a PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Where the index of the store under `root` is: the `index` of `<root>/store.json` (a
 * `postgres://user:password@host:port/database` URL, written by `atrium config set index`),
 * else the SQLite file `<root>/index.sqlite`. The index cannot hold its own location, so this
 * one setting lives in a file beside it; every host of a cluster has the same file.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_LOCATION` when store.json is not JSON or its `index`
 *   is not a postgres:// URL.
 */
export function indexLocation(root: string): string {
  const configured = configuredIndex(root);
  return configured ?? databasePath(root);
}

/** The `index` of `<root>/store.json`, undefined when there is none (SQLite). */
export function configuredIndex(root: string): string | undefined {
  const file = join(resolve(root), STORE_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AtriumError('ATRIUM_ERR_INDEX_LOCATION', `${file} is not JSON: ${(e as Error).message}`, { path: file }, { cause: e });
  }
  const index = (config as { index?: unknown } | null)?.index;
  if (index === undefined) return undefined;
  const problem = typeof index === 'string' ? indexUrlProblem(index) : NOT_POSTGRES;
  if (typeof index !== 'string' || problem) {
    throw new AtriumError('ATRIUM_ERR_INDEX_LOCATION', `${file}: "index" must be a postgres:// URL${problem === NOT_POSTGRES ? '' : ` (${problem})`}, got ${typeof index === 'string' ? JSON.stringify(maskUrlPassword(index)) : JSON.stringify(index)}`, { path: file });
  }
  return index;
}

/** @throws AtriumError `ATRIUM_ERR_INDEX_LOCATION` unless `url` is a postgres:// URL. */
export function checkIndexUrl(url: string): void {
  const problem = indexUrlProblem(url);
  if (problem) {
    const shown = maskUrlPassword(url);
    throw new AtriumError('ATRIUM_ERR_INDEX_LOCATION', `The index must be a postgres:// URL (or unset for the SQLite file)${problem === NOT_POSTGRES ? '' : `: ${problem}`}, got "${shown}"`, { value: shown });
  }
}

const NOT_POSTGRES = 'not postgres://';

/**
 * Why `url` cannot be an index's URL, or undefined: another scheme, or a URL that does not parse
 * (a port that is not a number from 0 to 65535, an IPv6 host without its closing bracket) — which
 * the PostgreSQL driver would not refuse but try to reach without end.
 */
function indexUrlProblem(url: string): string | undefined {
  if (!isPostgresUrl(url)) return NOT_POSTGRES;
  try {
    new URL(url);
    return undefined;
  } catch {
    return 'not a valid URL (is the port a number from 0 to 65535, an IPv6 host in [brackets]?)';
  }
}

/** Writes (a URL) or removes (undefined: back to `index.sqlite`) the `index` of `<root>/store.json`, atomically. */
export function setConfiguredIndex(root: string, url: string | undefined): void {
  const file = join(resolve(root), STORE_CONFIG_FILE);
  if (url === undefined) {
    rmSync(file, { force: true });
    return;
  }
  checkIndexUrl(url);
  mkdirSync(resolve(root), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ index: url }, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
