import type { Index } from '../db/dicom-index.js';
import { AtriumError } from '../errors/atrium-error.js';

/**
 * Where the index records that an instance came from, for the derived objects of an app
 * (`app:<plugin id>.<app id>`): the guard below protects everything else, and `atrium batch`
 * leaves out the series holding one, so an app is never run on its own outputs.
 */
export function appSource(qualifiedAppId: string): string {
  return `app:${qualifiedAppId}`;
}

/**
 * Refuse a derived object whose SOP Instance UID is already stored by anyone but this app
 * (ATRIUM_ERR_APP_STORE_ORIGINAL): an app's re-run replaces what the app wrote before, never an
 * original — an import, a C-STORE, another app's output — which a derived object with the same
 * UIDs would otherwise replace (a de-identified copy keeping UIDs, an app copying them). Instances
 * the startup reconcile had to index again have lost their origin and are protected too.
 */
export function checkDerivedTarget(index: Pick<Index, 'getInstances'>, qualifiedAppId: string, output: string, sopInstanceUID: string): void {
  const source = appSource(qualifiedAppId);
  const held = index.getInstances({ SOPInstanceUID: sopInstanceUID }).find((i) => i.file.receivedFrom !== source);
  if (held === undefined) return;
  throw new AtriumError('ATRIUM_ERR_APP_STORE_ORIGINAL',
    `${qualifiedAppId} (${output}) wrote an object with the SOP Instance UID ${sopInstanceUID} of a stored instance it did not write (series ${held.series.SeriesInstanceUID}, received from ${held.file.receivedFrom ?? 'unknown'}): refused, a derived object never replaces an original`,
    { sopInstanceUID, seriesInstanceUID: held.series.SeriesInstanceUID, receivedFrom: held.file.receivedFrom });
}
