import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tag, type Disposable } from '@atrium/sdk';
import type { StoredInstance } from '../db/dicom-index.js';
import type { DeidOptions } from '../deid/deid-options.js';
import { deidentifyAsync } from '../deid/deidentify-async.js';
import { loadOrCreateKey } from '../deid/key-file.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import type { JobHandlerContext } from '../jobs/job-runner.js';
import type { Job } from '../jobs/job.js';
import type { DeidJobResult } from './api-types.js';
import type { WebServices } from './web-services.js';

/** Job type of a de-identification into the store. */
export const DEID_STORE_JOB = 'deid.store';

/** The payload of a {@link DEID_STORE_JOB} job: the instances' files (relative to the store), options without the secret. */
export interface DeidStorePayload {
  readonly files: readonly string[];
  readonly options: Omit<DeidOptions, 'secret'>;
}

/** The key of the store's de-identification (`<store>/deid.key`, made once): the same input gives the same UIDs and date shifts each time. */
export function storeDeidSecret(services: WebServices): string {
  return loadOrCreateKey(join(services.workstation.root, 'deid.key')).secret;
}

/** The stored files of the instances to de-identify. */
export function deidFiles(instances: readonly StoredInstance[]): string[] {
  return instances.map((i) => i.file.path);
}

async function run(services: WebServices, job: Job<DeidStorePayload>, ctx: JobHandlerContext): Promise<DeidJobResult> {
  const secret = storeDeidSecret(services);
  const { store, files } = services.workstation;
  const studies = new Set<string>();
  const problems: { input: string; code: string; reason: string }[] = [];
  const series = new Set<string>();
  let written = 0;
  for (const [n, path] of job.payload.files.entries()) {
    if (ctx.signal.aborted) break;
    try {
      const source = parseDicom(new Uint8Array(await readFile(files.absolute(path))));
      const { file } = await deidentifyAsync(source, { ...job.payload.options, secret });
      if (file.dataset.string(Tag.SOPInstanceUID) === source.dataset.string(Tag.SOPInstanceUID)) {
        problems.push({ input: path, code: 'ATRIUM_ERR_WEB_DEID_RETAIN_UIDS', reason: 'the de-identified copy kept the SOP Instance UID: stored here it would replace its original; not stored' });
        continue;
      }
      const outcome = store.receive(writePart10(file), `deid: ${path}`);
      if ('code' in outcome) problems.push({ input: path, code: outcome.code, reason: outcome.reason });
      else {
        written++;
        studies.add(outcome.StudyInstanceUID);
        series.add(outcome.SeriesInstanceUID);
      }
    } catch (e) {
      problems.push({ input: path, code: isAtriumError(e) ? e.code : 'ATRIUM_ERR_DEID_FAILED', reason: (e as Error).message });
    }
    ctx.progress((n + 1) / job.payload.files.length, `${n + 1} of ${job.payload.files.length}`);
  }
  store.completeSeries(series);
  return { written, refused: problems.length, studies: [...studies], problems };
}

/**
 * Registers the `deid.store` job handler: each input instance de-identified (PS3.15 Annex E
 * with the request's options, or the GCA-9300R preset; `deidentifyAsync`) with the store's
 * key, and the result stored through the receive path beside the original (its UIDs are
 * new, so nothing of the original is touched or replaced).
 */
export function registerDeidStoreJob(services: WebServices): Disposable {
  return services.runner.register<DeidStorePayload, DeidJobResult>(DEID_STORE_JOB, (job, ctx) => run(services, job, ctx));
}
