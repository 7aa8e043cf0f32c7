import { createReadStream } from 'node:fs';
import { Tag } from '@atrium/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StoredInstance } from '../../db/dicom-index.js';
import { buildFileMeta } from '../../io/write-part10.js';
import { writeDataset } from '../../io/write-dataset.js';
import { canTranscode, transcodeDataset } from '../../io/transcode/transcode-dataset.js';
import { parseAccept, typeMatches } from '../media-type.js';
import { multipartStream, newBoundary, type OutgoingPart } from '../multipart-writer.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { jsonTag, toDicomJson, type DicomJsonObject } from './dicom-json.js';
import { DICOMWEB, dicomwebBase, resourceUrl } from './dicomweb-urls.js';
import { readStored, readStoredHeader } from './read-stored.js';
import { resourcePath, storedInstances, type ResourcePath } from './stored-instances.js';

type Params = { study: string; series?: string; instance?: string };

/**
 * The transfer syntax a WADO-RS retrieve asks for (PS3.18 §8.7.3.5): `*` (or none) means as
 * stored — the bytes of the stored file, unchanged; a named one is served as stored when it
 * is the stored syntax, else transcoded. Accepted types: `multipart/related` of
 * `application/dicom` (or no `type`), `application/dicom`, `*\/*`. @throws 406 otherwise.
 */
function requestedSyntax(request: FastifyRequest): string {
  for (const m of parseAccept(request.headers.accept)) {
    const inner = m.type === 'multipart/related' ? (m.params.type ?? 'application/dicom') : m.type;
    if (typeMatches(inner, 'application/dicom') || m.type === '*/*') return m.params['transfer-syntax'] ?? '*';
  }
  throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `WADO-RS retrieves instances as multipart/related; type="application/dicom", not ${String(request.headers.accept)}`, { accept: request.headers.accept });
}

/**
 * One instance as a part: the stored file read in chunks, byte for byte, or (for another syntax)
 * transcoded as a whole behind Atrium's File Meta Information (Implementation Class UID under the uidRoot).
 */
function instancePart(services: WebServices, instance: StoredInstance, wanted: string, base: string): OutgoingPart {
  const stored = instance.instance.TransferSyntaxUID ?? '';
  const location = resourceUrl(base, instance.study.StudyInstanceUID, instance.series.SeriesInstanceUID, instance.instance.SOPInstanceUID);
  if (wanted === '*' || wanted === stored) {
    return { contentType: `application/dicom; transfer-syntax=${stored}`, location, body: () => createReadStream(services.workstation.files.absolute(instance.file.path)) };
  }
  return {
    contentType: `application/dicom; transfer-syntax=${wanted}`,
    location,
    body: async () => {
      const file = await readStored(services, instance);
      const dataset = await transcodeDataset(file, wanted);
      return Buffer.concat([new Uint8Array(128), Buffer.from('DICM'), writeDataset(buildFileMeta(file.dataset, wanted, undefined, services.uidRoot())), dataset]);
    },
  };
}

async function retrieve(services: WebServices, request: FastifyRequest<{ Params: Params }>, reply: FastifyReply): Promise<FastifyReply> {
  const path = resourcePath(request.params);
  const wanted = requestedSyntax(request);
  const instances = storedInstances(services, path);
  if (wanted !== '*') {
    const cannot = instances.find((i) => !canTranscode(i.instance.TransferSyntaxUID ?? '', wanted));
    if (cannot) throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `instance ${cannot.instance.SOPInstanceUID} is stored in ${cannot.instance.TransferSyntaxUID} and cannot be converted to ${wanted}; ask for transfer-syntax=*`, { transferSyntax: wanted });
  }
  const boundary = newBoundary();
  const base = dicomwebBase(request);
  reply.type(`multipart/related; type="application/dicom"; boundary=${boundary}`);
  return reply.send(multipartStream(instances.map((i) => instancePart(services, i, wanted, base)), boundary));
}

/** The BulkDataURI of a value of an instance: `.../instances/{uid}/bulkdata/{tag}[/{item}/{tag}...]`. */
function bulkDataUri(base: string, instance: StoredInstance): (path: readonly number[]) => string {
  const url = resourceUrl(base, instance.study.StudyInstanceUID, instance.series.SeriesInstanceUID, instance.instance.SOPInstanceUID);
  return (path) => `${url}/bulkdata/${path.map((p, i) => (i % 2 === 0 ? jsonTag(p) : String(p))).join('/')}`;
}

/** One instance's metadata: its header as DICOM JSON, Pixel Data as a BulkDataURI (the header parse stops before it). */
function instanceMetadata(services: WebServices, instance: StoredInstance, base: string): DicomJsonObject {
  const file = readStoredHeader(services, instance);
  const uri = bulkDataUri(base, instance);
  const json = toDicomJson(file.dataset, { bulkDataUri: uri });
  if (file.stoppedAtPixelData) {
    const vr = file.transferSyntax.encapsulated || (file.dataset.number(Tag.BitsAllocated) ?? 16) <= 8 ? 'OB' : 'OW';
    json[jsonTag(Tag.PixelData)] = { vr, BulkDataURI: uri([Tag.PixelData]) };
  }
  return json;
}

async function metadata(services: WebServices, request: FastifyRequest<{ Params: Params }>, reply: FastifyReply): Promise<DicomJsonObject[]> {
  const path: ResourcePath = resourcePath(request.params);
  if (!parseAccept(request.headers.accept).some((m) => ['application/dicom+json', 'application/json'].some((t) => typeMatches(m.type, t)))) {
    throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `metadata is answered as application/dicom+json only, not ${String(request.headers.accept)}`, { accept: request.headers.accept });
  }
  const base = dicomwebBase(request);
  const out = storedInstances(services, path).map((i) => instanceMetadata(services, i, base));
  reply.type('application/dicom+json');
  return out;
}

/** WADO-RS (PS3.18 §10.4): studies, series and instances as stored; their metadata as DICOM JSON. */
export function registerWadoRoutes(app: FastifyInstance, services: WebServices): void {
  const levels = [`${DICOMWEB}/studies/:study`, `${DICOMWEB}/studies/:study/series/:series`, `${DICOMWEB}/studies/:study/series/:series/instances/:instance`];
  for (const route of levels) {
    app.get<{ Params: Params }>(route, (request, reply) => retrieve(services, request, reply));
    app.get<{ Params: Params }>(`${route}/metadata`, (request, reply) => metadata(services, request, reply));
  }
}
