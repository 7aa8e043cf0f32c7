import { isIP } from 'node:net';
import { AtriumError } from '../../errors/atrium-error.js';
import { MAX_UID_ROOT_LENGTH, uidRootProblem } from '../../io/uid-root.js';
import { aeTitleProblem, normalizeAeTitle } from './ae-title.js';
import { FIND_LIMIT_ANSWERS, type NetworkConfig } from './network-config.js';

/** The name of a network setting: a {@link NetworkConfig} field. */
export type NetworkSettingKey = keyof NetworkConfig;

/** How one setting is written, read and checked. */
export interface NetworkSettingSpec {
  /** One line for `atrium config ls`. */
  readonly description: string;
  /** The allowed values, as told in error messages. */
  readonly allowed: string;
  /** Parses the text form; returns the value or a problem (the reason it is refused). */
  parse(text: string): { value: NetworkConfig[NetworkSettingKey] } | { problem: string };
}

const MAX_UINT32 = 4_294_967_295;
const DAY_MS = 86_400_000;

function integer(text: string, min: number, max: number, zero?: string): { value: number } | { problem: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { problem: `"${text}" is not a whole number` };
  const n = Number(t);
  if (n === 0 && zero !== undefined) return { value: 0 };
  if (n < min || n > max) return { problem: `${n} is out of range` };
  return { value: n };
}

/** A whole number of milliseconds, or with a unit: `500ms`, `30s`, `2m`, `1h`. */
function duration(text: string, min: number, max: number, zeroMeansNone: boolean): { value: number } | { problem: string } {
  const m = /^(\d+)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return { problem: `"${text}" is not a duration (milliseconds, or a number with ms, s, m or h)` };
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  if (ms === 0 && zeroMeansNone) return { value: 0 };
  if (ms < min || ms > max) return { problem: `${ms} ms is out of range` };
  return { value: ms };
}

function boolean(text: string): { value: boolean } | { problem: string } {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(t)) return { value: true };
  if (['false', 'no', 'off', '0'].includes(t)) return { value: false };
  return { problem: `"${text}" is not a boolean` };
}

const int = (description: string, min: number, max: number, zero?: string): NetworkSettingSpec => ({
  description,
  allowed: `a whole number from ${min} to ${max}${zero === undefined ? '' : `, or 0 (${zero})`}`,
  parse: (text) => integer(text, min, max, zero),
});
const ms = (description: string, min: number, max: number, zeroMeansNone = false): NetworkSettingSpec => ({
  description,
  allowed: `milliseconds from ${min} to ${max} (units ms, s, m, h accepted, e.g. 30s)${zeroMeansNone ? ', or 0 (no limit)' : ''}`,
  parse: (text) => duration(text, min, max, zeroMeansNone),
});
const oneOf = (description: string, values: readonly string[]): NetworkSettingSpec => ({
  description,
  allowed: values.join(' or '),
  parse: (text) => {
    const t = text.trim().toLowerCase();
    return values.includes(t) ? { value: t as NetworkConfig[NetworkSettingKey] } : { problem: `"${text}" is not ${values.join(' or ')}` };
  },
});
const bool = (description: string): NetworkSettingSpec => ({ description, allowed: 'true or false (also yes/no, on/off, 1/0)', parse: boolean });

/**
 * Every network setting with its parser and bounds. Bounds: ports 1–65535; PDU lengths
 * 4096–4294967295 (the 32-bit Maximum Length field; 4096 is DCMTK's floor too), receive
 * also 0 = unlimited; timeouts 100 ms – 1 day (connect: – 10 min), DIMSE also 0 = none;
 * 1–1000 simultaneous associations; result limits up to 1,000,000 or 0 = none; retries 0–100.
 */
