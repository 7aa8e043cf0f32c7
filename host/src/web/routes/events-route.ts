import type { FastifyInstance } from 'fastify';
import type { EventStream } from '../event-stream.js';

/** Comment lines keep proxies and browsers from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** `GET /api/events`: the server's events as Server-Sent Events, until the client goes. */
export function registerEventsRoute(app: FastifyInstance, events: EventStream): void {
  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': atrium events\n\n');
    const disconnect = events.connect({ send: (message) => res.write(message), end: () => res.end() });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const close = (): void => {
      clearInterval(keepAlive);
      disconnect();
    };
    request.raw.on('close', close);
    res.on('error', close);
  });
}
