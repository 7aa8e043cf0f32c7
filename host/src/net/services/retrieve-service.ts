import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { QueryRetrieveSopClass, Tag } from '@atrium/sdk';
import type { Index } from '../../db/dicom-index.js';
import type { SendLogTable } from '../../db/send-log-table.js';
import { UNIQUE_KEYS } from '../../db/query-keys.js';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { DataSet } from '../../io/data-set.js';
import { stringElement } from '../../io/element-factory.js';
import { transferSyntaxInfo } from '../../io/transfer-syntax.js';
import { writeDataset } from '../../io/write-dataset.js';
import type { FileStore } from '../../store/file-store.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { IncomingRequest, Responder } from '../dimse/dimse-connection.js';
import { GetStatus, MoveStatus, statusCategory } from '../../errors/dimse-statuses.js';
import type { ScpService } from '../scp/dicom-server.js';
import { openScu, type RemotePeer, type ScuSettings } from '../scu/open-scu.js';
import { storageProposals, storeInstances, type OutgoingInstance, type StoreReport } from '../scu/store-instances.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { modelOf } from './find-service.js';
import { readIdentifier } from './query-identifier.js';
import { retrieveInstances } from './retrieve-instances.js';

/** Options of {@link retrieveService}. */
export interface RetrieveServiceOptions {
  readonly index: Pick<Index, 'query' | 'getInstance'>;
  readonly files: Pick<FileStore, 'read'>;
  /** Our SCU settings for C-MOVE sub-associations. */
  readonly scu: ScuSettings;
  /** A C-MOVE destination by AE title (AE table, role `store`), or undefined (→ A801). */
  readonly destination: (aeTitle: string) => RemotePeer | undefined;
  /** Where the sub-operations' C-STOREs are recorded (to which AE, when, the outcome). */
  readonly sendLog?: Pick<SendLogTable, 'record'>;
}

const counters = (r: StoreReport, total: number): { NumberOfRemainingSuboperations: number; NumberOfCompletedSuboperations: number; NumberOfFailedSuboperations: number; NumberOfWarningSuboperations: number } => ({
  NumberOfRemainingSuboperations: Math.max(0, total - r.completed - r.failed - r.warning),
  NumberOfCompletedSuboperations: r.completed,
  NumberOfFailedSuboperations: r.failed,
  NumberOfWarningSuboperations: r.warning,
});

/** The final response's Identifier: Failed SOP Instance UID List (PS3.4 §C.4.2.1.4.2), when any failed. */
function failedList(report: StoreReport, transferSyntax: string): Uint8Array | undefined {
  const failed = report.problems.filter((p) => statusCategory(p.status) === 'failure').map((p) => p.SOPInstanceUID);
  if (failed.length === 0) return undefined;
  const enc = transferSyntaxInfo(transferSyntax);
  return writeDataset(new DataSet([stringElement(Tag.FailedSOPInstanceUIDList, 'UI', failed)], enc), enc);
}

/** The statuses of C-MOVE or C-GET (PS3.4 Table C.4-2 / C.4-3), which share those a retrieve answers here. */
type RetrieveStatuses = typeof MoveStatus | typeof GetStatus;

/** Final status of a retrieve. */
function finalStatus(statuses: RetrieveStatuses, report: StoreReport, cancelled: boolean): number {
  if (cancelled) return statuses.Cancel.code;
  if (report.failed === 0 && report.warning === 0) return statuses.Success.code;
  if (report.completed === 0 && report.warning === 0) return statuses.OutOfResourcesSubOperations.code;
  return statuses.SubOperationsWarning.code;
}

/** Reads the Identifier and the instances it names; answers A900 itself when it is unusable. */
async function instancesFor(statuses: RetrieveStatuses, request: IncomingRequest, responder: Responder, options: RetrieveServiceOptions): Promise<OutgoingInstance[] | undefined> {
  try {
    const identifier = readIdentifier(request.dataset ?? new Uint8Array(0), request.context.transferSyntax);
    const model = modelOf(request.context.abstractSyntax) ?? 'STUDY';
    const unique = UNIQUE_KEYS[identifier.level];
    if (identifier.keys[unique] === undefined) {
      throw new AtriumError('ATRIUM_ERR_NET_BAD_IDENTIFIER', `A ${identifier.level} level retrieve needs ${unique}`, { level: identifier.level });
    }
    return retrieveInstances(options.index, options.files, identifier, model);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    await responder.respond({ Status: statuses.IdentifierDoesNotMatchSopClass.code, ErrorComment: e.message.slice(0, 64) });
    return undefined;
  }
}

