import type { FastifyInstance } from 'fastify';
import type { Page, QuarantineItem } from '../api-types.js';
import { queryInteger } from '../list-query.js';
import type { WebServices } from '../web-services.js';

/** `GET /api/quarantine`: what was refused or set aside, newest first, with its reason and where its bytes are. */
export function registerQuarantineRoute(app: FastifyInstance, services: WebServices): void {
  app.get('/api/quarantine', async (request): Promise<Page<QuarantineItem>> => {
    const q = request.query as Record<string, unknown>;
    const limit = queryInteger('limit', q.limit, 200, 1, 1000);
    const offset = queryInteger('offset', q.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const all = services.workstation.index.listQuarantine().slice().reverse();
    const items = all.slice(offset, offset + limit).map((e) => ({
      id: e.id, receivedAt: e.receivedAt, reasonCode: e.reasonCode, reason: e.reason, details: e.details,
      ...(e.path !== undefined ? { path: e.path } : {}), ...(e.source !== undefined ? { source: e.source } : {}),
    }));
    return { items, offset, limit, more: offset + limit < all.length };
  });
}
