import { uidProblem } from '../../io/uid-problem.js';
import { part10Header } from '../../io/wrap-dataset.js';
import type { InstanceStore } from '../../store/instance-store.js';
import type { Refusal } from '../../store/prepare-instance.js';
import type { StoreOutcome } from '../../store/store-outcome.js';
import { CommandField } from '../dimse/dimse-command.js';
import { isAtriumError, listedCode } from '../../errors/atrium-error.js';
import { ERRORS } from '../../errors/codes.js';
import { StoreStatus, type DimseStatus } from '../../errors/dimse-statuses.js';
import type { ScpService } from '../scp/dicom-server.js';
import { STORAGE_SYNTAXES, storageSopClasses } from '../syntaxes.js';

/** Options of {@link storeService}. */
export interface StoreServiceOptions {
  /** The store: its free space check (the `minFreeBytes` setting), its stage and refusal paths. */
  readonly store: Pick<InstanceStore, 'stageSlices' | 'refuse' | 'checkFreeSpace'>;
  /**
   * Answer Success only once the file and its directory are fsync'd (default true; files of
   * several associations completing together are synced as one group, see GroupCommit);
   * false answers once the bytes are written to the OS — as Orthanc's `SyncStorageArea`.
   */
  readonly sync?: boolean;
  /** Called after each C-STORE with what happened (logs, C-GET SCU counters). */
  readonly onStored?: (outcome: StoreOutcome, callingAeTitle: string) => void;
  /**
   * Indexing a written file failed after Success was answered (the file and its intent
   * are kept: the next start's reconcile indexes it). Default: ignored.
   */
  readonly onIndexError?: (error: unknown, path: string) => void;
  /** The organisation UID root (`atrium config set uidRoot`): the Implementation Class UID of the File Meta Information built for each data set. */
  readonly uidRoot?: string;
}

/**
 * The C-STORE status of an object stored with or without validation warnings: Success,
 * or Warning B007 "Data Set does not match SOP Class" (PS3.4 Table B.2-1) with the first
 * warning in Error Comment — stored, as the receive policy `safety` decides.
 */
export function storedStatus(warnings: readonly { code: string; message: string }[] = []): { Status: number; ErrorComment?: string } {
  const first = warnings[0];
  return first ? { Status: StoreStatus.DataSetDoesNotMatchSopClassWarning.code, ErrorComment: `${first.code}: ${first.message}`.slice(0, 64) } : { Status: StoreStatus.Success.code };
}

const STORE_STATUSES: ReadonlySet<DimseStatus> = new Set(Object.values(StoreStatus));

/**
 * The C-STORE status for a store outcome (Canon GCA-9300R conformance statement Table 4-52,
 * PS3.4 Table B.2-1): the C-STORE status the error list maps the refusal's code to (A700 for
 * the store's resources — disk space, object size, parse limits —, A900 for what the object
 * or its request says), C000 (cannot understand) for any other refusal.
 */
export function storeStatus(outcome: StoreOutcome): { Status: number; ErrorComment?: string } {
  if (!('code' in outcome)) return storedStatus(outcome.warnings);
  const mapped = ERRORS[outcome.code].dimse;
  const status = mapped !== undefined && STORE_STATUSES.has(mapped) ? mapped : StoreStatus.CannotUnderstand;
  return { Status: status.code, ErrorComment: `${outcome.code}: ${outcome.reason}`.slice(0, 64) };
}

/**
 * The refusal of a C-STORE request whose Affected SOP Class or Instance UID (PS3.7
 * §9.1.1.1) is empty or not a valid UID: no File Meta Information can be made of it, and
 * no data set can be checked against it. Undefined when both are usable.
 */
export function affectedUidRefusal(SOPClassUID: string, SOPInstanceUID: string): Refusal | undefined {
  const problems = ([['Affected SOP Class UID (0000,0002)', SOPClassUID], ['Affected SOP Instance UID (0000,1000)', SOPInstanceUID]] as const)
    .flatMap(([name, uid]) => {
      const problem = uidProblem(uid);
      return problem ? [`${name} of the C-STORE request ${problem.what}`] : [];
    });
  if (problems.length === 0) return undefined;
  const details = { AffectedSOPClassUID: SOPClassUID, AffectedSOPInstanceUID: SOPInstanceUID };
  return { code: 'ATRIUM_ERR_STORE_BAD_AFFECTED_UID', reason: problems.join('; '), details, ...(uidProblem(SOPInstanceUID) ? {} : { SOPInstanceUID }) };
}

