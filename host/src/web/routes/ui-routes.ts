import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { webError } from '../web-error.js';

/** What `/` shows when the UI bundle has not been built. */
function placeholderPage(folder: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Atrium</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Atrium</h1>
<p>The server is running, but the browser UI is not built: there is no <code>index.html</code> in <code>${folder.replace(/[<>&]/g, '')}</code>.</p>
<p>Build it with <code>npm run build</code> at the repository root (or start <code>atrium web --ui &lt;folder&gt;</code>).
The JSON API (<a href="/api/health">/api/health</a>) and DICOMweb (<code>/dicom-web</code>) work without it.</p>
</body></html>
`;
}

/**
 * The UI: the files of the bundle folder, and for any other GET that is not under `/api`
 * or `/dicom-web` the bundle's `index.html` (client-side routes survive a reload); a
 * placeholder page when the bundle is absent. Unknown API paths stay 404 JSON.
 */
export async function registerUiRoutes(app: FastifyInstance, ui: { folder: string; present: boolean }): Promise<void> {
  if (ui.present) await app.register(fastifyStatic, { root: ui.folder, prefix: '/', wildcard: true, index: ['index.html'], dotfiles: 'deny' });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/dicom-web/') || path === '/dicom-web' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `no route ${request.method} ${path.slice(0, 200)}`, { method: request.method, path: path.slice(0, 200) });
    }
    if (ui.present) return reply.type('text/html').sendFile('index.html');
    return reply.type('text/html; charset=utf-8').send(placeholderPage(ui.folder));
  });
}
