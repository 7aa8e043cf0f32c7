import { lookupKeyword, SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { FindStatus, isPending } from '../../errors/dimse-statuses.js';
import type { DataElement } from '../../io/data-element.js';
import { DataSet } from '../../io/data-set.js';
import { stringElement } from '../../io/element-factory.js';
import { parseDataset } from '../../io/parse-dataset.js';
import { transferSyntaxInfo } from '../../io/transfer-syntax.js';
import { writeDataset } from '../../io/write-dataset.js';
import { CommandField, Priority } from '../dimse/dimse-command.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { checkFinal } from './query-scu.js';

/**
 * A Modality Worklist query (PS3.4 K.6.1): the matching keys the Shimadzu DAR-9500f conformance
 * statement lists (Table 9, "Matching Key Attributes – Query Worklist"): Scheduled Procedure
 * Step Sequence > Modality, Scheduled Station AE Title, Scheduled Procedure Step Start Date,
 * Scheduled Performing Physician's Name; Requested Procedure ID; Accession Number; Patient's
 * Name; Patient ID. A key left out is returned (universal matching).
 */
export interface WorklistQuery {
  readonly Modality?: string;
  readonly ScheduledStationAETitle?: string;
  /** A date or range (`20240101-20240131`). */
  readonly ScheduledProcedureStepStartDate?: string;
  readonly ScheduledPerformingPhysicianName?: string;
  readonly RequestedProcedureID?: string;
  readonly AccessionNumber?: string;
  readonly PatientName?: string;
  readonly PatientID?: string;
}

/** The Scheduled Procedure Step keys asked for (matching keys first, then return keys). */
export const STEP_KEYS = ['Modality', 'ScheduledStationAETitle', 'ScheduledProcedureStepStartDate', 'ScheduledProcedureStepStartTime', 'ScheduledPerformingPhysicianName', 'ScheduledProcedureStepDescription', 'ScheduledProcedureStepID', 'ScheduledStationName'] as const;
/** The keys of the top level asked for. */
export const TOP_KEYS = ['AccessionNumber', 'ReferringPhysicianName', 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'RequestedProcedureDescription', 'RequestedProcedureID'] as const;

/** One worklist item: its top-level values and its scheduled procedure steps. */
export interface WorklistItem {
  readonly [keyword: string]: string | readonly Record<string, string>[];
  readonly ScheduledProcedureStepSequence: readonly Record<string, string>[];
}

export interface WorklistResult {
  readonly items: WorklistItem[];
  readonly status: number;
  /** More items than the limit: we stopped the query with C-CANCEL, or the peer kept sending. */
  readonly truncated: boolean;
}

/**
 * The presentation context of the worklist C-FIND: the DAR-9500f proposes Implicit VR Little
 * Endian (its Table 8); Explicit VR Little Endian is offered beside it.
 */
export const WORKLIST_CONTEXT = { abstractSyntax: SopClass.ModalityWorklistInformationModelFind, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian] };

/** The C-FIND Identifier of a worklist query, encoded in `transferSyntax` (ISO_IR 192 when a value is not ASCII). */
export function worklistIdentifier(query: WorklistQuery, transferSyntax: string): Uint8Array {
  const encoding = transferSyntaxInfo(transferSyntax);
  const values = Object.values(query) as (string | undefined)[];
  const charset = values.some((v) => v !== undefined && /[^\x20-\x7e]/.test(v)) ? ['ISO_IR 192'] : [];
  const element = (keyword: string): DataElement => {
    const entry = lookupKeyword(keyword)!;
    return stringElement(entry.tag, entry.vr, (query as Record<string, string | undefined>)[keyword] ?? '', charset);
  };
  const step = new DataSet(STEP_KEYS.map(element).sort((a, b) => a.tag - b.tag), encoding, charset);
  const elements: DataElement[] = [
    ...(charset.length > 0 ? [stringElement(Tag.SpecificCharacterSet, 'CS', charset)] : []),
    ...TOP_KEYS.map(element),
    { tag: Tag.ScheduledProcedureStepSequence, vr: 'SQ', value: new Uint8Array(0), items: [{ dataset: step, undefinedLength: false }], undefinedLength: false },
  ].sort((a, b) => a.tag - b.tag);
  return writeDataset(new DataSet(elements, encoding, charset), encoding);
}

/**
 * Modality Worklist C-FIND as SCU (PS3.4 K.4.1): sends the query, collects the items; past
 * `limit` (0: none) stops with C-CANCEL as the Q/R C-FIND does.
 * @throws AtriumError ATRIUM_ERR_NET_NO_CONTEXT when the peer refused the worklist model,
 * ATRIUM_ERR_NET_REMOTE_FAILED for a failure status, ATRIUM_ERR_NET_BAD_IDENTIFIER for an unreadable answer.
 */
export async function worklistOn(connection: DimseConnection, query: WorklistQuery, limit: number): Promise<WorklistResult> {
  const context = connection.association.contextFor(SopClass.ModalityWorklistInformationModelFind);
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${connection.association.calledAeTitle} did not accept the Modality Worklist Information Model – FIND (${SopClass.ModalityWorklistInformationModelFind})`);
  const max = limit > 0 ? limit : Number.POSITIVE_INFINITY;
  const items: WorklistItem[] = [];
  const messageId = connection.nextMessageId();
  let status = 0;
  let beyond = false;
  let cancelled = false;
  const command = { CommandField: CommandField.CFindRq, MessageID: messageId, AffectedSOPClassUID: SopClass.ModalityWorklistInformationModelFind, Priority: Priority.Medium };
  for await (const r of connection.request(context.id, command, worklistIdentifier(query, context.transferSyntax))) {
    status = r.command.Status ?? 0;
    if (isPending(status)) {
      if (items.length >= max) beyond = true;
      else if (r.dataset) items.push(worklistItem(r.dataset, context.transferSyntax));
      if (items.length >= max && !cancelled && !beyond) cancelled = await connection.cancel(context.id, messageId);
      continue;
    }
    checkFinal(r.command, 'Modality Worklist C-FIND', connection.association.calledAeTitle);
  }
  return { items, status, truncated: beyond || status === FindStatus.Cancel.code };
}

/** A response Identifier as a worklist item: the top-level keys, and each Scheduled Procedure Step's. */
function worklistItem(bytes: Uint8Array, transferSyntax: string): WorklistItem {
  let ds: DataSet;
  try {
    ds = parseDataset(bytes, transferSyntaxInfo(transferSyntax)).dataset;
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    throw new AtriumError('ATRIUM_ERR_NET_BAD_IDENTIFIER', `Unreadable worklist item: ${e.message}`, { ...e.details });
  }
  const valuesOf = (d: DataSet, keywords: readonly string[]): Record<string, string> =>
    Object.fromEntries(keywords.map((k) => [k, d.text(lookupKeyword(k)!.tag) ?? '']));
  return { ...valuesOf(ds, TOP_KEYS), ScheduledProcedureStepSequence: ds.items(Tag.ScheduledProcedureStepSequence).map((i) => valuesOf(i.dataset, STEP_KEYS)) };
}
