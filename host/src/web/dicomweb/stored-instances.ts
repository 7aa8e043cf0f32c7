import type { StoredInstance } from '../../db/dicom-index.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** The UIDs of a WADO-RS path: a study, a series of it, an instance of that. */
export interface ResourcePath {
  readonly study: string;
  readonly series?: string;
  readonly instance?: string;
}

/** The path parameters of a WADO-RS route, each checked as an identity UID (a path, a list or a wildcard is 400). */
export function resourcePath(params: { study?: string; series?: string; instance?: string }): ResourcePath {
  return {
    study: checkUid('study', params.study),
    ...(params.series !== undefined ? { series: checkUid('series', params.series) } : {}),
    ...(params.instance !== undefined ? { instance: checkUid('instance', params.instance) } : {}),
  };
}

/**
 * The stored instances a WADO-RS path names, in hierarchy order: all of a study, of a
 * series of that study, or the one instance of that series. Nothing stored there (or a
 * series of another study): 404 `ATRIUM_ERR_WEB_NOT_FOUND`.
 */
export function storedInstances(services: WebServices, path: ResourcePath): StoredInstance[] {
  const found = services.workstation.index.getInstances({
    StudyInstanceUID: path.study,
    ...(path.series ? { SeriesInstanceUID: path.series } : {}),
    ...(path.instance ? { SOPInstanceUID: path.instance } : {}),
  });
  if (found.length === 0) {
    const what = path.instance ? `instance ${path.instance} of series ${path.series}` : path.series ? `series ${path.series}` : 'study';
    throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `${what} of study ${path.study} is not stored here`, { ...path });
  }
  return found;
}
