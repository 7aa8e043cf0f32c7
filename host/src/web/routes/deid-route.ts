import type { FastifyInstance } from 'fastify';
import { dar9500fRoots } from '../../deid/dar-9500f-preset.js';
import { DEID_PRESETS, REPLACEABLE, type DeidOptions, type DeidPreset, type Replacements } from '../../deid/deid-options.js';
import { optionByName } from '../../deid/deid-option-names.js';
import { checkUserValues } from '../../deid/user-values.js';
import type { JobSummary } from '../api-types.js';
import { DEID_STORE_JOB, deidFiles, type DeidStorePayload } from '../deid-store-job.js';
import { jobSummary } from '../job-summary.js';
import { jsonBody, stringListField } from '../json-body.js';
import { storedUid } from '../stored-uid.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** The options of a `POST /api/deidentify` body, checked before a job exists. */
function deidOptions(body: Record<string, unknown>, uidRoot: string): Omit<DeidOptions, 'secret'> {
  const names = body.options === undefined ? [] : stringListField(body, 'options');
  const options = names.map((name) => {
    const option = optionByName(name);
    if (!option) throw webError('ATRIUM_ERR_WEB_BAD_BODY', `options: "${name}" is not a de-identification option (atrium deid --help lists them)`, { field: 'options', value: name });
    return option;
  });
  // The copy is stored beside its original: with the original UIDs it would replace it.
  if (options.includes('retainUIDs')) throw webError('ATRIUM_ERR_WEB_DEID_RETAIN_UIDS', 'retain-uids cannot be used here: the de-identified copies are stored beside the originals, and with the same UIDs they would replace them (use atrium deid --out for that)', { option: 'retain-uids' });
  const preset = body.preset as DeidPreset | undefined;
  if (preset !== undefined && !DEID_PRESETS.includes(preset)) throw webError('ATRIUM_ERR_WEB_BAD_BODY', `preset must be ${DEID_PRESETS.join(' or ')}`, { field: 'preset' });
  if (preset === 'gca-9300r' && options.length > 0) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'the gca-9300r preset cannot be combined with options', { field: 'preset' });
  // dar-9500f: the Basic Profile with the store's uidRoot (SOP Instance UIDs under <root>.66); refused without one.
  if (preset === 'dar-9500f') dar9500fRoots(uidRoot);
  const set = body.set ?? {};
  if (typeof set !== 'object' || set === null || Array.isArray(set) || Object.values(set).some((v) => typeof v !== 'string')) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'set must be an object of keyword → string value', { field: 'set' });
  const unknown = Object.keys(set).find((k) => !Object.hasOwn(REPLACEABLE, k));
  if (unknown !== undefined) throw webError('ATRIUM_ERR_DEID_USER_VALUE', `set: ${unknown} cannot be given a value; these can: ${Object.keys(REPLACEABLE).join(', ')}`, { keyword: unknown });
  const replacements = set as Replacements;
  checkUserValues(replacements);
  // The copies' File Meta Information names Atrium under the same root, whatever the preset.
  return { options, implementationUidRoot: uidRoot, ...(Object.keys(replacements).length > 0 ? { replacements } : {}), ...(preset ? { preset } : {}), ...(preset === 'dar-9500f' ? { uidRoot } : {}) };
}

/** `POST /api/deidentify`: de-identified copies of stored studies / series / instances, stored here, as a job. */
export function registerDeidRoute(app: FastifyInstance, services: WebServices): void {
  app.post('/api/deidentify', async (request, reply): Promise<JobSummary> => {
    const body = jsonBody(request);
    const uids = stringListField(body, 'uids');
    const files = [...new Set(uids.flatMap((uid, i) => deidFiles(storedUid(services, `uids[${i}]`, uid).instances)))];
    const options = deidOptions(body, services.uidRoot());
    const payload: DeidStorePayload = { files, options };
    reply.code(202);
    return jobSummary(services.queue.enqueue({ type: DEID_STORE_JOB, payload, label: `de-identify ${uids.length === 1 ? uids[0] : `${uids.length} UIDs`} into the store`, maxAttempts: 1 }));
  });
}
