import type { DeidentifyOutcome, DeidentifyRequest } from '@atrium/sdk';
import { SdkError, Tag } from '@atrium/sdk';
import { resolve } from 'node:path';
import { deidentifyAsync } from '../deid/index.js';
import { loadOrCreateKey } from '../deid/key-file.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { writePart10 } from '../io/write-part10.js';
import type { DerivedIdentity, WrittenObject } from './app-worker-protocol.js';
import type { SourceInstanceImpl } from './source-instance-impl.js';

/** `ref.output` of every de-identified object (it has no output definition: it keeps its IOD). */
export const DEIDENTIFIED_OUTPUT = 'deidentified';

/**
 * Engine errors that refuse one object and leave the others to go on: pixels that may show
 * identity (or cannot be cleaned), (with a patient map) an unmapped patient, an object without a
 * usable identity or damaged. Every other error stops the run.
 */
const REFUSALS = new Set(['ATRIUM_ERR_DEID_BURNED_IN', 'ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED', 'ATRIUM_ERR_DEID_UNMAPPED_PATIENT', 'ATRIUM_ERR_DEID_IDENTITY', 'ATRIUM_ERR_DEID_MALFORMED']);

/** What the worker gives the de-identifier: the run's instances and the store of the main thread. */
export interface DeidentifyDeps {
  readonly instances: ReadonlyMap<string, SourceInstanceImpl>;
  readonly store: (bytes: Uint8Array, output: string, info: DerivedIdentity) => Promise<WrittenObject>;
  /** The organisation UID root (`atrium config set uidRoot`): the copies' Implementation Class UID is made under it. */
  readonly uidRoot?: string;
}

/**
 * The host side of the SDK's `ctx.derive.deidentify` (worker thread): run the PS3.15 engine
 * (`host/src/deid`) on a source instance of the run and store the result through the main
 * thread's store path. Refusals of the engine become a `refused` outcome. The Retain UIDs Option
 * is refused for the whole run: its copies would carry the originals' UIDs into the store that
 * holds the originals (and the store path would refuse them: checkDerivedTarget).
 *
 * @throws SdkError ATRIUM_ERR_APP_SOURCE (not an instance of the run), ATRIUM_ERR_PARAM_INVALID
 *   (empty secret), ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE, the engine's other errors (e.g.
 *   ATRIUM_ERR_DEID_UID_ROOT), ATRIUM_ERR_APP_STORE, ATRIUM_ERR_APP_STORE_ORIGINAL.
 */
export function deidentifyInstance(deps: DeidentifyDeps): (request: DeidentifyRequest) => Promise<DeidentifyOutcome> {
  return async (request) => {
    const sopInstanceUID = request.source.sopInstanceUID;
    const impl = deps.instances.get(sopInstanceUID);
    if (!impl) throw new SdkError('ATRIUM_ERR_APP_SOURCE', `source ${sopInstanceUID} is not an instance of the run's input`);
    if (request.options?.includes('retainUIDs')) {
      throw new SdkError('ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE', `Retain UIDs keeps the original UIDs: the de-identified copies would replace the originals in this store. De-identify into a folder instead: atrium deid --where StudyInstanceUID=${impl.file.dataset.string(Tag.StudyInstanceUID) ?? '<uid>'} --option retain-uids --out <folder>`, { option: 'retainUIDs' });
    }
    const secret = request.keyFile ? keyFrom(request.keyFile) : request.secret;
    if (typeof secret !== 'string' || secret === '') {
      throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'de-identification needs a key file or a non-empty secret (the key of the UID replacement)', { parameter: 'keyFile' });
    }
    let result: Awaited<ReturnType<typeof deidentifyAsync>>;
    try {
      // Async: a compressed image with a pixel mask is decoded before its regions are cleaned.
      result = await deidentifyAsync(impl.file, {
        secret,
        ...(request.uidRoot !== undefined ? { uidRoot: request.uidRoot } : {}),
        ...(deps.uidRoot !== undefined ? { implementationUidRoot: deps.uidRoot } : {}),
        ...(request.options ? { options: request.options } : {}),
        ...(request.replacements ? { replacements: request.replacements } : {}),
        ...(request.dateShiftDays !== undefined ? { dateShiftDays: request.dateShiftDays } : {}),
        ...(request.pixelMaskRegions ? { pixelMaskRegions: request.pixelMaskRegions } : {}),
      });
    } catch (e) {
      if (isAtriumError(e) && REFUSALS.has(e.code)) return { status: 'refused', sopInstanceUID, code: e.code, reason: e.message };
      throw e;
    }
    const ds = result.file.dataset;
    const info: DerivedIdentity = {
      StudyInstanceUID: ds.string(Tag.StudyInstanceUID) ?? '',
      SeriesInstanceUID: ds.string(Tag.SeriesInstanceUID) ?? '',
      SOPInstanceUID: ds.string(Tag.SOPInstanceUID) ?? '',
      SOPClassUID: ds.string(Tag.SOPClassUID) ?? '',
    };
    const stored = await deps.store(writePart10(result.file), DEIDENTIFIED_OUTPUT, info);
    const { counts, actions, uidsMapped, dateShiftDays, notes } = result.report;
    return {
      status: 'written',
      ref: { output: DEIDENTIFIED_OUTPUT, studyInstanceUID: stored.studyInstanceUID, seriesInstanceUID: stored.seriesInstanceUID, sopInstanceUID: stored.sopInstanceUID },
      report: { counts, actions, uidsReplaced: uidsMapped.size, dateShiftDays, notes },
    };
  };
}

const keys = new Map<string, string>();

/** The key in a key file (created when absent), read once per path and process. */
function keyFrom(path: string): string {
  const abs = resolve(path);
  let key = keys.get(abs);
  if (key === undefined) {
    key = loadOrCreateKey(abs).secret;
    keys.set(abs, key);
  }
  return key;
}
