import { h } from '../dom/h';
import type { SrContent } from './sr-content';

/**
 * An SR's measurements as a table: one row per container holding numbers (e.g. an artery, a
 * measurement group with its tracking identifier), one column per measured concept (e.g. Agatston score, volume), units in the header;
 * TEXT and CODE items (a risk category, a finding) listed below.
 */
export function srTable(sr: SrContent): HTMLElement {
  const rows = new Map<number, { label: string; values: Map<string, number> }>();
  const columns = new Map<string, string>();
  for (const n of sr.numbers) {
    if (!rows.has(n.group.id)) rows.set(n.group.id, { label: n.group.label, values: new Map() });
    rows.get(n.group.id)!.values.set(n.concept, n.value);
    if (!columns.has(n.concept)) columns.set(n.concept, n.unit);
  }
  const fmt = (v: number | undefined) => (v === undefined ? '' : Number.isInteger(v) ? String(v) : v.toFixed(2));
  return h(
    'div',
    { class: 'sr', 'data-test': 'sr-table' },
    h('div', { class: 'sr-title' }, sr.title),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, ''), ...[...columns].map(([c, unit]) => h('th', {}, c, unit ? h('div', { class: 'unit' }, unit) : null)))),
      h('tbody', {}, ...[...rows.values()].map(({ label, values }) => h('tr', {}, h('th', { scope: 'row' }, label), ...[...columns.keys()].map((c) => h('td', {}, fmt(values.get(c))))))),
    ),
    sr.texts.length ? h('dl', {}, ...sr.texts.flatMap((t) => [h('dt', {}, t.concept), h('dd', {}, t.value)])) : null,
  );
}
