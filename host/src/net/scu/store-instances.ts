import { TransferSyntax } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../../io/parse-part10.js';
import { writeDataset } from '../../io/write-dataset.js';
import { CommandField, Priority } from '../dimse/dimse-command.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { hexStatus, isCannotUnderstand, isOutOfResources, NO_STATUS, statusCategory, StoreStatus } from '../../errors/dimse-statuses.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { padOddLengths } from '../../io/transcode/pad-odd-lengths.js';
import { canTranscode, transcodeDataset } from '../../io/transcode/transcode-dataset.js';
import type { SendLogEntry, SendLogTable } from '../../db/send-log-table.js';
import type { AcceptedContext } from '../ul/association.js';
import type { ContextProposal } from '../ul/request-association.js';

/** One stored instance to send. */
export interface OutgoingInstance {
  readonly SOPClassUID: string;
  readonly SOPInstanceUID: string;
  /** The transfer syntax it is stored in. */
  readonly TransferSyntaxUID: string;
  /** Reads the Part 10 file. */
  read(): Uint8Array;
}

/** Where the C-STOREs of one send are recorded (the send log): to which AE, by which operation. */
export interface SendRecorder {
  readonly log: Pick<SendLogTable, 'record'>;
  /** The AE the instances go to (the called AE; the C-GET requester). */
  readonly ae: string;
  readonly via: SendLogEntry['via'];
}

/** What a series of C-STOREs achieved (the C-MOVE/C-GET sub-operation counters). */
export interface StoreReport {
  completed: number;
  warning: number;
  failed: number;
  /** Per failed or warned instance: SOP Instance UID, status and comment. */
  readonly problems: { SOPInstanceUID: string; status: number; comment: string }[];
}

/**
 * Presentation contexts to send `instances` (PS3.4 §B.3): per SOP class and stored
 * transfer syntax, one context with that syntax (sent byte for byte when accepted), and
 * per SOP class stored compressed one more with Explicit and Implicit VR Little Endian
 * (the instance is then decompressed). At most 128 contexts.
 * @throws AtriumError `ATRIUM_ERR_NET_TOO_MANY_CONTEXTS`.
 */
