import { TransferSyntax } from '@atrium/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImageSource } from '../../io/image-file.js';
import { encodeJpeg } from '../../render/encode-jpeg.js';
import { encodePng, type Image8 } from '../../render/encode-png.js';
import { renderFrame, type VoiWindow } from '../../render/render-frame.js';
import { scaleImage } from '../../render/scale-image.js';
import { queryInteger } from '../list-query.js';
import { parseAccept, typeMatches } from '../media-type.js';
import { multipartStream, newBoundary } from '../multipart-writer.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { DICOMWEB } from './dicomweb-urls.js';
import { frameBytes, frameCountOf } from './frame-bytes.js';
import { withStoredImage } from './read-stored.js';
import { resourcePath, storedInstances } from './stored-instances.js';
import { frameMediaType } from './transfer-syntax-media.js';

type InstanceParams = { study: string; series: string; instance: string };

/** The frame numbers of a `frames/{list}` path: `1`, `1,3,5` (from 1; at most 10 000). */
function frameNumbers(list: string): number[] {
  const numbers = list.split(',').map((s) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : NaN));
  if (numbers.length === 0 || numbers.length > 10_000 || numbers.some((n) => !Number.isInteger(n) || n < 1)) {
    throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `frames must be a list of frame numbers from 1, separated by commas (e.g. 1,2,3), not "${list.slice(0, 100)}"`, { parameter: 'frames' });
  }
  return numbers;
}

/**
 * How frames are asked for (PS3.18 §8.7.3.5.3): `multipart/related; type="application/octet-stream"`
 * uncompressed (no or the Explicit VR Little Endian `transfer-syntax`), or as stored with
 * `transfer-syntax=*` or the stored syntax; `type="image/jls"` etc. (the stored syntax's own
 * media type) as stored; `*\/*` or no Accept: uncompressed. @throws 406 otherwise.
 */
function frameTarget(request: FastifyRequest, storedTs: string): { uncompressed: boolean; mediaType: string } {
  const storedMedia = frameMediaType(storedTs);
  for (const m of parseAccept(request.headers.accept)) {
    if (m.type === '*/*') return { uncompressed: true, mediaType: 'application/octet-stream' };
    const inner = m.type === 'multipart/related' ? (m.params.type ?? 'application/octet-stream') : m.type;
    const ts = m.params['transfer-syntax'];
    if (inner === 'application/octet-stream') {
      if (ts === undefined || ts === TransferSyntax.ExplicitVRLittleEndian) return { uncompressed: true, mediaType: inner };
      if (ts === '*' || ts === storedTs) return { uncompressed: false, mediaType: inner };
    } else if (typeMatches(inner, storedMedia) && (ts === undefined || ts === '*' || ts === storedTs)) {
      return { uncompressed: false, mediaType: storedMedia };
    }
  }
  throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `the frames are stored in ${storedTs} (${storedMedia}); ask for multipart/related; type="application/octet-stream" (uncompressed, or transfer-syntax=*), not ${String(request.headers.accept)}`, { accept: request.headers.accept, transferSyntax: storedTs });
}

async function frames(services: WebServices, request: FastifyRequest<{ Params: InstanceParams & { frames: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const path = resourcePath(request.params);
  const numbers = frameNumbers(request.params.frames);
  const [instance] = storedInstances(services, path);
  const { parts, mediaType } = await withStoredImage(services, instance!, async (image) => {
    const target = frameTarget(request, image.transferSyntax.uid);
    const count = frameCountOf(image);
    const missing = numbers.find((n) => n > count);
    if (missing !== undefined) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `frame ${missing} does not exist: the instance has ${count} frame(s)`, { frame: missing, frames: count });
    const type = target.uncompressed ? 'application/octet-stream' : target.mediaType;
    const out = [];
    for (const n of numbers) {
      const frame = await frameBytes(image, n - 1, target.uncompressed);
      out.push({ contentType: `${type}; transfer-syntax=${frame.transferSyntaxUID}`, body: () => frame.bytes });
    }
    return { parts: out, mediaType: type };
  });
  const boundary = newBoundary();
  reply.type(`multipart/related; type="${mediaType}"; boundary=${boundary}`);
  return reply.send(multipartStream(parts, boundary));
}

/** `window=center,width[,linear]` (PS3.18 §8.3.5.1.4): only the linear function. */
function windowParam(value: unknown): VoiWindow | undefined {
  if (value === undefined) return undefined;
  const [c, w, fn] = String(value).split(',');
  const center = Number(c);
  const width = Number(w);
  if (!Number.isFinite(center) || !Number.isFinite(width) || width < 1 || (fn !== undefined && fn !== 'linear')) {
    throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `window must be center,width[,linear] with width ≥ 1, not "${String(value).slice(0, 60)}"`, { parameter: 'window' });
  }
  return { center, width };
}

