import type { DeidJobResult, StudySummary } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { followJob } from '../apps/job-progress';
import { h } from '../dom/h';

/**
 * What a user does with a whole study from the browser: send it to an AE (C-STORE job),
 * de-identify it into a new study (PS3.15 Basic Profile, originals untouched), export it as a
 * zip of its Part 10 files as stored.
 */
export function studyActions(study: StudySummary, onDone: () => void): HTMLElement {
  const box = h('div', { class: 'job-box' });
  const ae = h('select', { 'aria-label': 'Send to AE', class: 'small' }, h('option', { value: '' }, 'Send to…'));
  void api.aes().then(
    (t) => ae.append(...t.items.filter((a) => a.roles.includes('store')).map((a) => h('option', { value: a.title }, a.title))),
    () => undefined,
  );
  ae.addEventListener('change', () => {
    if (!ae.value) return;
    const title = ae.value;
    ae.value = '';
    void api.send({ ae: title, uids: [study.StudyInstanceUID] }).then((j) => followJob(j, box), (e: Error) => (box.textContent = e.message));
  });
  const deid = h('button', { class: 'small', title: 'De-identify into a new study (PS3.15 Basic Profile); the original stays' }, 'De-identify');
  deid.addEventListener('click', () => {
    void api.deidentify({ uids: [study.StudyInstanceUID] }).then(
      async (j) => {
        const end = await followJob(j, box);
        const r = end.result as DeidJobResult | undefined;
        if (r) box.append(h('div', { class: 'small' }, `${r.written} written, ${r.refused} refused; new study ${r.studies.join(', ')}`));
        onDone();
      },
      (e: Error) => (box.textContent = e.message),
    );
  });
  const exportLink = h('a', { class: 'button small', href: api.exportUrl([study.StudyInstanceUID]), download: `${study.StudyInstanceUID}.zip`, title: 'A zip of the Part 10 files as stored' }, 'Export zip');
  return h('div', { class: 'study-actions' }, h('div', { class: 'row' }, ae, deid, exportLink), box);
}
