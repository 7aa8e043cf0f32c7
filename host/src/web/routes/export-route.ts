import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { StoredInstance } from '../../db/dicom-index.js';
import { storedUid } from '../stored-uid.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { zipStream, type ZipEntry } from '../zip-stream.js';

/** `GET /api/export?uid=...`: a zip of the stored files, byte for byte, `<study>/<series>/<sop>.dcm` (the layout of `atrium export`). */
export function registerExportRoute(app: FastifyInstance, services: WebServices): void {
  app.get('/api/export', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    if (q.format !== undefined && q.format !== 'zip') throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `format must be zip, not "${String(q.format).slice(0, 20)}"`, { parameter: 'format' });
    const uids = q.uid === undefined ? [] : Array.isArray(q.uid) ? q.uid : [q.uid];
    if (uids.length === 0) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', 'give the study, series or instance UIDs to export: ?uid=<uid>[&uid=...]', { parameter: 'uid' });
    // Every UID is checked before a byte is sent: a wrong one is a 404, not a cut download.
    const seen = new Set<string>();
    const instances: StoredInstance[] = [];
    uids.forEach((uid, i) => {
      for (const instance of storedUid(services, `uid[${i}]`, uid).instances) {
        if (seen.has(instance.file.path)) continue;
        seen.add(instance.file.path);
        instances.push(instance);
      }
    });
    const entries: ZipEntry[] = instances.map((i) => ({
      name: `${i.study.StudyInstanceUID}/${i.series.SeriesInstanceUID}/${i.instance.SOPInstanceUID}.dcm`,
      size: i.file.size,
      chunks: () => createReadStream(services.workstation.files.absolute(i.file.path)),
    }));
    const name = uids.length === 1 ? String(uids[0]) : `atrium-export-${instances.length}`;
    reply.header('Content-Disposition', `attachment; filename="${name}.zip"`);
    return reply.type('application/zip').send(Readable.from(zipStream(entries)));
  });
}