export const NETWORK_SETTINGS: { readonly [K in NetworkSettingKey]: NetworkSettingSpec } = {
  aeTitle: {
    description: 'local AE title (called AE title we answer to, calling AE title we use)',
    allowed: '1-16 printable ASCII characters, no backslash, not all spaces',
    parse: (text) => {
      const problem = aeTitleProblem(text);
      return problem === undefined ? { value: normalizeAeTitle(text) } : { problem };
    },
  },
  port: int('TCP port of the SCP (atrium serve)', 1, 65535),
  bindAddress: {
    description: 'address the SCP listens on',
    allowed: 'an IPv4 or IPv6 address (0.0.0.0 / :: = all interfaces) or localhost',
    parse: (text) => {
      const t = text.trim();
      return isIP(t) !== 0 || t === 'localhost' ? { value: t } : { problem: `"${text}" is not an IP address` };
    },
  },
  maxPduLength: int('largest PDU we receive (announced to peers)', 4096, MAX_UINT32, 'unlimited'),
  maxPduSendLength: int('largest PDU we send, whatever the peer accepts', 4096, MAX_UINT32),
  associationTimeoutMs: ms('ARTIM: wait for association request/accept/release', 100, DAY_MS),
  dimseTimeoutMs: ms('wait for a DIMSE message or response', 100, DAY_MS, true),
  connectTimeoutMs: ms('TCP connect timeout of the SCU', 100, 600_000),
  idleTimeoutMs: ms('abort an association that sends no PDU for this long', 100, DAY_MS),
  maxAssociations: int('simultaneous associations accepted (more: rejected, transient)', 1, 1000),
  acceptUnknownCallingAe: bool('accept calling AE titles not registered with role "call"'),
  acceptUnknownHosts: bool('accept connections from hosts not registered with role "call" (false: a registered title only from its host)'),
  acceptUnknownQueryRetrieve: bool('serve C-FIND/C-MOVE/C-GET to callers other than a registered AE (role "call") at its host'),
  syncStorageArea: bool('C-STORE SCP: answer only once the file is fsync\'d (false: once written to the OS)'),
  findLimit: int('C-FIND SCP: most responses per query', 1, 1_000_000, 'no limit'),
  findLimitAnswer: oneOf('C-FIND SCP past findLimit: refuse (A700) or success (the first findLimit, then Success: Canon GCA-9300R)', FIND_LIMIT_ANSWERS),
  relationalQueries: bool('C-FIND SCP: agree to relational queries when the caller asks for them (SOP Class Extended Negotiation)'),
  findScuLimit: int('C-FIND SCU: C-CANCEL past this many results', 1, 1_000_000, 'never cancel'),
  storeRetries: int('store SCU job: retries after the first attempt', 0, 100),
  moveRetries: int('move SCU job: retries after the first attempt', 0, 100),
  moveRetryDelayMs: ms('delay between move retries', 0, DAY_MS),
  moveScpRetries: int('C-MOVE SCP: rounds of retry of failed sub-operations before the final response (A702 when none succeeded)', 0, 20),
  moveScpRetryDelayMs: ms('C-MOVE SCP: delay before each retry round', 0, 600_000),
  commitmentWaitMs: ms('storage commitment SCU: wait for the N-EVENT-REPORT on the sending association before releasing it', 0, DAY_MS),
  deleteCommitted: bool('storage commitment SCU: delete the local copy of each instance a report says is committed (never a failed or pending one)'),
  appRunMpps: {
    description: 'MPPS SCU: the AE each app run reports to as a performed procedure step (IN PROGRESS, then COMPLETED with its derived series or DISCONTINUED)',
    allowed: 'an AE title or alias of the AE table, or "" (none)',
    parse: (text) => {
      if (text.trim() === '') return { value: '' };
      const problem = aeTitleProblem(text);
      return problem === undefined ? { value: normalizeAeTitle(text) } : { problem };
    },
  },
  printMatrix: int('print SCU: pixels of the larger side of each image sent to an image box', 64, 8192),
  printRetries: int('print SCU job: retries after the first attempt', 0, 100),
  uidRoot: {
    description: 'organisation UID root: derived objects\' UIDs, the Implementation Class UID (<root>.1.<version>), the dar-9500f de-identification root (<root>.66, SOP Instance UIDs); 2.25 = UUID-derived',
    allowed: `dot-separated numbers without leading zeros, starting with 0, 1 or 2, at most ${MAX_UID_ROOT_LENGTH} characters (e.g. 1.2.392.200036.9110)`,
    parse: (text) => {
      const root = text.trim().replace(/\.$/, '');
      const problem = uidRootProblem(root);
      return problem === undefined ? { value: root } : { problem };
    },
  },
};

/** The setting names, in the order `atrium config ls` shows them. */
export const NETWORK_SETTING_KEYS = Object.keys(NETWORK_SETTINGS) as NetworkSettingKey[];

/** True when `key` names a network setting. */
export function isNetworkSettingKey(key: string): key is NetworkSettingKey {
  return Object.hasOwn(NETWORK_SETTINGS, key);
}

/**
 * Narrows `key` to a setting name.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY` listing the settings.
 */
export function assertNetworkSettingKey(key: string): asserts key is NetworkSettingKey {
  if (!isNetworkSettingKey(key)) {
    throw new AtriumError('ATRIUM_ERR_CONFIG_UNKNOWN_KEY', `Unknown network setting "${key}"; settings: ${NETWORK_SETTING_KEYS.join(', ')}`, {
      key,
      keys: NETWORK_SETTING_KEYS,
    });
  }
}

/**
 * Parses and checks the text form of setting `key`.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_UNKNOWN_KEY` (listing the keys) or
 *   `ATRIUM_ERR_CONFIG_BAD_VALUE` (naming the key and the allowed values).
 */
export function parseNetworkSetting<K extends NetworkSettingKey>(key: K, text: string): NetworkConfig[K];
export function parseNetworkSetting(key: string, text: string): NetworkConfig[NetworkSettingKey];
export function parseNetworkSetting(key: string, text: string): NetworkConfig[NetworkSettingKey] {
  assertNetworkSettingKey(key);
  const spec = NETWORK_SETTINGS[key];
  const r = spec.parse(text);
  if ('problem' in r) {
    throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `Bad value for network setting ${key}: ${r.problem}; allowed: ${spec.allowed}`, {
      key,
      value: text,
      allowed: spec.allowed,
    });
  }
  return r.value;
}
