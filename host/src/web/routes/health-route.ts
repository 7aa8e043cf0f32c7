import { readFileSync } from 'node:fs';
import { SDK_VERSION } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../api-types.js';
import type { WebServices } from '../web-services.js';

const HOST_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** `GET /api/health`. */
export function registerHealthRoute(app: FastifyInstance, services: WebServices, facts: { auth: 'none' | 'token'; ui: boolean }): void {
  app.get('/api/health', async (): Promise<HealthResponse> => ({
    status: 'ok',
    version: { atrium: HOST_VERSION, sdk: SDK_VERSION, node: process.version },
    store: services.workstation.root,
    validation: services.workstation.store.validation,
    dicomweb: '/dicom-web',
    auth: facts.auth,
    ui: facts.ui,
  }));
}
