import { api } from '../api/api-client';
import { h, replaceChildren } from '../dom/h';

/** The job queue (the same as `atrium jobs`): newest first, with state, progress, message and Cancel. */
export async function jobList(into: HTMLElement): Promise<void> {
  try {
    const { items } = await api.jobs({ limit: '50' });
    if (!items.length) return replaceChildren(into, h('div', { class: 'muted' }, 'No jobs yet.'));
    replaceChildren(
      into,
      ...items.map((j) =>
        h(
          'div',
          { class: 'job-row', 'data-test': 'job-row', 'data-state': j.state },
          h('div', { class: 'row' }, h('strong', {}, `#${j.id}`), ` ${j.label ?? j.type}`, h('span', { class: 'job-state', 'data-state': j.state }, j.state)),
          j.state === 'running' || j.state === 'pending' ? h('progress', { max: 1, value: j.progress }) : null,
          h('div', { class: 'small muted' }, j.error ? `${j.error.message} [${j.error.code}]` : (j.message ?? ''), ` · ${new Date(j.createdAt).toLocaleString()}`),
          ['pending', 'running', 'retrying'].includes(j.state) ? h('button', { class: 'danger small', onclick: () => void api.cancelJob(j.id).then(() => jobList(into)) }, 'Cancel') : null,
        ),
      ),
    );
  } catch (e) {
    replaceChildren(into, h('div', { class: 'error' }, (e as Error).message));
  }
}
