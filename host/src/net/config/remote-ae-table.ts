import { isIP } from 'node:net';
import type { RemoteAeRow, RemoteAeRows } from '../../db/remote-ae-rows.js';
import { serviceToken } from '../../core/service-token.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { aeTitleProblem, normalizeAeTitle } from './ae-title.js';

/**
 * What a remote AE is registered for: `store` — we may send to it (Storage SCP, C-MOVE
 * destination); `query` — we may query and retrieve from it (Q/R SCP); `call` — it may call
 * us: from its own host it may query and retrieve, and it passes `acceptUnknownCallingAe`
 * / `acceptUnknownHosts` when they are false (see the SCP's caller policy); `commit` — it is
 * a Storage Commitment SCP: every send to it requests commitment (Shimadzu DAR-9500f
 * conformance statement, Storage Commitment SCU); `print` — it is a Print SCP.
 */
export type AeRole = 'store' | 'query' | 'call' | 'commit' | 'print';

/** Every role, in the canonical order. */
export const AE_ROLES: readonly AeRole[] = ['store', 'query', 'call', 'commit', 'print'];

/** The roles of an AE added without `--roles`. */
export const DEFAULT_AE_ROLES: readonly AeRole[] = ['store', 'query', 'call'];

/** A remote application entity of the AE table (Canon GCA-9300R conformance statement §4.4.1). */
export interface RemoteAe {
  /** AE title, without leading/trailing spaces. */
  title: string;
  /** Host name or IP address. */
  host: string;
  port: number;
  /** Human-readable name, unique among titles and aliases. */
  alias?: string;
  /** Non-empty, no duplicates, canonical order. */
  roles: AeRole[];
  /**
   * `false`: no C-ECHO at the start of an association that sends to it. Absent (the default):
   * every such association starts with one, and a failed echo fails the send (TigerView
   * conformance statement: C-ECHO before C-STORE).
   */
  verifyBeforeSend?: boolean;
}

const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

function bad(field: string, value: unknown, problem: string): AtriumError {
  return new AtriumError('ATRIUM_ERR_AE_BAD_VALUE', `Bad remote AE ${field} ${JSON.stringify(value)}: ${problem}`, { field, value });
}

/**
 * An IP address in one canonical text form, so that `::ffff:127.0.0.1`, `::FFFF:7f00:1`
 * and `127.0.0.1` compare equal; `undefined` for anything that is not an IP literal.
 */
