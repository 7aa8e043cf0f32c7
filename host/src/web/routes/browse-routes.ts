import type { FastifyInstance } from 'fastify';
import { query, type QueryResult } from '../../db/query-engine.js';
import type { QueryLevel } from '../../db/query-keys.js';
import type { InstanceSummary, Page, PatientSummary, SeriesDetail, SeriesSummary, StudyDetail, StudySummary } from '../api-types.js';
import { listQuery, type Paging } from '../list-query.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** The attributes each list returns (Universal Matching keys, PS3.4 §C.2.2.2.3). */
export const RETURN_KEYS: Readonly<Record<'PATIENT' | 'STUDY' | 'SERIES' | 'IMAGE', readonly string[]>> = {
  PATIENT: ['PatientID', 'PatientName', 'PatientBirthDate', 'PatientSex', 'NumberOfPatientRelatedStudies', 'NumberOfPatientRelatedSeries', 'NumberOfPatientRelatedInstances'],
  STUDY: ['PatientID', 'PatientName', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'StudyID', 'AccessionNumber', 'StudyDescription', 'ReferringPhysicianName', 'ModalitiesInStudy', 'NumberOfStudyRelatedSeries', 'NumberOfStudyRelatedInstances'],
  SERIES: ['StudyInstanceUID', 'Modality', 'SeriesNumber', 'SeriesDescription', 'SeriesDate', 'SeriesTime', 'BodyPartExamined', 'Manufacturer', 'NumberOfSeriesRelatedInstances'],
  IMAGE: ['SOPClassUID', 'InstanceNumber', 'Rows', 'Columns', 'NumberOfFrames', 'TransferSyntaxUID'],
};

/** A query row without its empty values, as the API answers it. */
function defined<T>(row: QueryResult): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/** One page of a level: asks for one more row than the page to know whether more match. */
function page<T>(services: WebServices, level: QueryLevel, keys: Record<string, string>, paging: Paging): Page<T> {
  const wanted = Object.fromEntries(RETURN_KEYS[level].map((k) => [k, undefined]));
  const rows = query(services.workstation.index, level, { ...wanted, ...keys }, { limit: paging.limit + 1, offset: paging.offset, ...(level === 'PATIENT' ? { model: 'PATIENT' } : {}) });
  return { items: rows.slice(0, paging.limit).map((r) => defined<T>(r)), offset: paging.offset, limit: paging.limit, more: rows.length > paging.limit };
}

function seriesSummary(services: WebServices, row: QueryResult): SeriesSummary {
  const uid = String(row.SeriesInstanceUID);
  const source = services.workstation.index.seriesSource(uid);
  return { ...defined<SeriesSummary>(row), ...(source ? { source } : {}), thumbnailUrl: `/api/series/${uid}/thumbnail` };
}

function studyOf(services: WebServices, StudyInstanceUID: string): StudySummary {
  const [study] = page<StudySummary>(services, 'STUDY', { StudyInstanceUID }, { limit: 1, offset: 0 }).items;
  if (!study) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `study ${StudyInstanceUID} is not stored here`, { StudyInstanceUID });
  return study;
}

/** The browsing routes: patients, studies, a study with its series, a series with its instances. */
export function registerBrowseRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/api/patients', async (request): Promise<Page<PatientSummary>> => {
    const { keys, paging } = listQuery('PATIENT', request.query);
    return page(services, 'PATIENT', keys, paging);
  });

  app.get('/api/studies', async (request): Promise<Page<StudySummary>> => {
    const { keys, paging } = listQuery('STUDY', request.query);
    return page(services, 'STUDY', keys, paging);
  });

  app.get<{ Params: { study: string } }>('/api/studies/:study', async (request): Promise<StudyDetail> => {
    const StudyInstanceUID = checkUid('study', request.params.study);
    const study = studyOf(services, StudyInstanceUID);
    const wanted = Object.fromEntries(RETURN_KEYS.SERIES.map((k) => [k, undefined]));
    const series = query(services.workstation.index, 'SERIES', { ...wanted, StudyInstanceUID }).map((r) => seriesSummary(services, r));
    return { study, series };
  });

  app.get<{ Params: { series: string } }>('/api/series/:series', async (request): Promise<SeriesDetail> => {
    const SeriesInstanceUID = checkUid('series', request.params.series);
    const wanted = Object.fromEntries(RETURN_KEYS.SERIES.map((k) => [k, undefined]));
    const [row] = query(services.workstation.index, 'SERIES', { ...wanted, SeriesInstanceUID });
    if (!row) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `series ${SeriesInstanceUID} is not stored here`, { SeriesInstanceUID });
    const series = seriesSummary(services, row);
    const wantedImage = Object.fromEntries(RETURN_KEYS.IMAGE.map((k) => [k, undefined]));
    const instances = query(services.workstation.index, 'IMAGE', { ...wantedImage, SeriesInstanceUID }).map((r) => {
      const summary = defined<InstanceSummary>(r);
      const stored = services.workstation.index.getInstance(SeriesInstanceUID, summary.SOPInstanceUID);
      const warnings = stored?.warnings?.map((w) => ({ code: w.code, message: w.message }));
      return { ...summary, ...(warnings?.length ? { warnings } : {}) };
    });
    return { series, study: studyOf(services, series.StudyInstanceUID), instances };
  });
}
