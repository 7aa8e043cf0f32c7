import type { FastifyRequest } from 'fastify';

/** Base path of DICOMweb. */
export const DICOMWEB = '/dicom-web';

/** The absolute base URL of DICOMweb as the client addressed us (for RetrieveURL and BulkDataURI). */
export function dicomwebBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}${DICOMWEB}`;
}

/** The WADO-RS URL of a study, series or instance. */
export function resourceUrl(base: string, study: string, series?: string, instance?: string): string {
  return `${base}/studies/${study}${series ? `/series/${series}` : ''}${series && instance ? `/instances/${instance}` : ''}`;
}