export function canonicalIp(address: string): string | undefined {
  const a = address.trim().replace(/%.*$/, '');
  const family = isIP(a);
  if (family === 4) return a.split('.').map((n) => String(Number(n))).join('.');
  if (family !== 6) return undefined;
  const v6 = new URL(`http://[${a}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!mapped) return v6;
  const hi = parseInt(mapped[1]!, 16);
  const lo = parseInt(mapped[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** A caller as the AE table knows it (see {@link RemoteAeTable.identifyCaller}). */
export interface CallerIdentity {
  /** The entry with role `call` whose AE title is the calling AE title, when there is one. */
  readonly registered?: RemoteAe;
  /** A known peer: its title is registered and it calls from that entry's host. */
  readonly known: boolean;
  /** The caller's address is the host of some entry with role `call`. */
  readonly knownHost: boolean;
}

function toAe(r: RemoteAeRow): RemoteAe {
  return { title: r.title, host: r.host, port: r.port, ...(r.alias === undefined ? {} : { alias: r.alias }), roles: r.roles.filter((role): role is AeRole => AE_ROLES.includes(role as AeRole)), ...(r.verifyBeforeSend === false ? { verifyBeforeSend: false } : {}) };
}

/** The remote AE table (`atrium ae`): who we send to, query, and who may call us. */
export interface RemoteAeTable {
  /**
   * Adds `ae`, replacing the entry with the same title. Returns the stored form.
   * @throws AtriumError `ATRIUM_ERR_AE_BAD_VALUE`, `ATRIUM_ERR_AE_ALIAS_TAKEN`.
   */
  add(ae: RemoteAe): RemoteAe;
  /** Every entry, sorted by title. */
  list(): RemoteAe[];
  /** The entry whose alias is `titleOrAlias`, else whose title is (spaces trimmed). */
  find(titleOrAlias: string): RemoteAe | undefined;
  /** Like {@link find}, but an unknown name is an error (`ATRIUM_ERR_AE_UNKNOWN`). */
  require(titleOrAlias: string): RemoteAe;
  /** Removes the entry named `titleOrAlias`; false when there is none. */
  remove(titleOrAlias: string): boolean;
  /** Who a caller is: its calling AE title and its address as one identity. */
  identifyCaller(title: string, address: string): CallerIdentity;
}

/** DI token of {@link RemoteAeTable}. */
export const RemoteAeTable = serviceToken<RemoteAeTable>('RemoteAeTable');

/**
 * {@link RemoteAeTable} kept in the database's remote AE rows. Titles are compared exactly
 * (case-sensitive) after removing leading/trailing spaces.
 */
export class RemoteAeTableImpl implements RemoteAeTable {
  constructor(private readonly rows: RemoteAeRows) {}

  /**
   * Adds `ae`, replacing the entry with the same title. Returns the stored form.
   * @throws AtriumError `ATRIUM_ERR_AE_BAD_VALUE` (bad title, host, port, alias or role),
   *   `ATRIUM_ERR_AE_ALIAS_TAKEN` (the alias is another entry's alias or title, or the
   *   title is another entry's alias).
   */
  add(ae: RemoteAe): RemoteAe {
    const clean = checkRemoteAe(ae);
    const other = this.rows.put(clean);
    if (other) {
      const name = other.alias === clean.title ? clean.title : clean.alias!;
      throw new AtriumError(
        'ATRIUM_ERR_AE_ALIAS_TAKEN',
        `The name "${name}" already names remote AE ${other.title}${other.alias === undefined ? '' : ` (alias ${other.alias})`}; titles and aliases must be unique`,
        { name, title: other.title },
      );
    }
    return clean;
  }

  /** Every entry, sorted by title. */
  list(): RemoteAe[] {
    return this.rows.list().map(toAe);
  }

  /** The entry whose alias is `titleOrAlias`, else whose title is (spaces trimmed). */
  find(titleOrAlias: string): RemoteAe | undefined {
    const row = this.rows.byAlias(titleOrAlias) ?? this.rows.byTitle(normalizeAeTitle(titleOrAlias));
    return row && toAe(row);
  }

  /**
   * Like {@link find}, but an unknown name is an error.
   * @throws AtriumError `ATRIUM_ERR_AE_UNKNOWN` listing the known titles and aliases.
   */
  require(titleOrAlias: string): RemoteAe {
    const ae = this.find(titleOrAlias);
    if (ae) return ae;
    const known = this.list().map((a) => (a.alias === undefined ? a.title : `${a.title} (${a.alias})`));
    throw new AtriumError(
      'ATRIUM_ERR_AE_UNKNOWN',
      `Unknown remote AE "${titleOrAlias}"; ${known.length === 0 ? 'the AE table is empty (add one with `atrium ae add`)' : `known: ${known.join(', ')}`}`,
      { name: titleOrAlias, known: this.list().map((a) => a.title) },
    );
  }

  /** Removes the entry named `titleOrAlias` (as {@link find}); false when there is none. */
  remove(titleOrAlias: string): boolean {
    const ae = this.find(titleOrAlias);
    return ae !== undefined && this.rows.remove(ae.title);
  }

  /**
   * Who a caller is (its calling AE title and its address are one identity): the entry
   * with role `call` and this title (spaces trimmed), whether `address` (the peer's IP,
   * IPv4-mapped IPv6 accepted) is that entry's host, and whether it is the host of any
   * entry with role `call`. Hosts are compared as IP literals; `localhost` stands for
   * 127.0.0.1 and ::1; other host names are not resolved here (register callers by IP
   * address).
   */
  identifyCaller(title: string, address: string): CallerIdentity {
    const callers = this.list().filter((a) => a.roles.includes('call'));
    const t = normalizeAeTitle(title);
    const ip = canonicalIp(address);
    const hostMatches = (host: string): boolean => {
      if (ip === undefined) return host.toLowerCase() === address.trim().toLowerCase();
      if (host.toLowerCase() === 'localhost') return LOOPBACK.has(ip);
      return canonicalIp(host) === ip;
    };
    const registered = callers.find((a) => a.title === t);
    return {
      ...(registered ? { registered } : {}),
      known: registered !== undefined && hostMatches(registered.host),
      knownHost: callers.some((a) => hostMatches(a.host)),
    };
  }
}

/**
 * Checks and normalises an entry without storing it.
 * @throws AtriumError `ATRIUM_ERR_AE_BAD_VALUE`.
 */
export function checkRemoteAe(ae: RemoteAe): RemoteAe {
  if (typeof ae.title !== 'string') throw bad('title', ae.title, 'must be a string');
  const titleProblem = aeTitleProblem(ae.title);
  if (titleProblem) throw bad('title', ae.title, titleProblem);
  const title = normalizeAeTitle(ae.title);
  const host = typeof ae.host === 'string' ? ae.host.trim() : '';
  if (!(isIP(host.replace(/%.*$/, '')) !== 0 || HOST_NAME.test(host))) throw bad('host', ae.host, 'must be a host name or an IP address');
  if (!Number.isInteger(ae.port) || ae.port < 1 || ae.port > 65535) throw bad('port', ae.port, 'must be a whole number from 1 to 65535');
  let alias: string | undefined;
  if (ae.alias !== undefined) {
    alias = typeof ae.alias === 'string' ? ae.alias.trim() : '';
    if (alias.length === 0 || alias.length > 64 || /[\x00-\x1f\x7f]/.test(alias)) throw bad('alias', ae.alias, 'must be 1-64 printable characters');
  }
  if (!Array.isArray(ae.roles) || ae.roles.length === 0) throw bad('roles', ae.roles, `must list at least one of ${AE_ROLES.join(', ')}`);
  const unknown = ae.roles.find((r) => !AE_ROLES.includes(r));
  if (unknown !== undefined) throw bad('roles', unknown, `is not a role; roles: ${AE_ROLES.join(', ')}`);
  const roles = AE_ROLES.filter((r) => ae.roles.includes(r));
  if (ae.verifyBeforeSend !== undefined && typeof ae.verifyBeforeSend !== 'boolean') throw bad('verifyBeforeSend', ae.verifyBeforeSend, 'must be true or false');
  return { title, host, port: ae.port, ...(alias === undefined ? {} : { alias }), roles, ...(ae.verifyBeforeSend === false ? { verifyBeforeSend: false } : {}) };
}
