import type { SeriesSummary, StudySummary } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { h, replaceChildren } from '../dom/h';
import { displayDate, displayName } from '../dicomweb/dicom-json';
import { studySearchForm, type StudySearch } from './study-search-form';

/** What the browser asks of the rest of the workstation. */
export interface BrowserActions {
  openSeries(study: StudySummary, series: SeriesSummary, slot: 0 | 1): void;
  studyActions(study: StudySummary): HTMLElement;
}

/**
 * The study browser: search, then patients → studies → series with thumbnails and counts.
 * A click on a series opens it in the viewer; "compare" opens it beside the current one (a prior).
 */
export class StudyBrowser {
  readonly element: HTMLElement;
  private readonly results = h('div', { class: 'results', 'data-test': 'study-results' });
  private readonly status = h('div', { class: 'muted small', 'data-test': 'search-status' });
  private lastSearch: StudySearch = {};

  constructor(private readonly actions: BrowserActions) {
    this.element = h('section', { class: 'browser' }, studySearchForm((keys) => void this.search(keys)), this.status, this.results);
  }

  async search(keys: StudySearch = this.lastSearch): Promise<void> {
    this.lastSearch = keys;
    this.status.textContent = 'Searching…';
    try {
      const page = await api.studies({ ...keys, limit: '200' } as Record<string, string>);
      this.status.textContent = `${page.items.length}${page.more ? '+' : ''} ${page.items.length === 1 ? 'study' : 'studies'}`;
      this.render(page.items);
    } catch (e) {
      this.status.textContent = '';
      replaceChildren(this.results, h('div', { class: 'error', 'data-test': 'search-error' }, (e as Error).message));
    }
  }

  private render(studies: readonly StudySummary[]): void {
    const byPatient = new Map<string, StudySummary[]>();
    for (const s of studies) {
      const k = `${s.PatientID ?? ''}\u0000${s.PatientName ?? ''}`;
      byPatient.set(k, [...(byPatient.get(k) ?? []), s]);
    }
    replaceChildren(
      this.results,
      ...[...byPatient.values()].map((list) =>
        h(
          'div',
          { class: 'patient', 'data-test': 'patient' },
          h(
            'div',
            { class: 'patient-head' },
            h('strong', {}, displayName(list[0].PatientName ?? '') || '(no name)'),
            ` ${list[0].PatientID ?? ''}`,
            list[0].PatientBirthDate ? h('span', { class: 'muted' }, ` · ${displayDate(list[0].PatientBirthDate)}`) : null,
            list[0].PatientSex ? h('span', { class: 'muted' }, ` · ${list[0].PatientSex}`) : null,
          ),
          ...list.map((s) => this.studyRow(s)),
        ),
      ),
    );
  }

  private studyRow(study: StudySummary): HTMLElement {
    const seriesList = h('div', { class: 'series-list' });
    const head = h(
      'button',
      { class: 'study-head', 'data-test': 'study', 'data-uid': study.StudyInstanceUID, 'aria-expanded': 'false' },
      h('span', { class: 'date' }, displayDate(study.StudyDate ?? '')),
      h('span', { class: 'desc' }, study.StudyDescription || '(no description)'),
      h('span', { class: 'mods' }, (study.ModalitiesInStudy ?? '').replace(/\\/g, ' ')),
      h('span', { class: 'counts muted' }, `${study.NumberOfStudyRelatedSeries} se · ${study.NumberOfStudyRelatedInstances} im`),
    );
    const row = h('div', { class: 'study' }, head, seriesList);
    head.addEventListener('click', () => {
      const open = head.getAttribute('aria-expanded') === 'true';
      head.setAttribute('aria-expanded', String(!open));
      if (open) seriesList.replaceChildren();
      else void this.loadSeries(study, seriesList);
    });
    return row;
  }

  /** Reload the series of an open study (after an app wrote into it, an upload, a retrieve). */
  async refreshStudy(studyUid: string): Promise<void> {
    const head = this.results.querySelector<HTMLElement>(`[data-test=study][data-uid="${CSS.escape(studyUid)}"]`);
    const list = head?.nextElementSibling as HTMLElement | null;
    if (head?.getAttribute('aria-expanded') === 'true' && list) {
      const study = (await api.study(studyUid)).study;
      await this.loadSeries(study, list);
    }
  }

  private async loadSeries(study: StudySummary, into: HTMLElement): Promise<void> {
    replaceChildren(into, h('div', { class: 'muted small' }, 'Loading series…'));
    try {
      const detail = await api.study(study.StudyInstanceUID);
      replaceChildren(into, this.actions.studyActions(detail.study), ...detail.series.map((se) => this.seriesRow(detail.study, se)));
    } catch (e) {
      replaceChildren(into, h('div', { class: 'error' }, (e as Error).message));
    }
  }

  private seriesRow(study: StudySummary, se: SeriesSummary): HTMLElement {
    const derived = se.source?.startsWith('app:');
    return h(
      'div',
      { class: 'series', 'data-test': 'series', 'data-uid': se.SeriesInstanceUID, 'data-modality': se.Modality ?? '' },
      h('img', { class: 'thumb', src: se.thumbnailUrl, alt: '', loading: 'lazy', width: 64, height: 64, onerror: (e: Event) => ((e.target as HTMLImageElement).style.visibility = 'hidden') }),
      h(
        'button',
        { class: 'series-open', title: 'Open in the viewer', onclick: () => this.actions.openSeries(study, se, 0) },
        h('div', {}, h('strong', {}, `${se.Modality ?? ''} ${se.SeriesNumber ?? ''}`), ' ', se.SeriesDescription ?? ''),
        h('div', { class: 'muted small' }, `${se.NumberOfSeriesRelatedInstances} ${['SR', 'KO', 'PR', 'SEG', 'RTSTRUCT'].includes(se.Modality ?? '') ? 'object' : 'image'}${se.NumberOfSeriesRelatedInstances === 1 ? '' : 's'}`, derived ? h('span', { class: 'badge' }, se.source!.slice(4)) : null),
      ),
      h('button', { class: 'icon', title: 'Open beside the current series (compare with a prior)', 'data-test': 'compare', onclick: () => this.actions.openSeries(study, se, 1) }, '⇆'),
    );
  }
}
