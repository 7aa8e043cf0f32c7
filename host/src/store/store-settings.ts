import type { SettingTable } from '../db/setting-table.js';
import { AtriumError } from '../errors/atrium-error.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../io/parse-limits.js';
import { DEFAULT_HOST_TIMEOUT_S } from '../db/host-liveness.js';
import { DEFAULT_STABLE_AGE_MS } from './series-completion.js';
import { VALIDATION_POLICIES, type ValidationPolicy } from './validate-instance.js';

/**
 * What the store accepts beside validation: the parse limits of every object it reads
 * (see {@link ParseLimits}: nesting depth, elements, items, inflated size), the largest
 * object it stores, and the free disk space it keeps.
 */
export interface StoreLimits extends ParseLimits {
  /**
   * Largest object stored, in bytes (objects over 64 MiB are stored by streaming, without
   * being read into memory). Larger ones are refused with ATRIUM_ERR_STORE_TOO_LARGE.
   * Default 32 GiB.
   */
  readonly maxObjectBytes: number;
  /**
   * Disk space kept free where the store is: an object whose storing would leave less is
   * refused before any byte of it is written (ATRIUM_ERR_STORE_DISK_FULL, C-STORE A700).
   * Default 64 MiB.
   */
  readonly minFreeBytes: number;
}

/**
 * The settings of the store, one for every way objects arrive (import, C-STORE, derived
 * objects, a future STOW): kept in the database's settings as `store.<key>`, changed
 * with `atrium config set <key> <value>`.
 */
export interface StoreSettings extends StoreLimits {
  /** What validation refuses (see `ValidationPolicy`); a command's `--validation` overrides it. */
  readonly validation: ValidationPolicy;
  /** Seconds without a new instance after which a series is complete (Orthanc's StableAge). */
  readonly stableAge: number;
  /**
   * Seconds without a heartbeat after which a process of another host sharing the store counts
   * as dead: its interrupted stores are recovered by the next reconcile (see `HostLiveness`).
   */
  readonly hostTimeout: number;
}

/** The name of a store setting. */
export type StoreSettingKey = keyof StoreSettings;

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The documented defaults of {@link StoreLimits}. */
export const DEFAULT_STORE_LIMITS: StoreLimits = Object.freeze({ ...DEFAULT_PARSE_LIMITS, maxObjectBytes: 32 * GiB, minFreeBytes: 64 * MiB });

/** The documented defaults of {@link StoreSettings}. */
export const DEFAULT_STORE_SETTINGS: StoreSettings = Object.freeze({ validation: 'safety', stableAge: DEFAULT_STABLE_AGE_MS / 1000, hostTimeout: DEFAULT_HOST_TIMEOUT_S, ...DEFAULT_STORE_LIMITS });

/** Prefix of the store settings among the database's settings. */
const PREFIX = 'store.';

/** One setting: a line for `atrium config ls`, the allowed values, and the parser of its text form. */
interface StoreSettingSpec<T> {
  readonly description: string;
  readonly allowed: string;
  /** The value of a text form, undefined when it is not allowed. */
  parse(text: string): T | undefined;
  /** The largest value allowed (numeric settings). */
  readonly max?: number;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: MiB, gib: GiB, tib: 1024 * GiB, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

/** A whole number from `min` to `max`; for a size in `bytes`, also with a unit (`512MiB`, `40GiB`, `1.5TB`). */
function wholeNumber(description: string, min: number, max: number, bytes = false): StoreSettingSpec<number> {
  return {
    description,
    allowed: `a whole number from ${min} to ${max}${bytes ? ' (bytes; units KiB, MiB, GiB, TiB accepted)' : ''}`,
    max,
    parse(text) {
      const m = bytes ? /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim()) : /^(\d+)()$/.exec(text.trim());
      const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
      const value = m && unit !== undefined ? Math.round(Number(m[1]) * unit) : NaN;
      return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
    },
  };
}

