import type { StudySummary } from '../../host/src/web/api-types';
import { events } from './api/event-stream';
import { AppsPanel } from './apps/apps-panel';
import { CalciumSeedLayer } from './apps/calcium-seed-layer';
import { jobList } from './browser/job-list';
import { quarantineList } from './browser/quarantine-list';
import { studyActions } from './browser/study-actions';
import { StudyBrowser } from './browser/study-browser';
import { h } from './dom/h';
import { NetworkPanel } from './network/network-panel';
import { MeasurementsPanel } from './sr/measurements-panel';
import { fetchSrContent } from './sr/sr-content';
import { srTable } from './sr/sr-table';
import { str } from './dicomweb/dicom-json';
import { Tag } from './standard';
import { DropUpload } from './upload/drop-upload';
import { loadSeriesImages } from './viewer/series-images';
import { Viewer } from './viewer/viewer';

type Tab = 'studies' | 'network' | 'quarantine' | 'jobs';

/**
 * The page: a header (tabs, upload), the left side (studies, network, quarantine, jobs), the
 * viewer in the middle and the right side (apps for the series on screen, measurements).
 * The series on screen is kept in the address (`?study=…&series=…`) so a reload reopens it.
 */
export class Workstation {
  readonly viewer = new Viewer();
  readonly browser: StudyBrowser;
  readonly seeds: CalciumSeedLayer;
  readonly apps: AppsPanel;
  readonly measurements: MeasurementsPanel;
  private readonly toast = h('div', { class: 'toast', hidden: true, role: 'status', 'data-test': 'toast' });
  private readonly tabs = new Map<Tab, { button: HTMLButtonElement; panel: HTMLElement }>();
  private readonly network: NetworkPanel;
  private readonly documentBox = h('section', { class: 'document', 'data-test': 'document' });

  constructor(private readonly root: HTMLElement) {
    this.browser = new StudyBrowser({
      openSeries: (study, se, slot) => void this.openSeries(study.StudyInstanceUID, se.SeriesInstanceUID, slot),
      studyActions: (study: StudySummary) => studyActions(study, () => void this.browser.search()),
    });
    this.seeds = new CalciumSeedLayer(this.viewer.panes[0], (m, k) => this.notify(m, k));
    this.apps = new AppsPanel({
      seedLayer: this.seeds,
      useSeedTool: (on) => this.viewer.setTool(on ? 'Seed' : 'WindowLevel'),
      refreshStudy: (uid) => void this.browser.refreshStudy(uid),
      openSeries: (study, series) => this.openSeries(study, series, 0, false),
      notify: (m, k) => this.notify(m, k),
    });
    this.measurements = new MeasurementsPanel(this.viewer, (m, k) => this.notify(m, k), (study) => void this.browser.refreshStudy(study));
    this.network = new NetworkPanel(() => void this.browser.search());
    const upload = new DropUpload((r) => {
      this.notify(`${r.stored} stored${r.refused ? `, ${r.refused} refused` : ''}`);
      void this.browser.search();
    });
    const quarantine = h('div', { class: 'panel-body', 'data-test': 'quarantine' });
    const jobs = h('div', { class: 'panel-body', 'data-test': 'jobs' });
    this.addTab('studies', 'Studies', this.browser.element);
    this.addTab('network', 'Network', this.network.element, () => void this.network.refresh());
    this.addTab('quarantine', 'Quarantine', quarantine, () => void quarantineList(quarantine));
    this.addTab('jobs', 'Jobs', jobs, () => void jobList(jobs));
    root.append(
      h('header', {}, h('span', { class: 'brand' }, 'Atrium'), h('nav', { role: 'tablist' }, ...[...this.tabs.values()].map((t) => t.button)), h('span', { class: 'spacer' }), upload.button, h('span', { class: 'small muted notice' }, 'Not for clinical use')),
      h('main', {}, h('aside', { class: 'left' }, ...[...this.tabs.values()].map((t) => t.panel)), this.viewer.element, h('aside', { class: 'right' }, this.documentBox, this.apps.element, this.measurements.element)),
      this.toast,
    );
    this.viewer.onError = (m) => this.notify(m, 'error');
    this.showTab('studies');
    events.on((e) => {
      if (e.type === 'job' && this.tabs.get('jobs')!.button.classList.contains('active')) void jobList(jobs);
    });
  }

  async start(): Promise<void> {
    await this.viewer.start();
    await this.browser.search();
    const q = new URLSearchParams(location.search);
    const study = q.get('study');
    const series = q.get('series');
    if (study && series) await this.openSeries(study, series, 0);
    this.root.dataset.ready = 'true';
  }

  private addTab(tab: Tab, label: string, panel: HTMLElement, onShow?: () => void): void {
    const button = h('button', { role: 'tab', 'data-tab': tab, onclick: () => (this.showTab(tab), onShow?.()) }, label);
    this.tabs.set(tab, { button, panel: h('div', { class: 'tab-panel', 'data-panel': tab }, panel) });
  }

  private showTab(tab: Tab): void {
    for (const [name, t] of this.tabs) {
      t.button.classList.toggle('active', name === tab);
      t.button.setAttribute('aria-selected', String(name === tab));
      t.panel.hidden = name !== tab;
    }
  }

  /**
   * Open a series in the viewer (slot 1: beside the current one); the apps that accept it on the
   * right, unless `newSource` is false (a series an app just wrote: its results stay on the right).
   */
  async openSeries(studyUid: string, seriesUid: string, slot: 0 | 1, newSource = true): Promise<void> {
    try {
      const images = await loadSeriesImages(studyUid, seriesUid);
      if (!images.imageIds.length) {
        await this.showDocuments(studyUid, seriesUid, images.documents);
        return;
      }
      await this.viewer.open(images, slot);
      if (slot === 0 && newSource) {
        history.replaceState(null, '', `?study=${encodeURIComponent(studyUid)}&series=${encodeURIComponent(seriesUid)}`);
        this.seeds.clear();
        void this.apps.setSeries(studyUid, seriesUid);
      }
    } catch (e) {
      this.notify(`Cannot open the series: ${(e as Error).message}`, 'error');
    }
  }

  /** A series of structured reports (measurements, an app's results): each read with dcmjs and shown as a table. */
  private async showDocuments(studyUid: string, seriesUid: string, documents: import('./dicomweb/dicom-json').JsonDataset[]): Promise<void> {
    const srs = documents.filter((ds) => str(ds, Tag.Modality) === 'SR');
    if (!srs.length) return this.notify(`This series has no images and no structured report (${documents.length} other object${documents.length === 1 ? '' : 's'}).`);
    const tables = await Promise.all(srs.map((ds) => fetchSrContent(studyUid, seriesUid, str(ds, Tag.SOPInstanceUID)).then(srTable, (e: Error) => h('div', { class: 'error' }, e.message))));
    this.documentBox.replaceChildren(h('div', { class: 'row' }, h('h3', {}, 'Structured report'), h('button', { class: 'icon', title: 'Close', onclick: () => this.documentBox.replaceChildren() }, '✕')), ...tables);
  }

  notify(message: string, kind: 'info' | 'error' = 'info'): void {
    this.toast.textContent = message;
    this.toast.dataset.kind = kind;
    this.toast.hidden = false;
    clearTimeout((this.toast as unknown as { timer?: number }).timer);
    (this.toast as unknown as { timer?: number }).timer = window.setTimeout(() => (this.toast.hidden = true), kind === 'error' ? 8000 : 4000);
  }
}

