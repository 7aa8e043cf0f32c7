import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums, annotation, type Types as ToolTypes } from '@cornerstonejs/tools';
import { stow } from '../dicomweb/dicomweb-client';
import { h, replaceChildren } from '../dom/h';
import type { Viewer } from '../viewer/viewer';
import { measurementReport, REPORTED_TOOLS } from './measurement-report';

/** One annotation's value for the list: length in mm, angle in degrees, ROI mean ± SD and area. */
function describe(a: ToolTypes.Annotation): string {
  const stats = Object.values((a.data as { cachedStats?: Record<string, Record<string, number | string>> }).cachedStats ?? {})[0] ?? {};
  const n = (k: string, d = 1) => (typeof stats[k] === 'number' ? (stats[k] as number).toFixed(d) : undefined);
  switch (a.metadata?.toolName) {
    case 'Length':
      return `${n('length') ?? '?'} ${stats.unit ?? 'mm'}`;
    case 'Angle':
      return `${n('angle') ?? '?'}°`;
    case 'Probe':
      return `${n('value', 0) ?? '?'} ${stats.modalityUnit ?? ''}`;
    default:
      return `mean ${n('mean') ?? '?'} ± ${n('stdDev') ?? '?'} ${stats.modalityUnit ?? ''}, area ${n('area') ?? '?'} ${stats.areaUnit ?? 'mm²'}`;
  }
}

/**
 * The measurements on the series on screen (length, angle, rectangle / ellipse ROI, probe), listed
 * with their values, and "Save as SR": a TID 1500 Measurement Report stored into the study through
 * STOW-RS, the server's receive path (it then appears in the study as a new SR series).
 */
export class MeasurementsPanel {
  readonly element = h('section', { class: 'measurements', 'data-test': 'measurements-panel' });
  private readonly list = h('ol', { class: 'measurement-list', 'data-test': 'measurement-list' });

  constructor(
    private readonly viewer: Viewer,
    private readonly notify: (m: string, k?: 'info' | 'error') => void,
    private readonly onSaved: (studyUid: string) => void,
  ) {
    const save = h('button', { 'data-test': 'save-sr', title: 'Store the measurements as a DICOM SR (TID 1500) in this study' }, 'Save as SR');
    save.addEventListener('click', () => void this.save(save));
    this.element.append(h('h3', {}, 'Measurements'), this.list, save);
    for (const ev of [ToolEnums.Events.ANNOTATION_COMPLETED, ToolEnums.Events.ANNOTATION_MODIFIED, ToolEnums.Events.ANNOTATION_REMOVED]) eventTarget.addEventListener(ev, () => this.render());
    this.render();
  }

  private annotations(): ToolTypes.Annotation[] {
    const ids = new Set(this.viewer.panes.flatMap((p) => p.series?.imageIds ?? []));
    return (annotation.state.getAllAnnotations() as ToolTypes.Annotation[]).filter((a) => (REPORTED_TOOLS as readonly string[]).includes(a.metadata?.toolName ?? '') && ids.has(a.metadata?.referencedImageId ?? ''));
  }

  private render(): void {
    const all = this.annotations();
    replaceChildren(
      this.list,
      ...(all.length
        ? all.map((a) =>
            h(
              'li',
              { 'data-test': 'measurement' },
              h('strong', {}, a.metadata?.toolName),
              ` ${describe(a)}`,
              h('button', { class: 'icon', title: 'Delete', onclick: () => annotation.state.removeAnnotation(a.annotationUID!) }, '✕'),
            ),
          )
        : [h('li', { class: 'muted small' }, 'Length, angle and ROI tools measure on the image.')]),
    );
  }

  private async save(button: HTMLButtonElement): Promise<void> {
    const pane = this.viewer.activeStack;
    if (!pane.series) return;
    button.disabled = true;
    try {
      const blob = measurementReport(this.annotations(), pane.series.instanceOf[0]!);
      const r = await stow(pane.series.studyUid, [blob]);
      if (r.failed.length || !r.stored.length) throw new Error(r.failed[0]?.reason || 'the server stored nothing');
      this.notify(`Measurements stored as an SR in the study (${r.stored[0]}).`);
      this.onSaved(pane.series.studyUid);
    } catch (e) {
      this.notify(`Cannot save the measurements: ${(e as Error).message}`, 'error');
    } finally {
      button.disabled = false;
    }
  }
}
