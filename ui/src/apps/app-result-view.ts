import type { AppRunResult } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { h } from '../dom/h';
import { fetchSrContent } from '../sr/sr-content';
import { srTable } from '../sr/sr-table';

export interface ResultActions {
  openSeries(studyUid: string, seriesUid: string): Promise<void>;
}

/**
 * What an app run wrote: its summary and warnings, the rejection notes it stored for replaced
 * objects that had been sent, one button per new series (output name,
 * modality, count), the measurements of each SR it wrote as a table; the report series (an
 * output named "report", else the first image series) opens in the viewer.
 */
export async function appResultView(result: AppRunResult, actions: ResultActions): Promise<HTMLElement> {
  const bySeries = new Map<string, { output: string; study: string; sops: string[] }>();
  for (const w of result.written) {
    const entry = bySeries.get(w.seriesInstanceUID) ?? { output: w.output, study: w.studyInstanceUID, sops: [] };
    entry.sops.push(w.sopInstanceUID);
    bySeries.set(w.seriesInstanceUID, entry);
  }
  const details = await Promise.all([...bySeries].map(async ([uid, e]) => ({ uid, ...e, detail: await api.series(uid) })));
  const tables: HTMLElement[] = [];
  for (const d of details.filter((x) => x.detail.series.Modality === 'SR')) {
    try {
      tables.push(srTable(await fetchSrContent(d.study, d.uid, d.sops[0])));
    } catch (e) {
      tables.push(h('div', { class: 'error' }, `SR ${d.uid}: ${(e as Error).message}`));
    }
  }
  const images = details.filter((x) => x.detail.series.Modality !== 'SR');
  const report = images.find((x) => x.output === 'report') ?? images[0];
  if (report) void actions.openSeries(report.study, report.uid);
  return h(
    'div',
    { class: 'app-result', 'data-test': 'app-result' },
    h('div', { class: 'summary', 'data-test': 'app-summary' }, result.summary),
    ...result.warnings.map((w) => h('div', { class: 'warning' }, w)),
    ...(result.rejectionNotes ?? []).map((n) =>
      h('div', { class: 'warning', 'data-test': 'rejection-note', 'data-uid': n.sopInstanceUID },
        `${n.rejected} replaced object(s) had been sent to ${n.sentTo.join(', ')}: a rejection note (IHE IOCM Key Object Selection, "Rejected for Quality Reasons") is stored for you to send there, SOP Instance UID ${n.sopInstanceUID}`),
    ),
    ...tables,
    h('div', { class: 'small muted' }, 'Written series'),
    ...details.map((d) =>
      h(
        'button',
        { class: 'written', 'data-test': 'written-series', 'data-output': d.output, 'data-uid': d.uid, onclick: () => void actions.openSeries(d.study, d.uid) },
        h('strong', {}, d.output),
        ` ${d.detail.series.Modality ?? ''} · ${d.sops.length} · ${d.detail.series.SeriesDescription ?? ''}`,
      ),
    ),
  );
}
