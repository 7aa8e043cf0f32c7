import { lookupKeyword, lookupTag, Tag } from '@atrium/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkQueryKeys, matchableKeys } from '../../db/check-query-keys.js';
import { query } from '../../db/query-engine.js';
import { LEVEL_DEPTH, QUERY_KEYS } from '../../db/query-keys.js';
import { queryInteger } from '../list-query.js';
import { parseAccept, typeMatches } from '../media-type.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';
import { jsonTag, type DicomJsonObject } from './dicom-json.js';
import { DICOMWEB, dicomwebBase, resourceUrl } from './dicomweb-urls.js';
import { qidoMatchJson } from './qido-json.js';

/** Default return keys of each level (PS3.18 Tables 10.6.3-3 to 10.6.3-5, as far as the index holds them). */
const DEFAULT_KEYS: Readonly<Record<'STUDY' | 'SERIES' | 'IMAGE', readonly string[]>> = {
  STUDY: ['StudyDate', 'StudyTime', 'AccessionNumber', 'ModalitiesInStudy', 'ReferringPhysicianName', 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyID', 'StudyDescription', 'NumberOfStudyRelatedSeries', 'NumberOfStudyRelatedInstances'],
  SERIES: ['Modality', 'SeriesDescription', 'SeriesInstanceUID', 'SeriesNumber', 'SeriesDate', 'SeriesTime', 'BodyPartExamined', 'NumberOfSeriesRelatedInstances'],
  IMAGE: ['SOPClassUID', 'SOPInstanceUID', 'InstanceNumber', 'Rows', 'Columns', 'BitsAllocated', 'NumberOfFrames'],
};

/** Most matches one QIDO-RS answer holds; past it the Warning header says more can be requested. */
export const QIDO_MAX_RESULTS = 1000;

/** The keyword of a QIDO query parameter name: a keyword, or a tag as 8 hex digits (PS3.18 §8.3.4.1). */
function keywordOf(name: string): string {
  if (/^[0-9A-Fa-f]{8}$/.test(name)) {
    const keyword = lookupTag(parseInt(name, 16))?.keyword;
    if (keyword) return keyword;
  }
  if (name.includes('.')) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `${name}: matching on attributes inside sequences is not supported`, { parameter: name });
  return name;
}

interface QidoRequest {
  readonly keys: Record<string, string | undefined>;
  readonly limit: number;
  readonly offset: number;
  readonly warnings: string[];
}

/**
 * The query of a QIDO-RS request (PS3.18 §8.3.4): matching keys by keyword or tag with the
 * C-FIND matching of the query engine (wildcards, ranges, UID lists), checked as the CLI
 * checks them (a misspelt key or a key of a lower level is 400, with the closest name); an
 * attribute of the dictionary that the index does not hold is not matched, and said in a
 * Warning; an empty value only asks for the attribute. `includefield` (keywords or tags,
 * comma-separated or repeated; `all`), `limit` (≤ 1000) and `offset`; `fuzzymatching=true`
 * gets literal matching and the Warning of PS3.18 §8.3.4.6.
 */
function qidoRequest(level: 'STUDY' | 'SERIES' | 'IMAGE', raw: Record<string, unknown>, scope: Record<string, string>, scoped: boolean): QidoRequest {
  const warnings: string[] = [];
  const keys: Record<string, string | undefined> = {};
  const add = (keyword: string): void => {
    if (!(keyword in keys)) keys[keyword] = undefined;
  };
  // Without a study in the path, series and instance answers carry the study's attributes too (Table 10.6.3-3 notes).
  for (const l of ['STUDY', 'SERIES', 'IMAGE'] as const) if (LEVEL_DEPTH[l] <= LEVEL_DEPTH[level] && (l === level || !scoped)) DEFAULT_KEYS[l].forEach(add);
  const matching: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (['limit', 'offset', 'access_token'].includes(name)) continue;
    const list = (Array.isArray(value) ? value : [value]).map(String);
    if (name === 'includefield') {
      for (const field of list.flatMap((v) => v.split(','))) {
        if (field === 'all') matchableKeys(level).concat(DEFAULT_KEYS[level]).forEach((k) => QUERY_KEYS[k] && add(k));
        else {
          const keyword = keywordOf(field.trim());
          if (!lookupKeyword(keyword)) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `includefield: "${field}" is not a DICOM keyword or tag`, { parameter: 'includefield', value: field });
          add(keyword);
        }
      }
      continue;
    }
    if (name === 'fuzzymatching') {
      if (list.some((v) => v === 'true')) warnings.push('299 atrium: "The fuzzymatching parameter is not supported. Only literal matching has been performed."');
      continue;
    }
    if (list.length > 1) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `${name} is given more than once; give a list as one value separated by \\`, { parameter: name });
    const keyword = keywordOf(name);
    if (list[0] === '') add(keyword);
    else if (!Object.hasOwn(QUERY_KEYS, keyword) && lookupKeyword(keyword)) {
      add(keyword);
      warnings.push(`299 atrium: "The following attributes are not supported for matching and were ignored: ${keyword}"`);
    } else matching[keyword] = list[0]!;
  }
  checkQueryKeys(level, matching);
  for (const [k, v] of Object.entries(scope)) {
    if (k in matching && matching[k] !== v) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `${k} is given in the path and as a different query parameter`, { parameter: k });
  }
  return {
    keys: { ...keys, ...matching, ...scope },
    limit: queryInteger('limit', raw.limit, QIDO_MAX_RESULTS, 1, QIDO_MAX_RESULTS),
    offset: queryInteger('offset', raw.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    warnings,
  };
}

