import type { FastifyInstance } from 'fastify';
import type { WebServices } from '../web-services.js';
import { registerBulkdataRoute } from './bulkdata-route.js';
import { registerFrameRoutes } from './frame-routes.js';
import { registerQidoRoutes } from './qido-routes.js';
import { registerStowRoute } from './stow-route.js';
import { registerWadoRoutes } from './wado-routes.js';

/** DICOMweb (PS3.18) under `/dicom-web`: QIDO-RS, WADO-RS (instances, metadata, bulk data, frames, rendered), STOW-RS. */
export function registerDicomweb(app: FastifyInstance, services: WebServices): void {
  registerQidoRoutes(app, services);
  registerWadoRoutes(app, services);
  registerFrameRoutes(app, services);
  registerBulkdataRoute(app, services);
  registerStowRoute(app, services);
}
