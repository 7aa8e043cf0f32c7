import type { GeometryIssue, SdkError, SourceSeries } from '@atrium/sdk';
import { calciumError } from './calcium-errors.js';
import { instanceLabel } from './instance-label.js';

/** Cosine of 1°: the largest angle between a row/column direction and the patient x/y axis for an axial slice. */
const AXIAL_COS = Math.cos((1 * Math.PI) / 180);

/**
 * Refuse, before any scoring, a series whose score would be wrong: no slice
 * geometry, geometry problems (inconsistent orientation or pixel spacing, tilted or sheared
 * stack, duplicate positions, uneven spacing), slices that are not axial (row ≈ ±x and
 * column ≈ ±y within 1°), a slice without Rescale Slope / Intercept, more than one Frame
 * of Reference UID, or a multi-frame instance. Throws SdkError `ATRIUM_ERR_CALCIUM_REFUSED`
 * naming the problem once, with the instances concerned (Instance Number and SOP Instance UID).
 */
export function checkInput(input: SourceSeries): void {
  const refused = (why: string, details: Record<string, unknown> = {}): SdkError =>
    calciumError('ATRIUM_ERR_CALCIUM_REFUSED', `calcium scoring refused: ${why}`, { seriesInstanceUID: input.seriesInstanceUID, ...details });
  const label = (i: number): string => instanceLabel(input.instances[i]!, i);
  input.instances.forEach((instance, i) => {
    if (instance.numberOfFrames !== 1) throw refused(`${label(i)} has ${instance.numberOfFrames} frames; single-frame CT slices are needed`, { sopInstanceUID: instance.sopInstanceUID });
    for (const keyword of ['RescaleSlope', 'RescaleIntercept']) {
      if (instance.number(keyword) === undefined) throw refused(`${label(i)} has no ${keyword}: HU cannot be computed`, { sopInstanceUID: instance.sopInstanceUID, keyword });
    }
  });
  const frames = new Map<string, number>();
  input.instances.forEach((instance, i) => {
    const uid = instance.string('FrameOfReferenceUID');
    if (uid === undefined) throw refused(`${label(i)} has no FrameOfReferenceUID`, { sopInstanceUID: instance.sopInstanceUID, keyword: 'FrameOfReferenceUID' });
    else if (!frames.has(uid)) frames.set(uid, i);
  });
  if (frames.size > 1) {
    const [, second] = [...frames.values()];
    throw refused(`the series has ${frames.size} Frames of Reference (${[...frames.keys()].join(', ')}); ${label(second!)} differs from ${label(0)}`, { frameOfReferenceUIDs: [...frames.keys()] });
  }
  const g = input.geometry;
  if (g === undefined) throw refused('the slices have no usable Image Plane attributes (Image Position / Orientation (Patient), Pixel Spacing)');
  if (g.issues.length > 0) throw refused(`slice geometry: ${geometryText(g.issues, label)}`, { problems: g.problems });
  const [rx, ry, rz, cx, cy, cz] = g.orientation;
  const rowAxial = Math.abs(rx) / Math.hypot(rx, ry, rz) >= AXIAL_COS;
  const colAxial = Math.abs(cy) / Math.hypot(cx, cy, cz) >= AXIAL_COS;
  if (!rowAxial || !colAxial) throw refused(`slices are not axial (Image Orientation (Patient) ${g.orientation.map((v) => Number(v.toFixed(4))).join('\\')} of ${label(0)}; oblique slices are not scored)`, { orientation: g.orientation });
}

/** What each kind of geometry problem says. */
const KIND_TEXT: Readonly<Record<GeometryIssue['kind'], string>> = {
  orientation: 'Image Orientation (Patient) differs from the first slice',
  'pixel-spacing': 'Pixel Spacing differs from the first slice',
  'duplicate-position': 'two slices at the same position along the normal',
  'uneven-spacing': 'uneven slice spacing',
  tilt: 'positions move across the image plane (tilted or sheared stack)',
};

/** One line per kind of problem (never one per slice): how many, and the first with its instances and message. */
function geometryText(issues: readonly GeometryIssue[], label: (i: number) => string): string {
  const kinds = [...new Set(issues.map((i) => i.kind))];
  return kinds.map((kind) => {
    const all = issues.filter((i) => i.kind === kind);
    const first = all[0]!;
    const detail = first.message.replace(/^slices? [\d ]+(and \d+)?: /, '');
    const more = all.length > 1 ? ` (${all.length} places; the first: ` : ' (';
    return `${KIND_TEXT[kind]}${more}${first.slices.map(label).join(' and ')}: ${detail})`;
  }).join('; ');
}
