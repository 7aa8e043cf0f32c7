import { checkQueryKeys } from '../db/check-query-keys.js';
import type { QueryLevel } from '../db/query-keys.js';
import { webError } from './web-error.js';

/** Paging of the list routes. */
export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** Most items one page of a list route may hold. */
export const MAX_PAGE = 1000;

/** A whole number from a query string, within bounds (a coded 400 otherwise). */
export function queryInteger(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`, { parameter: name, value });
  }
  return n;
}

/**
 * Split a list route's query string into matching keys and paging, checking the keys as
 * the CLI does (`checkQueryKeys`: unknown or misspelt keys, keys of a lower level, empty
 * values and malformed values are refused, `ATRIUM_ERR_QUERY_*`). `reserved` names the
 * query parameters of the route that are not matching keys (`access_token` always is).
 */
export function listQuery(level: QueryLevel, query: unknown, reserved: readonly string[] = []): { keys: Record<string, string>; paging: Paging } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const keys: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'limit' || name === 'offset' || name === 'access_token' || reserved.includes(name)) continue;
    if (typeof value !== 'string') throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `${name} is given more than once; give a list as one value separated by \\`, { parameter: name });
    keys[name] = value;
  }
  checkQueryKeys(level, keys);
  const paging = { limit: queryInteger('limit', raw.limit, 200, 1, MAX_PAGE), offset: queryInteger('offset', raw.offset, 0, 0, Number.MAX_SAFE_INTEGER) };
  return { keys, paging };
}
