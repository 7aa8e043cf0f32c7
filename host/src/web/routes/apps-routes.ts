import { validateParameters, type ParameterSchema } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { APP_RUN_JOB } from '../../apps/app-run-handler.js';
import { query } from '../../db/query-engine.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import type { AppEntry } from '../../plugins/plugin-registry.js';
import type { AppSummary, JobSummary, ParameterSpecJson } from '../api-types.js';
import { jobSummary } from '../job-summary.js';
import { jsonBody } from '../json-body.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** What the index says of a series, for the apps' input selectors. */
interface SeriesFacts {
  readonly modality?: string;
  readonly instances: number;
  readonly sopClasses: readonly string[];
}

function seriesFacts(services: WebServices, SeriesInstanceUID: string): SeriesFacts {
  const [row] = query(services.workstation.index, 'SERIES', { SeriesInstanceUID, Modality: undefined, NumberOfSeriesRelatedInstances: undefined });
  if (!row) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `series ${SeriesInstanceUID} is not stored here`, { SeriesInstanceUID });
  const sopClasses = [...new Set(query(services.workstation.index, 'IMAGE', { SeriesInstanceUID, SOPClassUID: undefined }).map((r) => String(r.SOPClassUID)))];
  return { ...(row.Modality ? { modality: String(row.Modality) } : {}), instances: Number(row.NumberOfSeriesRelatedInstances ?? 0), sopClasses };
}

/**
 * Why an app does not accept a series, from the index: modality, SOP classes, number of
 * instances (the attribute predicates of `where` are checked on every instance when the app
 * runs). Undefined when it accepts it.
 */
function notAccepted(app: AppEntry, facts: SeriesFacts): string | undefined {
  const { modality, sopClassUid, minInstances } = app.input;
  if (modality && !modality.includes(facts.modality ?? '')) return `the series is ${facts.modality ?? 'without Modality'}; the app takes ${modality.join(' or ')}`;
  const foreign = sopClassUid ? facts.sopClasses.find((c) => !sopClassUid.includes(c)) : undefined;
  if (foreign !== undefined) return `the series holds SOP Class ${foreign}, which the app does not take`;
  if (facts.instances < (minInstances ?? 1)) return `the series has ${facts.instances} instance(s); the app needs at least ${minInstances ?? 1}`;
  return undefined;
}

async function appSummary(services: WebServices, app: AppEntry, facts: SeriesFacts | undefined): Promise<AppSummary> {
  let parameters: ParameterSchema = {};
  let problem: AppSummary['problem'];
  try {
    parameters = (await services.registry.loadApp(app.qualifiedId)).definition.parameters;
  } catch (e) {
    problem = { code: isAtriumError(e) ? e.code : 'ATRIUM_ERR_PLUGIN_LOAD', message: (e as Error).message };
  }
  const why = facts ? notAccepted(app, facts) : undefined;
  return {
    id: app.qualifiedId, pluginId: app.pluginId, pluginVersion: app.pluginVersion, appId: app.appId, title: app.title,
    ...(app.description ? { description: app.description } : {}),
    input: app.input,
    parameters: parameters as Record<string, ParameterSpecJson>,
    ...(facts ? { accepts: why === undefined && problem === undefined, ...(why ? { notAccepted: why } : {}) } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** Apps: the installed ones with their parameter schemas (and whether they take a series); a run as a job. */
export function registerAppsRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/api/apps', async (request): Promise<AppSummary[]> => {
    const series = (request.query as Record<string, unknown>).series;
    const facts = series === undefined ? undefined : seriesFacts(services, checkUid('series', series));
    return Promise.all(services.registry.apps().map((a) => appSummary(services, a, facts)));
  });

  app.post<{ Params: { app: string } }>('/api/apps/:app/run', async (request, reply): Promise<JobSummary> => {
    const body = jsonBody(request);
    const { app: entry, definition } = await services.registry.loadApp(request.params.app);
    const series = body.seriesInstanceUID === undefined ? undefined : checkUid('seriesInstanceUID', body.seriesInstanceUID);
    const study = body.studyInstanceUID === undefined ? undefined : checkUid('studyInstanceUID', body.studyInstanceUID);
    if ((series === undefined) === (study === undefined)) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'give seriesInstanceUID or studyInstanceUID (one of them)', {});
    const params = body.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'params must be an object of parameter values', { field: 'params' });
    // The calcium app's seeds (and any string parameter) may come as JSON values: pass them as JSON text.
    const raw = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' && v !== null && definition.parameters[k]?.type === 'string' ? JSON.stringify(v) : v]));
    validateParameters(definition.parameters, raw); // bad parameters: a coded 400 before any job exists
    if (series !== undefined) {
      const why = notAccepted(entry, seriesFacts(services, series));
      if (why) throw webError('ATRIUM_ERR_WEB_APP_INPUT', `${entry.qualifiedId} does not take this series: ${why}`, { app: entry.qualifiedId, seriesInstanceUID: series });
    } else if (query(services.workstation.index, 'STUDY', { StudyInstanceUID: study! }, { limit: 1 }).length === 0) {
      throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `study ${study} is not stored here`, { StudyInstanceUID: study });
    }
    const input = series !== undefined ? { seriesInstanceUID: series } : { studyInstanceUID: study! };
    const job = services.queue.enqueue({ type: APP_RUN_JOB, payload: { app: entry.qualifiedId, ...input, params: raw }, label: `${entry.qualifiedId} on ${series ?? `study ${study}`}`, maxAttempts: 1 });
    reply.code(202);
    return jobSummary(job);
  });
}
