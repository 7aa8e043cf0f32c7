import { h } from '../dom/h';
import type { SrContent } from './sr-content';

/**
 * An SR's measurements as a table: one row per innermost container (e.g. an artery, a measurement
 * group), one column per measured concept (e.g. Agatston score, volume), units in the header;
 * TEXT and CODE items (a risk category, a finding) listed below.
 */
export function srTable(sr: SrContent): HTMLElement {
  const rows = new Map<string, Map<string, number>>();
  const columns = new Map<string, string>();
  for (const n of sr.numbers) {
    const row = n.path.slice(1).join(' › ') || sr.title;
    if (!rows.has(row)) rows.set(row, new Map());
    rows.get(row)!.set(n.concept, n.value);
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
      h('tbody', {}, ...[...rows].map(([name, values]) => h('tr', {}, h('th', { scope: 'row' }, name), ...[...columns.keys()].map((c) => h('td', {}, fmt(values.get(c))))))),
    ),
    sr.texts.length ? h('dl', {}, ...sr.texts.flatMap((t) => [h('dt', {}, t.concept), h('dd', {}, t.value)])) : null,
  );
}
