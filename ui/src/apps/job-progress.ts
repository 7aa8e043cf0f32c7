import type { JobSummary } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { events } from '../api/event-stream';
import { h } from '../dom/h';

/**
 * A job's progress, live (the event stream): state, a bar, the latest message, Cancel while it
 * runs. Resolves with the final summary.
 */
export function followJob(job: JobSummary, into: HTMLElement): Promise<JobSummary> {
  const bar = h('progress', { max: 1, value: job.progress, 'data-test': 'job-bar' });
  const state = h('span', { class: 'job-state', 'data-test': 'job-state' }, job.state);
  const message = h('div', { class: 'small muted', 'data-test': 'job-message' }, job.message ?? '');
  const cancel = h('button', { class: 'danger small', onclick: () => void api.cancelJob(job.id).catch(() => undefined) }, 'Cancel');
  into.replaceChildren(h('div', { class: 'job', 'data-test': 'job', 'data-job': String(job.id) }, h('div', { class: 'row' }, h('strong', {}, `Job ${job.id}`), state, cancel), bar, message));
  return events.waitForJob(job, (j) => {
    bar.value = j.state === 'completed' ? 1 : j.progress;
    state.textContent = j.state;
    state.dataset.state = j.state;
    message.textContent = j.state === 'failed' ? `${j.error?.message ?? 'failed'}${j.error?.code ? ` [${j.error.code}]` : ''}` : (j.message ?? '');
    cancel.hidden = ['completed', 'failed', 'cancelled'].includes(j.state);
  });
}