/** Every store setting, in the order `atrium config ls` shows them. */
export const STORE_SETTINGS: { readonly [K in StoreSettingKey]: StoreSettingSpec<StoreSettings[K]> } = {
  validation: {
    description: 'receive validation for import, C-STORE and derived objects: safety (refuse what is unsafe to identify or display, warn about the rest) or strict (refuse every missing Type 1)',
    allowed: VALIDATION_POLICIES.join(' or '),
    parse: (text) => (VALIDATION_POLICIES as readonly string[]).includes(text.trim()) ? (text.trim() as ValidationPolicy) : undefined,
  },
  stableAge: { ...wholeNumber('seconds without a new instance after which a series is complete (seriesComplete event)', 1, 86_400), allowed: 'a whole number of seconds from 1 to 86400' },
  hostTimeout: { ...wholeNumber('seconds without a heartbeat after which a process of another host on this store is dead and its interrupted stores are recovered', 2, 3600), allowed: 'a whole number of seconds from 2 to 3600' },
  maxDepth: wholeNumber('deepest sequence nesting read (deeper: refused)', 1, 1024),
  maxElements: wholeNumber('data elements and items per object, plus one per 512 bytes of it (more: refused)', 1000, 100_000_000),
  maxItems: wholeNumber('sequence items per object, plus one per KiB of it (more: refused)', 1000, 100_000_000),
  maxInflatedBytes: wholeNumber('size a deflated data set may inflate to', MiB, 4 * GiB - 1, true),
  maxObjectBytes: wholeNumber('largest object stored (import, C-STORE)', MiB, 2 ** 50, true),
  minFreeBytes: wholeNumber('disk space kept free: objects that would leave less are refused (C-STORE A700)', 0, 2 ** 50, true),
};

/** The setting names, in the order `atrium config ls` shows them. */
export const STORE_SETTING_KEYS = Object.keys(STORE_SETTINGS) as StoreSettingKey[];

/**
 * The widest parse limits any setting allows: what reading back a file the store itself
 * wrote uses when its settings are not to be consulted (the start-up reconcile, which
 * must open a store whatever its settings say), and the nesting `atrium show` lists.
 */
export const WIDEST_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxDepth: STORE_SETTINGS.maxDepth.max!,
  maxElements: STORE_SETTINGS.maxElements.max!,
  maxItems: STORE_SETTINGS.maxItems.max!,
  maxInflatedBytes: STORE_SETTINGS.maxInflatedBytes.max!,
});

export function isStoreSettingKey(key: string): key is StoreSettingKey {
  return Object.hasOwn(STORE_SETTINGS, key);
}

/**
 * The value of setting `key` from its text form.
 * @throws AtriumError `ATRIUM_ERR_CONFIG_BAD_VALUE` naming the key and the allowed values.
 */
export function parseStoreSetting<K extends StoreSettingKey>(key: K, text: string): StoreSettings[K] {
  const spec: StoreSettingSpec<StoreSettings[K]> = STORE_SETTINGS[key];
  const value = spec.parse(text);
  if (value === undefined) {
    throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `Bad value for store setting ${key}: "${text}"; allowed: ${spec.allowed}`, { key, value: text, allowed: spec.allowed });
  }
  return value;
}

/** One row of `atrium config ls`. */
export interface StoreSettingValue {
  readonly key: StoreSettingKey;
  readonly value: StoreSettings[StoreSettingKey];
  readonly isDefault: boolean;
  readonly defaultValue: StoreSettings[StoreSettingKey];
}

/**
 * Every store setting with its value. A stored value that no longer parses is an error
 * (`ATRIUM_ERR_CONFIG_BAD_VALUE`, saying how to fix it), never silently replaced by the default.
 */
export function listStoreSettings(settings: SettingTable): StoreSettingValue[] {
  const stored = new Map([...settings.list(PREFIX)].map(([key, value]) => [key.slice(PREFIX.length), value]));
  return STORE_SETTING_KEYS.map((key) => {
    const text = stored.get(key);
    const defaultValue = DEFAULT_STORE_SETTINGS[key];
    if (text === undefined) return { key, value: defaultValue, isDefault: true, defaultValue };
    const value = STORE_SETTINGS[key].parse(text);
    if (value === undefined) {
      throw new AtriumError('ATRIUM_ERR_CONFIG_BAD_VALUE', `store setting ${key} is stored as "${text}", which is not ${STORE_SETTINGS[key].allowed}; fix it with \`atrium config set ${key} <value>\` or \`atrium config unset ${key}\``, { key, value: text, stored: true });
    }
    return { key, value, isDefault: false, defaultValue };
  });
}

/** The store settings in force (defaults overlaid with the stored values); throws as {@link listStoreSettings}. */
export function loadStoreSettings(settings: SettingTable): StoreSettings {
  return Object.fromEntries(listStoreSettings(settings).map((s) => [s.key, s.value])) as unknown as StoreSettings;
}

/** Parse, check and keep setting `key`. */
export function setStoreSetting(settings: SettingTable, key: StoreSettingKey, text: string): void {
  const value = parseStoreSetting(key, text);
  settings.set(PREFIX + key, String(value));
}

/** Forget the stored value of `key` (the default applies again). */
export function unsetStoreSetting(settings: SettingTable, key: StoreSettingKey): void {
  settings.unset(PREFIX + key);
}
