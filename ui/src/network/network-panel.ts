import type { FindJobResult, RemoteAe } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { followJob } from '../apps/job-progress';
import { h, replaceChildren } from '../dom/h';
import { displayDate, displayName } from '../dicomweb/dicom-json';

/**
 * The remote AEs (add, remove, echo) and Query / Retrieve: a study-level C-FIND at an AE, the
 * matches as a table, Retrieve (C-MOVE to us, or C-GET) for each; every operation is a job.
 */
export class NetworkPanel {
  readonly element = h('section', { class: 'network', 'data-test': 'network-panel' });
  private readonly aeList = h('div', { class: 'ae-list' });
  private readonly queryBox = h('div', { class: 'query-box' });
  private readonly jobBox = h('div', { class: 'job-box' });

  constructor(private readonly onRetrieved: () => void) {
    const title = h('input', { placeholder: 'AE title', required: true, maxLength: 16, 'aria-label': 'AE title' });
    const host = h('input', { placeholder: 'host', required: true, 'aria-label': 'Host' });
    const port = h('input', { placeholder: 'port', type: 'number', min: '1', max: '65535', required: true, 'aria-label': 'Port' });
    const add = h('form', { class: 'ae-add' }, title, host, port, h('button', { type: 'submit' }, 'Add AE'));
    add.addEventListener('submit', (e) => {
      e.preventDefault();
      const ae: RemoteAe = { title: title.value.trim(), host: host.value.trim(), port: Number(port.value), roles: ['store', 'query', 'call'] };
      void api.addAe(ae).then(() => this.refresh(), (err: Error) => this.error(err));
    });
    this.element.append(h('h3', {}, 'Remote AEs'), this.aeList, add, h('h3', {}, 'Query / Retrieve'), this.queryBox, this.jobBox);
  }

  async refresh(): Promise<void> {
    try {
      const table = await api.aes();
      replaceChildren(
        this.aeList,
        h('div', { class: 'small muted' }, `We are ${table.local.aeTitle} on port ${table.local.port}`),
        ...table.items.map((ae) =>
          h(
            'div',
            { class: 'ae', 'data-test': 'ae' },
            h('strong', {}, ae.title),
            ` ${ae.host}:${ae.port} `,
            h('span', { class: 'small muted' }, ae.roles.join(', ')),
            h('button', { class: 'small', onclick: () => void this.runJob(api.echo(ae.title)) }, 'Echo'),
            h('button', { class: 'small danger', onclick: () => void api.removeAe(ae.title).then(() => this.refresh(), (e: Error) => this.error(e)) }, 'Remove'),
          ),
        ),
      );
      this.queryForm(table.items);
    } catch (e) {
      this.error(e as Error);
    }
  }

  private queryForm(aes: readonly RemoteAe[]): void {
    const ae = h('select', { 'aria-label': 'AE to query' }, ...aes.filter((a) => a.roles.includes('query')).map((a) => h('option', { value: a.title }, a.title)));
    const name = h('input', { placeholder: 'Patient name (DOE^*)', 'aria-label': 'Patient name' });
    const pid = h('input', { placeholder: 'Patient ID', 'aria-label': 'Patient ID' });
    const date = h('input', { placeholder: 'Date (20240101-20241231)', 'aria-label': 'Study date' });
    const results = h('div', { class: 'find-results', 'data-test': 'find-results' });
    const form = h('form', { class: 'query' }, ae, name, pid, date, h('button', { type: 'submit', class: 'primary' }, 'Query'), results);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const keys = { PatientName: name.value.trim(), PatientID: pid.value.trim(), StudyDate: date.value.trim(), StudyInstanceUID: '', StudyDescription: '', ModalitiesInStudy: '', NumberOfStudyRelatedInstances: '' };
      void this.runJob(api.find(ae.value, { level: 'STUDY', keys })).then((r) => r && this.showMatches(ae.value, r as FindJobResult, results));
    });
    replaceChildren(this.queryBox, aes.length ? form : h('div', { class: 'muted small' }, 'Add an AE to query it.'));
  }

  private showMatches(ae: string, r: FindJobResult, into: HTMLElement): void {
    replaceChildren(
      into,
      h('div', { class: 'small muted' }, `${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}${r.truncated ? ' (more at the AE)' : ''}`),
      h(
        'table',
        {},
        ...r.matches.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, displayName(m.PatientName ?? '')),
            h('td', {}, displayDate(m.StudyDate ?? '')),
            h('td', {}, m.StudyDescription ?? ''),
            h('td', {}, m.ModalitiesInStudy ?? ''),
            h(
              'td',
              {},
              ...(['get', 'move'] as const).map((method) =>
                h('button', { class: 'small', 'data-test': `retrieve-${method}`, title: method === 'get' ? 'C-GET: the AE sends on this association (no configuration there)' : 'C-MOVE to us: the AE must know our AE title', onclick: () => void this.runJob(api.retrieve(ae, { uid: m.StudyInstanceUID!, method })).then(() => this.onRetrieved()) }, method === 'get' ? 'Retrieve' : 'C-MOVE'),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private async runJob(started: Promise<import('../../../host/src/web/api-types').JobSummary>): Promise<unknown> {
    try {
      const end = await followJob(await started, this.jobBox);
      return end.state === 'completed' ? end.result : undefined;
    } catch (e) {
      this.error(e as Error);
      return undefined;
    }
  }

  private error(e: Error): void {
    replaceChildren(this.jobBox, h('div', { class: 'error' }, e.message));
  }
}