/** The image type to answer (PS3.18 §8.7.4: image/jpeg by default, image/png when asked first). */
function renderedType(request: FastifyRequest): 'image/png' | 'image/jpeg' {
  for (const m of parseAccept(request.headers.accept)) {
    if (m.type === 'image/png') return 'image/png';
    if (typeMatches(m.type, 'image/jpeg')) return 'image/jpeg';
  }
  throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `rendered images are image/jpeg or image/png, not ${String(request.headers.accept)}`, { accept: request.headers.accept });
}

/** Render one frame as PNG or JPEG with the window of the query (or the instance's, else min/max), within `viewport`. */
export async function renderedImage(file: ImageSource, frame: number, options: { window?: VoiWindow; type: 'image/png' | 'image/jpeg'; quality?: number; maxSize?: readonly [number, number] }): Promise<Uint8Array> {
  let image: Image8 = await renderFrame(file, { frame, ...(options.window ? { window: options.window } : {}) });
  if (options.maxSize) image = scaleImage(image, options.maxSize[0], options.maxSize[1]);
  return options.type === 'image/png' ? encodePng(image) : encodeJpeg(image, options.quality);
}

async function rendered(services: WebServices, request: FastifyRequest<{ Params: InstanceParams & { frame?: string } }>, reply: FastifyReply, thumbnail = false): Promise<FastifyReply> {
  const path = resourcePath(request.params);
  const query = request.query as Record<string, unknown>;
  const type = renderedType(request);
  const frame = request.params.frame === undefined ? 1 : frameNumbers(request.params.frame);
  if (Array.isArray(frame) && frame.length !== 1) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', 'a rendered frame is one frame number', { parameter: 'frame' });
  const [instance] = storedInstances(services, path);
  const viewport = thumbnail ? '128,128' : query.viewport;
  const [vw, vh] = viewport === undefined ? [] : String(viewport).split(',').map((v) => queryInteger('viewport', v, 0, 1, 8192));
  const window = windowParam(query.window);
  const quality = queryInteger('quality', query.quality, 90, 1, 100);
  const bytes = await withStoredImage(services, instance!, (image) => renderedImage(image, (Array.isArray(frame) ? frame[0]! : frame) - 1, {
    type, quality, ...(window ? { window } : {}), ...(vw !== undefined ? { maxSize: [vw, vh ?? vw] as const } : {}),
  }));
  return reply.type(type).send(Buffer.from(bytes));
}

/** WADO-RS frames and rendered images (PS3.18 §10.4.1.1.3, §10.4.1.1.5; thumbnails §10.4.1.1.6). */
export function registerFrameRoutes(app: FastifyInstance, services: WebServices): void {
  const instance = `${DICOMWEB}/studies/:study/series/:series/instances/:instance`;
  app.get<{ Params: InstanceParams & { frames: string } }>(`${instance}/frames/:frames`, (request, reply) => frames(services, request, reply));
  app.get<{ Params: InstanceParams }>(`${instance}/rendered`, (request, reply) => rendered(services, request, reply));
  app.get<{ Params: InstanceParams }>(`${instance}/thumbnail`, (request, reply) => rendered(services, request, reply, true));
  app.get<{ Params: InstanceParams & { frame: string } }>(`${instance}/frames/:frame/rendered`, (request, reply) => rendered(services, request, reply));
}
