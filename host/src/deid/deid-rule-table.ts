import { deidRules, type DeidOption } from '@atrium/sdk';
import type { DeidPreset } from './deid-options.js';
import { GCA_9300R_ROWS, gca9300rAction, gca9300rRow } from './gca-9300r-preset.js';
import { optionName } from './deid-option-names.js';
import { optionAction } from './resolve-deid-action.js';

/** One row of the rule table actually applied. */
export interface DeidRuleTableRow {
  /** '(0010,0010)', '(50xx,xxxx)', '(gggg,eeee) odd group' as Table E.1-1 writes it. */
  readonly tag: string;
  readonly keyword: string;
  readonly name: string;
  /** Basic Profile action of Table E.1-1. */
  readonly basic: string;
  /**
   * What the engine applies under the options or the preset: the option column's action or the
   * Basic Profile's; under the preset its Table 7-1 action, else K (left unchanged). Combined codes
   * (X/Z, X/D, ...) are resolved per object by the attribute's Type in its IOD; private elements are
   * removed, or with Retain Safe Private cleaned (C: those of PS3.15 Table E.3.10-1 kept).
   */
  readonly effective: string;
  /**
   * Where `effective` comes from: 'basic', an option's kebab-case name, or the preset with the
   * document's action ('gca-9300r: N, U'; 'gca-9300r: unchanged' outside its Table 7-1).
   */
  readonly source: string;
}

/**
 * The Table E.1-1 rows (in table order) with the action the engine applies under `options` or
 * `preset`, then the preset's rows that Table E.1-1 does not list. Same decisions as the walk of
 * {@link deidentify}: the option column first, else the Basic Profile; under the GCA-9300R preset
 * (which takes no options) its Table 7-1 action, private elements removed, anything else unchanged.
 */
export function deidRuleTable(options: readonly DeidOption[] = [], preset?: DeidPreset): DeidRuleTableRow[] {
  const selected = new Set(options);
  const listed = new Set<number>();
  const rows: DeidRuleTableRow[] = deidRules().map((r) => {
    listed.add(r.tag);
    const tag = r.privateGroups ? '(gggg,eeee) odd group' : formatRuleTag(r.tag, r.mask);
    const row = { tag, keyword: r.keyword, name: r.name, basic: r.basic };
    if (preset === 'gca-9300r') {
      if (r.privateGroups) return { ...row, effective: 'X', source: `${preset}: private tags not maintained` };
      const listedRow = r.mask === 0xffffffff ? gca9300rRow(r.tag) : undefined;
      return { ...row, effective: listedRow ? gca9300rAction(r.tag)! : 'K', source: listedRow ? `${preset}: ${listedRow.action}` : `${preset}: unchanged` };
    }
    const fromOption = optionAction(r, selected);
    return { ...row, effective: fromOption ?? r.basic, source: fromOption !== undefined ? optionSource(r.options, selected) : 'basic' };
  });
  if (preset === 'gca-9300r') {
    for (const p of GCA_9300R_ROWS) {
      if (!listed.has(p.tag)) rows.push({ tag: formatRuleTag(p.tag, 0xffffffff), keyword: p.keyword, name: p.keyword, basic: '', effective: gca9300rAction(p.tag)!, source: `${preset}: ${p.action}` });
    }
  }
  return rows;
}

function optionSource(entries: Readonly<Partial<Record<DeidOption, string>>>, selected: ReadonlySet<DeidOption>): string {
  if (selected.has('retainLongitudinalModifiedDates') && entries.retainLongitudinalModifiedDates) return optionName('retainLongitudinalModifiedDates');
  const o = (Object.keys(entries) as DeidOption[]).find((k) => selected.has(k) && !(k === 'retainLongitudinalFullDates' && selected.has('retainLongitudinalModifiedDates')));
  return o === undefined ? 'basic' : optionName(o);
}

function formatRuleTag(tag: number, mask: number): string {
  const hex = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0').split('');
  const m = (mask >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const s = hex.map((c, i) => (m[i] === '0' ? 'x' : c)).join('');
  return `(${s.slice(0, 4)},${s.slice(4)})`;
}