/** Runs the sub-operations with a Pending response after each, then the final response. */
async function runSubOperations(statuses: RetrieveStatuses, responder: Responder, transferSyntax: string, instances: readonly OutgoingInstance[], send: (onProgress: (r: StoreReport, total: number) => Promise<void>, signal: AbortSignal) => Promise<StoreReport>): Promise<void> {
  let report: StoreReport = { completed: 0, warning: 0, failed: 0, problems: [] };
  let cancelled = false;
  try {
    report = await send(async (r, total) => {
      report = r;
      if (r.completed + r.failed + r.warning < total) await responder.respond({ Status: statuses.Pending.code, ...counters(r, total) });
      await yieldToEvents();
    }, responder.cancelled);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    if (e.code === 'ATRIUM_ERR_NET_CANCELLED') cancelled = true;
    else {
      await responder.respond({ Status: statuses.OutOfResourcesSubOperations.code, ...counters(report, instances.length), ErrorComment: e.message.slice(0, 64) }, failedList(report, transferSyntax));
      return;
    }
  }
  const status = finalStatus(statuses, report, cancelled);
  const final = cancelled ? counters(report, instances.length) : { ...counters(report, instances.length), NumberOfRemainingSuboperations: undefined };
  await responder.respond({ Status: status, ...final } as Parameters<Responder['respond']>[0], failedList(report, transferSyntax));
}

/**
 * Query/Retrieve C-MOVE and C-GET SCP (PS3.4 §C.4.2, §C.4.3), Patient Root and Study Root.
 * C-MOVE: the destination must be in the AE table with role `store` (else A801 Move
 * Destination unknown); the instances are sent on a new association to it (C-STORE
 * with Move Originator AE Title / Message ID). C-GET: the instances are sent as C-STORE
 * sub-operations on the same association, in the storage contexts the SCU proposed with
 * the SCP role. Both answer Pending (FF00) with remaining / completed / failed /
 * warning counts after each sub-operation; C-CANCEL stops them (FE00); the final status
 * is 0000, B000 (some failed or warned), or A702 (none succeeded), with the Failed SOP
 * Instance UID List.
 */
export function retrieveService(options: RetrieveServiceOptions): ScpService {
  const syntaxes = new Set(UNCOMPRESSED_SYNTAXES);
  return {
    syntaxes: new Map([
      [QueryRetrieveSopClass.PatientRootMove, syntaxes], [QueryRetrieveSopClass.StudyRootMove, syntaxes],
      [QueryRetrieveSopClass.PatientRootGet, syntaxes], [QueryRetrieveSopClass.StudyRootGet, syntaxes],
    ]),
    queryRetrieve: true,
    handlers: {
      [CommandField.CMoveRq]: async (request, responder) => {
        const title = request.command.MoveDestination ?? '';
        const destination = options.destination(title);
        if (!destination) {
          await responder.respond({ Status: MoveStatus.MoveDestinationUnknown.code, ErrorComment: `Move destination "${title}" is not in the AE table`.slice(0, 64) });
          return;
        }
        const instances = await instancesFor(MoveStatus, request, responder, options);
        if (!instances) return;
        await runSubOperations(MoveStatus, responder, request.context.transferSyntax, instances, async (onProgress, signal) => {
          if (instances.length === 0) return { completed: 0, warning: 0, failed: 0, problems: [] };
          const session = await openScu(options.scu, destination, storageProposals(instances));
          try {
            return await storeInstances(session.connection, instances, {
              signal, onProgress,
              ...(options.sendLog ? { recorder: { log: options.sendLog, ae: title.trim(), via: 'move' as const } } : {}),
              moveOriginator: { aeTitle: responder.connection.association.callingAeTitle, messageId: request.command.MessageID ?? 0 },
            });
          } finally {
            await session.close();
          }
        });
      },
      [CommandField.CGetRq]: async (request, responder) => {
        const instances = await instancesFor(GetStatus, request, responder, options);
        if (!instances) return;
        await runSubOperations(GetStatus, responder, request.context.transferSyntax, instances, (onProgress, signal) => storeInstances(responder.connection, instances, {
          signal, onProgress,
          ...(options.sendLog ? { recorder: { log: options.sendLog, ae: responder.connection.association.callingAeTitle, via: 'get' as const } } : {}),
        }));
      },
    },
  };
}
