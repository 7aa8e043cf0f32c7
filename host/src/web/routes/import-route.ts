import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { ImportItem, ImportResponse } from '../api-types.js';
import { parseMediaType } from '../media-type.js';
import { spoolMultipart, type SpooledPart } from '../multipart-reader.js';
import { boundaryOf, uploadBody } from '../raw-body.js';
import { receivePart } from '../upload-receiver.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { tempFileName } from '../../core/temp-file-name.js';

/** The file name of a form-data part (`Content-Disposition: form-data; name="file"; filename="x.dcm"`), else `part <n>`. */
function partName(part: SpooledPart, n: number): string {
  const disposition = part.headers['content-disposition'];
  const filename = disposition === undefined ? undefined : parseMediaType(`x/x; ${disposition.replace(/^[^;]*;?/, '')}`).params.filename;
  return (filename ?? `part ${n}`).replace(/[\r\n]/g, ' ').slice(0, 255);
}

/** A single-file body (`application/dicom`, `application/octet-stream`) spooled as one part. */
async function spoolWhole(stream: Readable, dir: string): Promise<SpooledPart> {
  const path = join(dir, tempFileName());
  const handle = await open(path, 'w');
  let size = 0;
  try {
    for await (const chunk of stream) {
      await handle.write(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } finally {
    await handle.close();
  }
  return { headers: {}, path, size, incomplete: false };
}

/**
 * `POST /api/import`: upload files (drag and drop in the UI). Each through the store's
 * receive path; the answer names every file, refused ones with the code and reason.
 */
export function registerImportRoute(app: FastifyInstance, services: WebServices): void {
  app.post('/api/import', async (request, reply): Promise<ImportResponse> => {
    const { stream, contentType } = uploadBody(request);
    const source = (name: string): string => `upload from ${request.ip}: ${name}`;
    const items: ImportItem[] = [];
    const receive = async (part: SpooledPart, name: string): Promise<void> => {
      const { outcome } = await receivePart(services, part, source(name));
      items.push('code' in outcome
        ? { name, status: outcome.status, code: outcome.code, reason: outcome.reason, ...(outcome.SOPInstanceUID ? { SOPInstanceUID: outcome.SOPInstanceUID } : {}) }
        : { name, status: outcome.status, StudyInstanceUID: outcome.StudyInstanceUID, SeriesInstanceUID: outcome.SeriesInstanceUID, SOPInstanceUID: outcome.SOPInstanceUID, SOPClassUID: outcome.SOPClassUID, ...(outcome.warnings?.length ? { warnings: outcome.warnings.map((w) => ({ code: w.code, message: w.message })) } : {}) });
    };
    const tmp = services.workstation.files.tmpDir;
    if (contentType.type === 'multipart/form-data' || contentType.type === 'multipart/related') {
      let n = 0;
      await spoolMultipart(stream, boundaryOf(contentType), tmp, {}, async (part) => {
        n++;
        // Form fields that are not files (no filename) are not objects to store.
        if (contentType.type === 'multipart/form-data' && !/filename=/i.test(part.headers['content-disposition'] ?? 'filename=')) return rm(part.path, { force: true });
        await receive(part, partName(part, n));
      });
    } else if (contentType.type === 'application/dicom' || contentType.type === 'application/octet-stream') {
      const name = typeof request.headers['x-file-name'] === 'string' ? decodeURIComponent(request.headers['x-file-name']).slice(0, 255) : 'upload';
      await receive(await spoolWhole(stream, tmp), name);
    } else {
      throw webError('ATRIUM_ERR_WEB_MEDIA_TYPE', `upload files as multipart/form-data, or one file as application/dicom, not ${contentType.type}`, { contentType: contentType.type });
    }
    services.workstation.store.completeSeries(items.flatMap((i) => ('SeriesInstanceUID' in i ? [i.SeriesInstanceUID] : [])));
    const refused = items.filter((i) => 'code' in i).length;
    reply.code(refused > 0 ? 409 : 200);
    return { items, stored: items.length - refused, refused };
  });
}
