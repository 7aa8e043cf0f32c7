import { TransferSyntax } from '@atrium/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { concatBytes } from '../../io/concat-bytes.js';
import type { DataElement } from '../../io/data-element.js';
import type { DataSet } from '../../io/data-set.js';
import { binaryValueSize } from '../../io/vr.js';
import { multipartStream, newBoundary } from '../multipart-writer.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { DICOMWEB } from './dicomweb-urls.js';
import { readStored } from './read-stored.js';
import { resourcePath, storedInstances } from './stored-instances.js';

type Params = { study: string; series: string; instance: string; '*': string };

/** The element a bulk data path names: `7FE00010`, or `00540016/0/00181074` through sequence items. */
function elementAt(ds: DataSet, path: string): { element: DataElement; dataset: DataSet } {
  const segments = path.split('/');
  const bad = (): Error => webError('ATRIUM_ERR_WEB_NOT_FOUND', `no bulk data at ${path.slice(0, 100)}`, { path: path.slice(0, 100) });
  if (segments.length % 2 !== 1 || segments.length > 31) throw bad();
  let dataset = ds;
  for (let i = 0; ; i += 2) {
    if (!/^[0-9A-Fa-f]{8}$/.test(segments[i]!)) throw bad();
    const element = dataset.get(parseInt(segments[i]!, 16));
    if (!element) throw bad();
    if (i === segments.length - 1) return { element, dataset };
    const item = /^\d{1,6}$/.test(segments[i + 1]!) ? element.items?.[Number(segments[i + 1])] : undefined;
    if (!item) throw bad();
    dataset = item.dataset;
  }
}

async function bulkdata(services: WebServices, request: FastifyRequest<{ Params: Params }>, reply: FastifyReply): Promise<FastifyReply> {
  const path = resourcePath(request.params);
  const [instance] = storedInstances(services, path);
  const file = await readStored(services, instance!);
  const { element, dataset } = elementAt(file.dataset, request.params['*']);
  let bytes: Uint8Array;
  let syntax: string = TransferSyntax.ExplicitVRLittleEndian;
  if (element.encapsulated) {
    bytes = concatBytes(element.encapsulated.fragments);
    syntax = file.transferSyntax.uid;
  } else if (element.items) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', 'a sequence has no bulk data of its own', {});
  else {
    bytes = element.value;
    const size = element.vr === 'OB' || element.vr === 'UN' ? 1 : (binaryValueSize(element.vr) ?? 1);
    if (!dataset.encoding.littleEndian && size > 1) {
      bytes = new Uint8Array(bytes);
      for (let i = 0; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
    }
  }
  const boundary = newBoundary();
  reply.type(`multipart/related; type="application/octet-stream"; boundary=${boundary}`);
  return reply.send(multipartStream([{ contentType: `application/octet-stream; transfer-syntax=${syntax}`, body: () => bytes }], boundary));
}

/** WADO-RS bulk data (PS3.18 §10.4.1.1.4): the values metadata gives as BulkDataURI, little endian. */
export function registerBulkdataRoute(app: FastifyInstance, services: WebServices): void {
  app.get<{ Params: Params }>(`${DICOMWEB}/studies/:study/series/:series/instances/:instance/bulkdata/*`, (request, reply) => bulkdata(services, request, reply));
}
