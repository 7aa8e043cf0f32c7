import type { FastifyInstance } from 'fastify';
import { isAtriumError } from '../../errors/atrium-error.js';
import { renderedImage } from '../dicomweb/frame-routes.js';
import { withStoredImage } from '../dicomweb/read-stored.js';
import { queryInteger } from '../list-query.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/**
 * `GET /api/series/:series/thumbnail[?size=128]`: a PNG of the series' middle image (in
 * instance-number order; its middle frame for a multi-frame image) within `size` pixels, with
 * its own window. A series without an image that can be rendered (SR, an undecodable syntax)
 * answers 404 `ATRIUM_ERR_WEB_NO_IMAGE`, which the UI shows as a placeholder.
 */
export function registerThumbnailRoute(app: FastifyInstance, services: WebServices): void {
  app.get<{ Params: { series: string } }>('/api/series/:series/thumbnail', async (request, reply) => {
    const SeriesInstanceUID = checkUid('series', request.params.series);
    const size = queryInteger('size', (request.query as Record<string, unknown>).size, 128, 16, 512);
    const instances = services.workstation.index.getInstances({ SeriesInstanceUID });
    if (instances.length === 0) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `series ${SeriesInstanceUID} is not stored here`, { SeriesInstanceUID });
    const images = instances.filter((i) => (i.instance.Rows ?? 0) > 0);
    const middle = images[Math.floor(images.length / 2)];
    if (!middle) throw webError('ATRIUM_ERR_WEB_NO_IMAGE', `series ${SeriesInstanceUID} has no image`, { SeriesInstanceUID });
    try {
      const frame = Math.floor(Math.max(1, middle.instance.NumberOfFrames ?? 1) / 2);
      const png = await withStoredImage(services, middle, (image) => renderedImage(image, frame, { type: 'image/png', maxSize: [size, size] }));
      return reply.type('image/png').header('Cache-Control', 'private, max-age=60').send(Buffer.from(png));
    } catch (e) {
      if (isAtriumError(e) && !e.code.startsWith('ATRIUM_ERR_WEB_')) throw webError('ATRIUM_ERR_WEB_NO_IMAGE', `the middle image of series ${SeriesInstanceUID} cannot be rendered: ${e.message}`, { SeriesInstanceUID, cause: e.code });
      throw e;
    }
  });
}
