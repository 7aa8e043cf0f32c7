import { h, replaceChildren } from '../dom/h';
import { displayDate, displayName, num, str, type JsonDataset } from '../dicomweb/dicom-json';
import { Tag } from '../standard';
import { edgeLabels } from './orientation-labels';

/** What the corners of a viewport show about the image on screen. */
export interface OverlayState {
  ds: JsonDataset | undefined;
  index: number;
  count: number;
  window?: { center: number; width: number };
  zoom?: number;
  camera?: { viewUp: number[]; viewPlaneNormal: number[] };
}

/**
 * Patient, study and image text in the four corners and the patient orientation at the four edges
 * of a viewport, as workstations show them. Text only (never HTML from the data set).
 */
export class ViewportOverlay {
  private readonly corners = { tl: h('div', { class: 'ov tl' }), tr: h('div', { class: 'ov tr' }), bl: h('div', { class: 'ov bl' }), br: h('div', { class: 'ov br' }) };
  private readonly edges = { top: h('div', { class: 'ov-edge top' }), bottom: h('div', { class: 'ov-edge bottom' }), left: h('div', { class: 'ov-edge left' }), right: h('div', { class: 'ov-edge right' }) };

  constructor(host: HTMLElement) {
    host.append(...Object.values(this.corners), ...Object.values(this.edges));
  }

  update(s: OverlayState): void {
    const ds = s.ds;
    const lines = (...ls: (string | false | undefined)[]) => ls.filter(Boolean).map((l) => h('div', {}, l as string));
    replaceChildren(this.corners.tl, ...lines(displayName(str(ds, Tag.PatientName)), str(ds, Tag.PatientID), str(ds, Tag.PatientBirthDate) && `born ${displayDate(str(ds, Tag.PatientBirthDate))} ${str(ds, Tag.PatientSex)}`));
    replaceChildren(
      this.corners.tr,
      ...lines(str(ds, Tag.InstitutionName), displayDate(str(ds, Tag.StudyDate)), str(ds, Tag.StudyDescription), `${str(ds, Tag.Modality)} S${str(ds, Tag.SeriesNumber)} ${str(ds, Tag.SeriesDescription)}`),
    );
    const thickness = num(ds, Tag.SliceThickness);
    const location = num(ds, Tag.SliceLocation);
    replaceChildren(
      this.corners.bl,
      ...lines(`Im ${s.index + 1}/${s.count}`, location !== undefined && `Loc ${location.toFixed(1)} mm`, thickness !== undefined && `Thk ${thickness} mm`),
    );
    replaceChildren(
      this.corners.br,
      ...lines(s.window && `W ${Math.round(s.window.width)} L ${Math.round(s.window.center)}`, s.zoom !== undefined && `Zoom ${s.zoom.toFixed(2)}×`, str(ds, Tag.PhotometricInterpretation)),
    );
    const labels = s.camera ? edgeLabels(s.camera.viewUp, s.camera.viewPlaneNormal) : undefined;
    for (const side of ['top', 'bottom', 'left', 'right'] as const) this.edges[side].textContent = labels?.[side] ?? '';
  }
}
