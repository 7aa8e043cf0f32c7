import type { SourceInstance, SourceSeries } from '@atrium/sdk';
import { textsOf } from '../geometry/dicom-values.js';
import { nmRefusal } from '../geometry/nm-refusal.js';

/** Image Type value 3 of an NM image (TOMO, GATED TOMO, DYNAMIC, RECON TOMO …), upper case; '' when absent. */
export function nmImageKind(instance: SourceInstance): string {
  return (textsOf(instance.attribute('ImageType'))[2] ?? '').toUpperCase();
}

/**
 * The one NM multi-frame image of a series that an NM app processes, of one of the `kinds` (Image
 * Type value 3). Refuses (ATRIUM_ERR_NM_REFUSED) a series of several images or of another kind,
 * naming what it found.
 */
export function nmAcquisition(input: SourceSeries, app: string, kinds: readonly string[]): SourceInstance {
  const images = input.instances.filter((i) => i.numberOfFrames > 0);
  if (images.length !== 1) {
    throw nmRefusal(app, `series ${input.seriesInstanceUID} has ${images.length} images; ${app} processes one NM multi-frame acquisition (${kinds.join(', ')})`, { seriesInstanceUID: input.seriesInstanceUID });
  }
  const instance = images[0]!;
  const kind = nmImageKind(instance);
  if (!kinds.includes(kind)) {
    throw nmRefusal(app, `${instance.sopInstanceUID} has Image Type value 3 ${kind || '(absent)'}; ${app} takes ${kinds.join(' or ')}`, { sopInstanceUID: instance.sopInstanceUID, attribute: 'ImageType' });
  }
  return instance;
}
