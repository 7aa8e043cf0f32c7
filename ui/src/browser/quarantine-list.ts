import { api } from '../api/api-client';
import { h, replaceChildren } from '../dom/h';

/** What was refused or set aside, newest first: when, the reason with its code, where it came from, where the bytes are kept. */
export async function quarantineList(into: HTMLElement): Promise<void> {
  replaceChildren(into, h('div', { class: 'muted small' }, 'Loading…'));
  try {
    const page = await api.quarantine();
    if (!page.items.length) return replaceChildren(into, h('div', { class: 'muted' }, 'Nothing in quarantine.'));
    replaceChildren(
      into,
      h('div', { class: 'small muted' }, `${page.items.length}${page.more ? '+' : ''} refused or set aside`),
      ...page.items.map((q) =>
        h(
          'div',
          { class: 'quarantine-item', 'data-test': 'quarantine-item' },
          h('div', { class: 'small muted' }, new Date(q.receivedAt).toLocaleString(), q.source ? ` · ${q.source}` : ''),
          h('div', {}, q.reason),
          h('div', { class: 'small code' }, q.reasonCode, q.path ? ` · ${q.path}` : ''),
        ),
      ),
    );
  } catch (e) {
    replaceChildren(into, h('div', { class: 'error' }, (e as Error).message));
  }
}
