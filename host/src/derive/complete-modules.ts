import type { IodDefinition } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { isStringVr } from '../io/vr.js';
import { DECIDABLE_CONDITIONS } from './decidable-conditions.js';
import { moduleRoles, type ModuleRole } from './module-roles.js';
import type { Produced } from './produce-attribute.js';
import { elementFromValue } from './value-element.js';

/**
 * Make the modules of a derived object whole, in place (see `moduleRoles` for when a C/U
 * module is present):
 * - a C/U module made present only by `Copied` values that lacks one of its own Type 1
 *   attributes cannot be written in part: its own copied attributes are dropped (e.g. Image
 *   Plane of a report from slices at different positions). A module whose triggers the
 *   app or a generator contributed to is kept, and validation names what is missing;
 * - a Type 2 attribute of a present module that a `Copied` rule left absent (absent in the
 *   source, or not the same on every source) is written empty (Type 2: "unknown"), and so is
 *   a Type 2C attribute whose condition is decidable and met (e.g. Patient Orientation of an
 *   image without Image Orientation (Patient)).
 */
export function completeModules(iod: IodDefinition, produced: Map<string, Produced>): void {
  const roles = moduleRoles(iod);
  const has = (k: string): boolean => produced.get(k)?.element !== undefined;
  const kept: ModuleRole[] = [];
  const dropped: { role: ModuleRole; missing: string[] }[] = [];
  for (const role of roles) {
    if (role.mandatory) continue;
    if (![...role.triggers].some(has)) continue;
    // Every Type 1 attribute of the module counts, also one shared with another module (e.g. Pixel Spacing, 1C in SC Image).
    const missing = [...role.types].filter(([k, type]) => type === '1' && !hasValue(produced.get(k)?.element)).map(([k]) => k);
    const onlyCopied = [...role.triggers].every((k) => !has(k) || produced.get(k)?.copied === true);
    if (missing.length > 0 && onlyCopied) dropped.push({ role, missing });
    else kept.push(role);
  }
  for (const { role, missing } of dropped) {
    for (const k of role.own) {
      const p = produced.get(k);
      if (!p?.element || !p.copied || kept.some((r) => r.own.has(k))) continue;
      produced.set(k, { element: undefined, provenance: `${p.provenance} (dropped: ${role.module.name} module incomplete, ${missing.join(', ')} absent)`, copied: true });
    }
  }
  const fillEmpty = (k: string): void => {
    const p = produced.get(k);
    if (!p || p.element || !p.copied) return;
    produced.set(k, { element: elementFromValue(k, '', []), provenance: `${p.provenance.replace(/ \(.*\)$/, '')} (empty: ${reason(p.provenance)})`, copied: true });
  };
  for (const role of [...roles.filter((r) => r.mandatory), ...kept]) {
    for (const [k, type] of role.types) if (type === '2') fillEmpty(k);
  }
  const view = { has, number: (k: string): number | undefined => numberOf(produced.get(k)?.element) };
  for (const c of DECIDABLE_CONDITIONS) if (c.type === '2C' && c.applies(iod) && c.required(view)) fillEmpty(c.keyword);
}

function numberOf(e: DataElement | undefined): number | undefined {
  if (!e || e.value.length < 2 || isStringVr(e.vr)) return undefined;
  return new DataView(e.value.buffer, e.value.byteOffset, e.value.byteLength).getUint16(0, true);
}

function reason(provenance: string): string {
  const m = / \((.*)\)$/.exec(provenance);
  return m?.[1] ?? 'no value';
}

function hasValue(e: DataElement | undefined): boolean {
  if (!e) return false;
  if (e.items) return e.items.length > 0;
  if (e.encapsulated) return true;
  return isStringVr(e.vr) ? e.value.some((b) => b !== 0x20 && b !== 0) : e.value.length > 0;
}
