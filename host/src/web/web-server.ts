import Fastify, { type FastifyInstance } from 'fastify';
import { AtriumError } from '../errors/atrium-error.js';
import { AccessPolicy, isLoopback, newAccessToken } from './access-policy.js';
import { registerDicomweb } from './dicomweb/register-dicomweb.js';
import { streamUploads } from './raw-body.js';
import { registerDeidStoreJob } from './deid-store-job.js';
import { EventStream } from './event-stream.js';
import { registerAppsRoutes } from './routes/apps-routes.js';
import { registerBrowseRoutes } from './routes/browse-routes.js';
import { registerDeidRoute } from './routes/deid-route.js';
import { registerEventsRoute } from './routes/events-route.js';
import { registerExportRoute } from './routes/export-route.js';
import { registerImportRoute } from './routes/import-route.js';
import { registerJobsRoutes } from './routes/jobs-routes.js';
import { registerNetworkRoutes } from './routes/network-routes.js';
import { registerQuarantineRoute } from './routes/quarantine-route.js';
import { registerThumbnailRoute } from './routes/thumbnail-route.js';
import { registerHealthRoute } from './routes/health-route.js';
import { registerUiRoutes } from './routes/ui-routes.js';
import { uiFolder } from './ui-folder.js';
import { errorResponse } from './web-error.js';
import type { WebServices } from './web-services.js';

/** How `atrium web` serves. */
export interface WebServerOptions {
  /** TCP port (default 8042; 0: any free port). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). Anything but loopback requires the access token. */
  readonly bind?: string;
  /** The access token off loopback (default: `$ATRIUM_WEB_TOKEN`, else a new random one). Ignored on loopback. */
  readonly token?: string;
  /** The UI bundle folder (default `$ATRIUM_UI_DIR`, else `host/dist-ui/`). */
  readonly uiFolder?: string;
  /** Where server faults are reported (with their stack); default stderr. */
  readonly log?: (line: string) => void;
}

/** A built server: the Fastify instance (tests `inject` into it), and how to start and stop it. */
export interface WebServer {
  readonly app: FastifyInstance;
  readonly bind: string;
  /** The access token, when bound off loopback. */
  readonly token: string | undefined;
  /** The UI folder and whether a bundle is there. */
  readonly ui: { readonly folder: string; readonly present: boolean };
  /** Listen; resolves with the port and the URL to open (with `?access_token=` when a token is needed). */
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/** Node's default is 2 minutes without data; uploads and multipart answers may be long, so a wider bound. */
const SOCKET_TIMEOUT_MS = 10 * 60_000;

/**
 * The web server of the workstation (Fastify): the UI bundle, the JSON API (`/api`) and
 * DICOMweb (`/dicom-web`) over one host's store, queue and plugins. Bound to loopback by
 * default; bound elsewhere, every request needs the access token (see {@link AccessPolicy}).
 * Every error is answered as `{ error: { code, message, details } }`; a fault in one
 * request is logged and answered 500, and the server keeps running.
 */
export async function createWebServer(services: WebServices, options: WebServerOptions = {}): Promise<WebServer> {
  const bind = options.bind ?? '127.0.0.1';
  const port = options.port ?? 8042;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AtriumError('ATRIUM_ERR_WEB_BAD_OPTION', `port must be a whole number from 0 to 65535, not ${port}`, { port });
  const token = isLoopback(bind) ? undefined : (options.token ?? process.env.ATRIUM_WEB_TOKEN ?? newAccessToken());
  if (token !== undefined && token.length < 16) throw new AtriumError('ATRIUM_ERR_WEB_BAD_OPTION', 'the access token must have at least 16 characters', {});
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const ui = uiFolder(options.uiFolder);
  const policy = new AccessPolicy(token);
  const timings = new WeakMap<object, number>();

  const app = Fastify({ logger: false, connectionTimeout: 0, requestTimeout: 0, bodyLimit: 16 * 1024 * 1024, return503OnClosing: true });
  app.server.setTimeout(SOCKET_TIMEOUT_MS);
  app.addHook('onRequest', async (request, reply) => {
    timings.set(request, performance.now());
    policy.check(request, reply);
  });
  // Server-Timing (W3C): the time the server spent until the answer's headers, for benchmarks and the browser's devtools.
  app.addHook('onSend', async (request, reply) => {
    const start = timings.get(request);
    if (start !== undefined) reply.header('Server-Timing', `app;dur=${(performance.now() - start).toFixed(2)}`);
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, body, fault } = errorResponse(error);
    if (fault) log(`atrium web: ${request.method} ${request.url.split('?')[0]} failed: ${(error as Error)?.stack ?? String(error)}`);
    return reply.code(status).type('application/json').send(body);
  });

  streamUploads(app);
  registerHealthRoute(app, services, { auth: token === undefined ? 'none' : 'token', ui: ui.present });
  registerBrowseRoutes(app, services);
  registerThumbnailRoute(app, services);
  registerQuarantineRoute(app, services);
  registerAppsRoutes(app, services);
  registerJobsRoutes(app, services);
  registerNetworkRoutes(app, services);
  registerDeidRoute(app, services);
  registerExportRoute(app, services);
  registerImportRoute(app, services);
  const events = new EventStream(services);
  registerEventsRoute(app, events);
  const deidJobs = registerDeidStoreJob(services);
  app.addHook('preClose', async () => {
    events.dispose();
    deidJobs.dispose();
  });
  registerDicomweb(app, services);
  await registerUiRoutes(app, ui);

  return {
    app,
    bind,
    token,
    ui,
    async listen() {
      try {
        await app.listen({ port, host: bind });
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${port} is in use (--port another, or 0 for any free port)`
          : (e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' || (e as NodeJS.ErrnoException).code === 'ENOTFOUND' ? `${bind} is not an address of this machine`
            : (e as Error).message;
        throw new AtriumError('ATRIUM_ERR_WEB_LISTEN', `cannot listen on ${bind}:${port}: ${why}`, { bind, port }, { cause: e });
      }
      const address = app.server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      const shown = bind.includes(':') ? `[${bind}]` : bind;
      return { port: actual, url: `http://${shown}:${actual}/${token === undefined ? '' : `?access_token=${token}`}` };
    },
    close: () => app.close(),
  };
}