export function storageProposals(instances: readonly Pick<OutgoingInstance, 'SOPClassUID' | 'TransferSyntaxUID'>[], extra: readonly ContextProposal[] = []): ContextProposal[] {
  const out = [...extra];
  const seen = new Set<string>();
  const add = (abstractSyntax: string, transferSyntaxes: readonly string[]): void => {
    const key = `${abstractSyntax}|${transferSyntaxes.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ abstractSyntax, transferSyntaxes });
  };
  for (const i of instances) add(i.SOPClassUID, [i.TransferSyntaxUID]);
  for (const i of instances) if (i.TransferSyntaxUID !== UNCOMPRESSED_SYNTAXES[0]) add(i.SOPClassUID, [UNCOMPRESSED_SYNTAXES[0]!, UNCOMPRESSED_SYNTAXES[1]!]);
  if (out.length > 128) {
    throw new AtriumError('ATRIUM_ERR_NET_TOO_MANY_CONTEXTS', `Sending these instances needs ${out.length} presentation contexts; an association has at most 128 — send fewer SOP classes / transfer syntaxes at once`, { contexts: out.length });
  }
  return out;
}

/** The accepted context to send an instance on: its own syntax first, else one we can convert to. */
export function contextForInstance(connection: DimseConnection, i: Pick<OutgoingInstance, 'SOPClassUID' | 'TransferSyntaxUID'>): AcceptedContext | undefined {
  const exact = connection.association.contextFor(i.SOPClassUID, i.TransferSyntaxUID);
  if (exact) return exact;
  for (const c of connection.association.contexts.values()) {
    if (c.abstractSyntax === i.SOPClassUID && canTranscode(i.TransferSyntaxUID, c.transferSyntax)) return c;
  }
  return undefined;
}

const DEFLATED = TransferSyntax.DeflatedExplicitVRLittleEndian;

/** The data set in `transferSyntax`, with odd lengths padded (see {@link padOddLengths}). */
async function sendable(file: DicomFile, transferSyntax: string): Promise<Uint8Array> {
  const padded = transferSyntax !== DEFLATED ? padOddLengths(file.dataset) : undefined;
  if (!padded) return transcodeDataset(file, transferSyntax);
  if (file.transferSyntax.uid === transferSyntax) return writeDataset(padded, file.transferSyntax);
  return transcodeDataset({ ...file, dataset: padded, trailing: new Uint8Array(0) }, transferSyntax);
}

/** The data set bytes of a Part 10 file written by the store (after its File Meta group). */
function storedDataset(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 144 || bytes[128] !== 0x44 || bytes[129] !== 0x49 || bytes[130] !== 0x43 || bytes[131] !== 0x4d) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(132, true) !== 0x0002 || view.getUint16(134, true) !== 0x0000) return undefined;
  return bytes.subarray(144 + view.getUint32(140, true));
}

/**
 * Sends instances one C-STORE after the other on an open connection and counts the
 * outcomes (success, warning B0xx, failure). An instance without a usable context, or
 * that cannot be read or converted, is counted failed with the reason; the others go
 * on. `moveOriginator` fills Move Originator AE Title / Message ID (C-MOVE sub-operations).
 * @throws the association's end error when it ends before all are sent (the report so
 *   far is in `details.report`); AtriumError `ATRIUM_ERR_NET_CANCELLED` when `signal` aborts.
 */
export async function storeInstances(
  connection: DimseConnection,
  instances: readonly OutgoingInstance[],
  options: {
    signal?: AbortSignal;
    onProgress?: (report: StoreReport, total: number) => void | Promise<void>;
    moveOriginator?: { aeTitle: string; messageId: number };
    /** Seed 001 §4.2.7.3.1.1 (STORAGE-SCU jobs): a failure status or B007 aborts the association and throws. */
    stopOnFailure?: boolean;
    /** Records each answered C-STORE in the send log. */
    recorder?: SendRecorder;
  } = {},
): Promise<StoreReport> {
  const report: StoreReport = { completed: 0, warning: 0, failed: 0, problems: [] };
  const fail = (i: OutgoingInstance, status: number, comment: string): void => {
    report.failed++;
    report.problems.push({ SOPInstanceUID: i.SOPInstanceUID, status, comment });
  };
  for (const instance of instances) {
    if (options.signal?.aborted) throw new AtriumError('ATRIUM_ERR_NET_CANCELLED', `Cancelled after ${report.completed + report.warning + report.failed} of ${instances.length} instances`, { report });
    if (!connection.association.open) throw new AtriumError('ATRIUM_ERR_NET_NOT_OPEN', `The association with ${connection.association.calledAeTitle} ended after ${report.completed + report.warning + report.failed} of ${instances.length} instances`, { report, retryable: true });
    const context = contextForInstance(connection, instance);
    if (!context) {
      fail(instance, StoreStatus.SopClassNotSupported.code, `no accepted presentation context for ${instance.SOPClassUID} in ${instance.TransferSyntaxUID} or a syntax it converts to`);
      await options.onProgress?.(report, instances.length);
      continue;
    }
    let dataset: Uint8Array;
    try {
      const bytes = instance.read();
      const stored = context.transferSyntax === instance.TransferSyntaxUID ? storedDataset(bytes) : undefined;
      // An odd total length means an odd-length element (not in a deflated stream): sent padded.
      dataset = stored && (stored.length % 2 === 0 || context.transferSyntax === DEFLATED) ? stored : await sendable(parseDicom(bytes), context.transferSyntax);
    } catch (e) {
      if (!isAtriumError(e) && !(e instanceof Error && 'code' in e)) throw e;
      fail(instance, StoreStatus.CannotUnderstand.code, `cannot read or convert: ${(e as Error).message}`);
      await options.onProgress?.(report, instances.length);
      continue;
    }
    const response = await connection.requestOnce(context.id, {
      CommandField: CommandField.CStoreRq,
      AffectedSOPClassUID: instance.SOPClassUID,
      AffectedSOPInstanceUID: instance.SOPInstanceUID,
      Priority: Priority.Medium,
      ...(options.moveOriginator ? { MoveOriginatorApplicationEntityTitle: options.moveOriginator.aeTitle, MoveOriginatorMessageID: options.moveOriginator.messageId } : {}),
    }, dataset);
    const status = response.command.Status ?? NO_STATUS;
    const category = statusCategory(status);
    const { recorder } = options;
    recorder?.log.record([{ SOPInstanceUID: instance.SOPInstanceUID, ae: recorder.ae, at: new Date().toISOString(), status: category === 'success' || category === 'warning' ? category : 'failure', statusCode: status, via: recorder.via }]);
    if (options.stopOnFailure && (category === 'failure' || status === StoreStatus.DataSetDoesNotMatchSopClassWarning.code)) {
      connection.association.abort();
      const comment = response.command.ErrorComment ? `: ${response.command.ErrorComment}` : '';
      throw new AtriumError('ATRIUM_ERR_NET_STORE_FAILED', `${connection.association.calledAeTitle} answered C-STORE of ${instance.SOPInstanceUID} with status ${hexStatus(status)}${comment} after ${report.completed + report.warning} stored`, {
        status, report, SOPInstanceUID: instance.SOPInstanceUID,
        // Canon GCA-9300R conformance statement Table 4-47: A7xx (out of resources) and Cxxx (cannot understand) are retried; A9xx and B007 fail the job.
        retryable: isOutOfResources(status) || isCannotUnderstand(status),
      });
    }
    if (category === 'success') report.completed++;
    else if (category === 'warning') {
      report.warning++;
      report.problems.push({ SOPInstanceUID: instance.SOPInstanceUID, status, comment: response.command.ErrorComment ?? `warning ${hexStatus(status)}` });
    } else fail(instance, status, response.command.ErrorComment ?? `status ${hexStatus(status)}`);
    await options.onProgress?.(report, instances.length);
  }
  return report;
}