/** Answer a QIDO-RS search at `level`, restricted by the UIDs of the path. */
function search(services: WebServices, level: 'STUDY' | 'SERIES' | 'IMAGE', request: FastifyRequest, reply: FastifyReply, scope: Record<string, string>): DicomJsonObject[] {
  const accept = parseAccept(request.headers.accept);
  if (!accept.some((m) => ['application/dicom+json', 'application/json'].some((t) => typeMatches(m.type, t)))) {
    throw webError('ATRIUM_ERR_WEB_NOT_ACCEPTABLE', `QIDO-RS answers application/dicom+json only, not ${String(request.headers.accept)}`, { accept: request.headers.accept });
  }
  const q = qidoRequest(level, request.query as Record<string, unknown>, scope, Object.keys(scope).length > 0);
  const rows = query(services.workstation.index, level, q.keys as Record<string, string | undefined>, { limit: q.limit + 1, offset: q.offset });
  if (rows.length > q.limit) q.warnings.push('299 atrium: "There are additional results that can be requested"');
  if (q.warnings.length > 0) reply.header('Warning', q.warnings.join(', '));
  reply.type('application/dicom+json');
  const base = dicomwebBase(request);
  return rows.slice(0, q.limit).map((row) => {
    const url = resourceUrl(base, String(row.StudyInstanceUID), level === 'STUDY' ? undefined : String(row.SeriesInstanceUID), level === 'IMAGE' ? String(row.SOPInstanceUID) : undefined);
    return qidoMatchJson(row, { [jsonTag(Tag.RetrieveURL)]: { vr: 'UR', Value: [url] }, [jsonTag(Tag.InstanceAvailability)]: { vr: 'CS', Value: ['ONLINE'] } });
  });
}

/** QIDO-RS (PS3.18 §10.6): studies, series and instances, over the query engine of C-FIND. */
export function registerQidoRoutes(app: FastifyInstance, services: WebServices): void {
  app.get(`${DICOMWEB}/studies`, async (request, reply) => search(services, 'STUDY', request, reply, {}));
  app.get(`${DICOMWEB}/series`, async (request, reply) => search(services, 'SERIES', request, reply, {}));
  app.get(`${DICOMWEB}/instances`, async (request, reply) => search(services, 'IMAGE', request, reply, {}));
  app.get<{ Params: { study: string } }>(`${DICOMWEB}/studies/:study/series`, async (request, reply) =>
    search(services, 'SERIES', request, reply, { StudyInstanceUID: checkUid('study', request.params.study) }));
  app.get<{ Params: { study: string } }>(`${DICOMWEB}/studies/:study/instances`, async (request, reply) =>
    search(services, 'IMAGE', request, reply, { StudyInstanceUID: checkUid('study', request.params.study) }));
  app.get<{ Params: { study: string; series: string } }>(`${DICOMWEB}/studies/:study/series/:series/instances`, async (request, reply) =>
    search(services, 'IMAGE', request, reply, { StudyInstanceUID: checkUid('study', request.params.study), SeriesInstanceUID: checkUid('series', request.params.series) }));
}
