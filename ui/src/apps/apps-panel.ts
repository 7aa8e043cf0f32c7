import type { AppRunResult, AppSummary } from '../../../host/src/web/api-types';
import { api, ApiFailure } from '../api/api-client';
import { h, replaceChildren } from '../dom/h';
import { appResultView, type ResultActions } from './app-result-view';
import type { CalciumSeedLayer } from './calcium-seed-layer';
import { followJob } from './job-progress';
import { parameterForm } from './parameter-form';
import { seedEditor } from './seed-editor';

export interface AppsPanelActions extends ResultActions {
  seedLayer: CalciumSeedLayer;
  useSeedTool(on: boolean): void;
  refreshStudy(studyUid: string): void;
  notify(message: string, kind?: 'info' | 'error'): void;
}

const isCalcium = (app: AppSummary) => app.appId === 'calcium-scoring' && 'seeds' in app.parameters;

/**
 * Apps for the series on screen: those that accept it first (the others greyed with the reason),
 * a parameter form generated from the chosen app's schema, Run → the job's progress live → what
 * it wrote (series to open, the SR as a table, the report on screen).
 */
export class AppsPanel {
  readonly element = h('section', { class: 'apps', 'data-test': 'apps-panel' });
  private series: { study: string; series: string } | undefined;

  constructor(private readonly actions: AppsPanelActions) {
    this.element.append(h('div', { class: 'muted small' }, 'Open a series to see the apps that accept it.'));
  }

  async setSeries(study: string, series: string): Promise<void> {
    this.series = { study, series };
    this.actions.seedLayer.setEnabled(false);
    let apps: AppSummary[];
    try {
      apps = await api.apps(series);
    } catch (e) {
      replaceChildren(this.element, h('div', { class: 'error' }, (e as Error).message));
      return;
    }
    const accepted = apps.filter((a) => a.accepts && !a.problem);
    const others = apps.filter((a) => !accepted.includes(a));
    const select = h(
      'select',
      { 'data-test': 'app-select', 'aria-label': 'App' },
      h('option', { value: '' }, accepted.length ? 'Choose an app…' : 'No app accepts this series'),
      ...accepted.map((a) => h('option', { value: a.id }, a.title)),
      ...others.map((a) => h('option', { value: a.id, disabled: true }, `${a.title} — ${a.problem?.message ?? a.notAccepted ?? 'does not accept this series'}`)),
    );
    const body = h('div', { class: 'app-body' });
    select.addEventListener('change', () => this.choose(apps.find((a) => a.id === select.value), body));
    replaceChildren(this.element, h('h3', {}, 'Apps'), select, body);
    const calcium = accepted.find(isCalcium);
    if (calcium && accepted.length === 1) {
      select.value = calcium.id;
      this.choose(calcium, body);
    }
  }

  private choose(app: AppSummary | undefined, body: HTMLElement): void {
    const layer = this.actions.seedLayer;
    layer.setEnabled(false);
    this.actions.useSeedTool(false);
    if (!app) return body.replaceChildren();
    const custom: Record<string, { element: HTMLElement; value(): unknown }> = {};
    if (isCalcium(app)) {
      layer.setEnabled(true);
      custom.seeds = seedEditor(layer, () => this.actions.useSeedTool(true));
    }
    const form = parameterForm(app.parameters, custom);
    const threshold = form.element.querySelector<HTMLInputElement>('[data-test=param-threshold]');
    if (threshold && isCalcium(app)) threshold.addEventListener('input', () => Number.isFinite(Number(threshold.value)) && layer.setThreshold(Number(threshold.value)));
    const jobBox = h('div', { class: 'job-box' });
    const results = h('div', { class: 'results-box' });
    const run = h('button', { class: 'primary', 'data-test': 'run-app' }, `Run ${app.title}`);
    run.addEventListener('click', () => void this.run(app, form, run, jobBox, results));
    replaceChildren(body, app.description ? h('div', { class: 'hint' }, app.description) : null, form.element, run, jobBox, results);
  }

  private async run(app: AppSummary, form: ReturnType<typeof parameterForm>, run: HTMLButtonElement, jobBox: HTMLElement, results: HTMLElement): Promise<void> {
    const params = form.values();
    if (!params || !this.series) return;
    run.disabled = true;
    results.replaceChildren();
    this.actions.useSeedTool(false);
    try {
      const job = await api.runApp(app.id, { seriesInstanceUID: this.series.series, params });
      const following = followJob(job, jobBox);
      jobBox.scrollIntoView({ block: 'nearest' });
      const end = await following;
      if (end.state === 'completed' && end.result) {
        this.actions.refreshStudy(this.series.study);
        results.append(await appResultView(end.result as AppRunResult, this.actions));
        jobBox.scrollIntoView({ block: 'start' });
      }
    } catch (e) {
      if (e instanceof ApiFailure && typeof e.details.parameter === 'string') form.showError(e.details.parameter, e.message);
      jobBox.replaceChildren(h('div', { class: 'error', 'data-test': 'run-error' }, `${(e as Error).message}${e instanceof ApiFailure ? ` [${e.code}]` : ''}`));
    } finally {
      run.disabled = false;
    }
  }
}
