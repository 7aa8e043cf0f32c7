import { SdkError, type SourceSeries } from '@atrium/sdk';

/** Cosine of 1°: the largest angle between a row/column direction and the patient x/y axis for an axial slice. */
const AXIAL_COS = Math.cos((1 * Math.PI) / 180);

/**
 * Refuse, before any scoring, a series whose score would be wrong: no slice
 * geometry, geometry problems (inconsistent orientation or pixel spacing, tilted or sheared
 * stack, duplicate positions, uneven spacing), slices that are not axial (row ≈ ±x and
 * column ≈ ±y within 1°), a slice without Rescale Slope / Intercept, more than one Frame
 * of Reference UID, or a multi-frame instance. Throws SdkError `ATRIUM_ERR_CALCIUM_REFUSED`
 * naming the problem and the slice.
 */
export function checkInput(input: SourceSeries): void {
  const refused = (why: string, details: Record<string, unknown> = {}): SdkError =>
    new SdkError('ATRIUM_ERR_CALCIUM_REFUSED', `calcium scoring refused: ${why}`, { seriesInstanceUID: input.seriesInstanceUID, ...details });
  const label = (i: number): string => {
    const instance = input.instances[i]!;
    const n = instance.number('InstanceNumber');
    return `slice ${i + 1}${n === undefined ? '' : ` (instance ${n})`} ${instance.sopInstanceUID}`;
  };
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
    throw refused(`the series has ${frames.size} Frames of Reference (${[...frames.keys()].join(', ')}); ${label(second!)} differs from slice 1`, { frameOfReferenceUIDs: [...frames.keys()] });
  }
  const g = input.geometry;
  if (g === undefined) throw refused('the slices have no usable Image Plane attributes (Image Position / Orientation (Patient), Pixel Spacing)');
  if (g.problems.length > 0) throw refused(`slice geometry: ${g.problems.join('; ')}`, { problems: g.problems });
  const [rx, ry, rz, cx, cy, cz] = g.orientation;
  const rowAxial = Math.abs(rx) / Math.hypot(rx, ry, rz) >= AXIAL_COS;
  const colAxial = Math.abs(cy) / Math.hypot(cx, cy, cz) >= AXIAL_COS;
  if (!rowAxial || !colAxial) throw refused(`slices are not axial (Image Orientation (Patient) ${g.orientation.map((v) => Number(v.toFixed(4))).join('\\')} of ${label(0)}; oblique slices are not scored)`, { orientation: g.orientation });
}
