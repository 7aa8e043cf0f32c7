import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { parseMediaType, type MediaType } from './media-type.js';
import { webError } from './web-error.js';

/** Media types whose bodies the routes read as streams themselves (uploads, STOW-RS): never buffered by Fastify. */
const STREAMED = ['multipart/related', 'multipart/form-data', 'application/dicom', 'application/octet-stream'];

/** Leave the bodies of {@link STREAMED} types unread: the route gets the request stream as `request.body`. */
export function streamUploads(app: FastifyInstance): void {
  app.addContentTypeParser(STREAMED, (_request, payload, done) => done(null, payload));
}

/** The body stream and the parsed Content-Type of a streamed upload. */
export function uploadBody(request: FastifyRequest): { stream: Readable; contentType: MediaType } {
  const header = request.headers['content-type'];
  if (header === undefined) throw webError('ATRIUM_ERR_WEB_MEDIA_TYPE', 'the request has no Content-Type', {});
  return { stream: request.body as Readable, contentType: parseMediaType(header) };
}

/** The boundary of a multipart Content-Type. @throws 400 without one. */
export function boundaryOf(contentType: MediaType): string {
  const boundary = contentType.params.boundary;
  if (!boundary || boundary.length > 200) throw webError('ATRIUM_ERR_WEB_BAD_MULTIPART', `the ${contentType.type} Content-Type has no usable boundary parameter`, {});
  return boundary;
}
