import type { SeriesSelector, SourceSeries } from '@atrium/sdk';
import { seriesGeometry } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { matchValue } from './match-value.js';
import type { SourceInstanceImpl } from './source-instance-impl.js';

/**
 * The SDK view of a series: instances sorted along the slice normal when they carry
 * Image Plane attributes (else by Instance Number), and the stack geometry.
 */
export function sourceSeriesOf(instances: readonly SourceInstanceImpl[]): SourceSeries {
  const first = instances[0];
  if (!first) throw new AtriumError('ATRIUM_ERR_APP_INPUT', 'the series has no instances');
  const planes = instances.map((i) => ({
    imagePositionPatient: i.numbers('ImagePositionPatient'),
    imageOrientationPatient: i.numbers('ImageOrientationPatient'),
    pixelSpacing: i.numbers('PixelSpacing'),
  }));
  const planar = planes.every((p) => p.imagePositionPatient.length === 3 && p.imageOrientationPatient.length === 6 && p.pixelSpacing.length === 2);
  let sorted = [...instances].sort((a, b) => (a.number('InstanceNumber') ?? 0) - (b.number('InstanceNumber') ?? 0));
  let geometry: SourceSeries['geometry'];
  if (planar) {
    const unsorted = seriesGeometry(planes);
    const order = instances.map((inst, i) => ({ inst, d: unsorted.distances[i]! })).sort((a, b) => a.d - b.d);
    sorted = order.map((o) => o.inst);
    geometry = seriesGeometry(order.map((o) => planes[instances.indexOf(o.inst)]!));
  }
  return Object.freeze({
    studyInstanceUID: first.string('StudyInstanceUID') ?? '',
    seriesInstanceUID: first.string('SeriesInstanceUID') ?? '',
    modality: first.string('Modality'),
    instances: Object.freeze(sorted),
    geometry,
  });
}

/** Why a series does not satisfy an app's input selector ([] when it does). */
export function selectorProblems(series: SourceSeries, selector: SeriesSelector): string[] {
  const p: string[] = [];
  if (selector.modality && !selector.modality.includes(series.modality ?? '')) {
    p.push(`Modality is ${series.modality ?? '(absent)'}; the app accepts ${selector.modality.join(', ')}`);
  }
  if (series.instances.length < (selector.minInstances ?? 1)) p.push(`the series has ${series.instances.length} instance(s); the app needs at least ${selector.minInstances ?? 1}`);
  series.instances.forEach((inst, i) => {
    if (selector.sopClassUid && !selector.sopClassUid.includes(inst.sopClassUID)) p.push(`instance ${i + 1} has SOP Class ${inst.sopClassUID}, which the app does not accept`);
    for (const [keyword, key] of Object.entries(selector.where ?? {})) {
      const v = inst.attribute(keyword);
      const values = v === undefined ? [''] : Array.isArray(v) ? v.map(String) : [String(v)];
      if (!matchValue(values, key)) p.push(`instance ${i + 1}: ${keyword} ${JSON.stringify(values.join('\\'))} does not match ${JSON.stringify(key)}`);
    }
  });
  return p;
}