/**
 * Storage SCP (PS3.4 Annex B), Level 2 (Full): every composite storage SOP class with
 * every transfer syntax of {@link STORAGE_SYNTAXES}; each data set is stored byte for
 * byte as received through the one store path (validation, quarantine, crash-safe
 * write) and acknowledged once its file is written (durable with `sync`); it is hashed and indexed
 * right after the answer (an interrupted indexing is completed by the startup
 * reconcile). Statuses: 0000 stored; B007 stored with validation warnings (the receive
 * policy `safety`: e.g. a missing Type 1 attribute that is not needed to identify or
 * display the object); A700 out of resources (free disk space under the store's
 * `minFreeBytes`, an object over `maxObjectBytes` or past a parse limit: nothing kept);
 * A900 data set does not match the SOP class (a Type 1 attribute missing/empty/invalid,
 * UIDs differing from the request, or a request whose Affected SOP Class / Instance UID
 * is empty or invalid) with the reason in Error Comment; C000 cannot understand
 * (unreadable data set, duplicate series held by another study) — the bytes of refused
 * objects are kept in quarantine.
 */
export function storeService(options: StoreServiceOptions): ScpService {
  const syntaxes = new Set(STORAGE_SYNTAXES);
  return {
    syntaxes: new Map(storageSopClasses().map((uid) => [uid, syntaxes])),
    handlers: {
      [CommandField.CStoreRq]: async (request, responder) => {
        const { command, context } = request;
        const dataset = request.datasetParts ?? [];
        const sopClass = command.AffectedSOPClassUID ?? context.abstractSyntax;
        const sopInstance = command.AffectedSOPInstanceUID ?? '';
        const calling = responder.connection.association.callingAeTitle;
        const source = `dicom:${calling}@${responder.connection.association.peerAddress}`;
        const refuse = async (refused: StoreOutcome): Promise<void> => {
          options.onStored?.(refused, calling);
          await responder.respond({ ...storeStatus(refused), AffectedSOPClassUID: sopClass, AffectedSOPInstanceUID: sopInstance });
        };
        // The store's own figure (minFreeBytes), checked before the object is built.
        const noSpace = options.store.checkFreeSpace(dataset.reduce((n, p) => n + p.length, 0), sopInstance || undefined);
        if (noSpace) return refuse(noSpace);
        const badUid = affectedUidRefusal(sopClass, sopInstance);
        if (badUid) return refuse(options.store.refuse(Buffer.concat(dataset), source, badUid));
        // Header-only parse of the PDV slices (never joined), written with writev behind the
        // generated File Meta Information; durable (sync) together with other associations' files.
        const header = part10Header({ SOPClassUID: sopClass, SOPInstanceUID: sopInstance, TransferSyntaxUID: context.transferSyntax, sourceAet: calling, ...(options.uidRoot ? { uidRoot: options.uidRoot } : {}) });
        let staged: Awaited<ReturnType<typeof options.store.stageSlices>>;
        try {
          staged = await options.store.stageSlices(header, dataset, source, { expect: { SOPClassUID: sopClass, SOPInstanceUID: sopInstance }, sync: options.sync ?? true });
        } catch (e) {
          // The store could not even refuse it (the index unreachable: nothing written, nothing
          // kept): the status of the error's code (A700 for ATRIUM_ERR_INDEX_UNAVAILABLE).
          if (!isAtriumError(e)) throw e;
          return refuse({ status: 'rejected', code: listedCode(e, 'ATRIUM_ERR_STORE_FAILED'), reason: e.message, ...(sopInstance ? { SOPInstanceUID: sopInstance } : {}) });
        }
        if ('refused' in staged) return refuse(staged.refused);
        // The file is written (and durable with sync): answer first, then index while the
        // sender prepares its next object. The connection handles the next request only
        // after this handler returns, so requests of one association stay in order.
        try {
          await responder.respond({ ...storedStatus(staged.warnings), AffectedSOPClassUID: sopClass, AffectedSOPInstanceUID: sopInstance });
        } finally {
          // Indexed even when the answer could not be sent: the object is written and valid.
          try {
            const outcome = staged.commit(); // not inside `onStored?.(...)`: that would skip it without a listener
            options.onStored?.(outcome, calling);
          } catch (e) {
            options.onIndexError?.(e, staged.path);
          }
        }
      },
    },
  };
}
