import { Tag } from '@atrium/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StoreStatus } from '../../errors/dimse-statuses.js';
import { CommandTag } from '../../net/dimse/command-tags.generated.js';
import { storeStatus } from '../../net/services/store-service.js';
import type { StoreOutcome } from '../../store/store-outcome.js';
import { parseMediaType } from '../media-type.js';
import { spoolMultipart } from '../multipart-reader.js';
import { boundaryOf, uploadBody } from '../raw-body.js';
import { checkUid } from '../uid-param.js';
import { receivePart } from '../upload-receiver.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { jsonTag, type DicomJsonObject } from './dicom-json.js';
import { DICOMWEB, dicomwebBase, resourceUrl } from './dicomweb-urls.js';

/**
 * The Failure Reason (0008,1197) of a refusal (PS3.18 §10.5.3.3): the C-STORE status of the
 * same outcome, from the error list (a study mismatch: Data Set does not match SOP Class; too
 * large: Out of Resources) — but a UID the store already holds elsewhere is a Processing
 * failure, as dcm4chee-arc answers it, not a fault of the object.
 */
function failureReason(outcome: Extract<StoreOutcome, { code: string }>): number {
  if (outcome.code === 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES' || outcome.code === 'ATRIUM_ERR_INDEX_PATH_IN_USE') return StoreStatus.ProcessingFailure.code;
  return storeStatus(outcome).Status;
}

const ui = (value: string | undefined): DicomJsonObject[string] => (value ? { vr: 'UI', Value: [value] } : { vr: 'UI' });
const us = (value: number): DicomJsonObject[string] => ({ vr: 'US', Value: [value] });

/** The Store Instances Response Module (PS3.18 §10.5.3.3, Table 10.5.3-3) of the outcomes. */
function stowResponse(outcomes: readonly { outcome: StoreOutcome; sopClass?: string }[], base: string, study: string | undefined): DicomJsonObject {
  const referenced: DicomJsonObject[] = [];
  const failed: DicomJsonObject[] = [];
  for (const { outcome, sopClass } of outcomes) {
    if ('code' in outcome) {
      failed.push({
        [jsonTag(Tag.ReferencedSOPClassUID)]: ui(sopClass),
        [jsonTag(Tag.ReferencedSOPInstanceUID)]: ui(outcome.SOPInstanceUID),
        [jsonTag(Tag.FailureReason)]: us(failureReason(outcome)),
        // Error Comment, a command element (PS3.7 Table E.1-1), added as dcm4chee-arc does so that a
        // client can show why an instance was refused.
        [jsonTag(CommandTag.ErrorComment)]: { vr: 'LO', Value: [`${outcome.code}: ${outcome.reason}`] },
      });
      continue;
    }
    const status = storeStatus(outcome).Status;
    referenced.push({
      [jsonTag(Tag.ReferencedSOPClassUID)]: ui(outcome.SOPClassUID),
      [jsonTag(Tag.ReferencedSOPInstanceUID)]: ui(outcome.SOPInstanceUID),
      [jsonTag(Tag.RetrieveURL)]: { vr: 'UR', Value: [resourceUrl(base, outcome.StudyInstanceUID, outcome.SeriesInstanceUID, outcome.SOPInstanceUID)] },
      ...(status !== 0 ? { [jsonTag(Tag.WarningReason)]: us(status) } : {}),
    });
  }
  const studies = new Set(outcomes.flatMap(({ outcome }) => ('code' in outcome ? [] : [outcome.StudyInstanceUID])));
  const studyUid = study ?? (studies.size === 1 ? [...studies][0] : undefined);
  return {
    ...(studyUid ? { [jsonTag(Tag.RetrieveURL)]: { vr: 'UR', Value: [resourceUrl(base, studyUid)] } } : {}),
    ...(failed.length > 0 ? { [jsonTag(Tag.FailedSOPSequence)]: { vr: 'SQ', Value: failed } } : {}),
    ...(referenced.length > 0 ? { [jsonTag(Tag.ReferencedSOPSequence)]: { vr: 'SQ', Value: referenced } } : {}),
  };
}

async function stow(services: WebServices, request: FastifyRequest<{ Params: { study?: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const study = request.params.study === undefined ? undefined : checkUid('study', request.params.study);
  const { stream, contentType } = uploadBody(request);
  if (contentType.type !== 'multipart/related' || (contentType.params.type !== undefined && contentType.params.type.toLowerCase() !== 'application/dicom')) {
    throw webError('ATRIUM_ERR_WEB_MEDIA_TYPE', `STOW-RS takes multipart/related; type="application/dicom", not ${String(request.headers['content-type']).slice(0, 100)}`, { contentType: request.headers['content-type'] });
  }
  const source = `STOW-RS from ${request.ip}`;
  const outcomes: { outcome: StoreOutcome; sopClass?: string }[] = [];
  await spoolMultipart(stream, boundaryOf(contentType), services.workstation.files.tmpDir, {}, async (part) => {
    const declared = part.headers['content-type'];
    const type = declared === undefined ? 'application/dicom' : parseMediaType(declared).type;
    const { outcome, SOPClassUID } = await receivePart(services, part, source, { ...(study ? { study } : {}), ...(type !== 'application/dicom' ? { wrongType: type } : {}) });
    outcomes.push({ outcome, ...(SOPClassUID ? { sopClass: SOPClassUID } : {}) });
  });
  services.workstation.store.completeSeries(outcomes.flatMap(({ outcome }) => ('code' in outcome ? [] : [outcome.SeriesInstanceUID])));
  const failed = outcomes.filter(({ outcome }) => 'code' in outcome).length;
  const warned = outcomes.some(({ outcome }) => !('code' in outcome) && outcome.warnings?.length);
  // PS3.18 §10.5.3.2: 200 all stored, 202 some failed or stored with warnings, 409 none stored.
  const status = failed === outcomes.length ? 409 : failed > 0 || warned ? 202 : 200;
  return reply.code(status).type('application/dicom+json').send(stowResponse(outcomes, dicomwebBase(request), study));
}

/** STOW-RS (PS3.18 §10.5): multipart/related uploads, streamed to disk, each instance through the store's receive path. */
export function registerStowRoute(app: FastifyInstance, services: WebServices): void {
  app.post<{ Params: { study?: string } }>(`${DICOMWEB}/studies`, (request, reply) => stow(services, request, reply));
  app.post<{ Params: { study?: string } }>(`${DICOMWEB}/studies/:study`, (request, reply) => stow(services, request, reply));
}
