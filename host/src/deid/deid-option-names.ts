import { DEID_OPTIONS, type DeidOption } from '@atrium/sdk';

/** The kebab-case name of an option (the standard's option name): retainUIDs → 'retain-uids'. */
export function optionName(option: DeidOption): string {
  return option.replace('UIDs', 'Uids').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every option by its kebab-case name (retain-safe-private, retain-uids, ..., clean-graphics). */
export const DEID_OPTION_NAMES: ReadonlyMap<string, DeidOption> = new Map(DEID_OPTIONS.map((o) => [optionName(o), o]));

/** The option of a kebab-case name, or undefined when there is none. */
export function optionByName(name: string): DeidOption | undefined {
  return DEID_OPTION_NAMES.get(name.trim().toLowerCase());
}
