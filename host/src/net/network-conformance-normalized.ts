import { SopClass, sopClassName, transferSyntaxName } from '@atrium/sdk';
import { MppsStatus, StorageCommitmentStatus } from '../errors/dimse-statuses.js';
import { statusRows, table } from './conformance-tables.js';
import type { NetworkConfig } from './config/index.js';
import { STORAGE_COMMITMENT_INSTANCE } from './scu/commitment-scu.js';
import { PRINTER_INSTANCE } from './scu/print-scu.js';
import { UNCOMPRESSED_SYNTAXES } from './syntaxes.js';

const syntaxes = UNCOMPRESSED_SYNTAXES.map((t) => transferSyntaxName(t)).join(', ');
const IN_SCU_CONTEXT = `${transferSyntaxName(UNCOMPRESSED_SYNTAXES[0]!)}, ${transferSyntaxName(UNCOMPRESSED_SYNTAXES[1]!)}`;

/** Storage Commitment Push Model: SCU (requests) and the reports our SCP receives (Shimadzu DAR-9500f conformance statement, Storage Commitment). */
export function storageCommitmentSection(config: NetworkConfig): string[] {
  const uid = SopClass.StorageCommitmentPushModel;
  return [
    '## Storage Commitment Push Model SOP Class (SCU; `atrium send --commit`, AE role `commit`)',
    '',
    table(['SOP Class', 'UID', 'Role', 'Transfer syntaxes'], [[sopClassName(uid) ?? uid, uid, 'SCU', `proposed: ${IN_SCU_CONTEXT}; accepted from a reporting SCP: ${syntaxes}`]]),
    '',
    `After the C-STOREs of a send, on the same association: N-ACTION (Action Type ID 1) on the well-known instance ${STORAGE_COMMITMENT_INSTANCE} with a new Transaction UID (2.25 UUID-derived) and the Referenced SOP Sequence of the instances the peer accepted. The Transaction UID and each instance (pending / committed / failed with its Failure Reason) are kept in the database. The N-EVENT-REPORT (Event Type ID 1 or 2) is accepted on that association for commitmentWaitMs (now ${config.commitmentWaitMs} ms), and at any later time by \`atrium serve\` on an association the SCP opens — with several hosts answering one AE title on a shared PostgreSQL index, by whichever host the SCP calls: the results go to the shared table, where the sending host, still waiting, sees them (it looks every 250 ms): the SCP/SCU Role Selection it proposes (SCP role) is accepted, and so is none. Results: \`atrium jobs show <id>\`, \`atrium ls instances --commitment\`. A failed N-ACTION fails the job (retried only for A7xx / 0213). With deleteCommitted (now ${config.deleteCommitted}; default false) the local copy of each instance a report says is committed, under the SOP Class committed, is deleted when the report is recorded; an instance failed, pending or not named by the report is never deleted.`,
    '',
    table(['Service', 'Status', 'Code', 'When (answered by our SCP to an N-EVENT-REPORT)'], statusRows([
      ['N-EVENT-REPORT', StorageCommitmentStatus.Success, 'the results are recorded'],
      ['N-EVENT-REPORT', StorageCommitmentStatus.InvalidArgumentValue, 'the Transaction UID is not one we sent (Error Comment names it); nothing recorded'],
      ['N-EVENT-REPORT', StorageCommitmentStatus.NoSuchEventType, 'Event Type ID other than 1 or 2'],
      ['N-EVENT-REPORT', StorageCommitmentStatus.ProcessingFailure, 'the Event Information cannot be read or has no Transaction UID'],
    ])),
    '',
  ];
}

/** Modality Performed Procedure Step: SCP in `atrium serve`, SCU `atrium mpps`. */
export function mppsSection(config: NetworkConfig): string[] {
  const uid = SopClass.ModalityPerformedProcedureStep;
  return [
    '## Modality Performed Procedure Step SOP Class (SCP in `atrium serve`; SCU `atrium mpps`)',
    '',
    table(['SOP Class', 'UID', 'Role', 'Transfer syntaxes'], [[sopClassName(uid) ?? uid, uid, 'SCP and SCU', `SCP: ${syntaxes}; SCU proposes ${IN_SCU_CONTEXT}`]]),
    '',
    'SCP (PS3.4 Annex F): N-CREATE needs an Affected SOP Instance UID, every Type 1 attribute of PS3.4 Table F.7.2-1 with a value (Scheduled Step Attributes Sequence with Study Instance UID in each item, Performed Station AE Title, start date and time, status IN PROGRESS, step ID, Modality) and every Type 2 attribute present; N-SET may change the step while it is IN PROGRESS, not the attributes the table marks "not allowed"; COMPLETED and DISCONTINUED need the end date and time, COMPLETED one Performed Series item or more; a final step takes no more N-SET. Steps are kept in the database (`atrium mpps ls`).',
    '',
    'SCU (Shimadzu DAR-9500f conformance statement, Tables 13 and 16): `atrium mpps create <study|series> <ae>` sends N-CREATE IN PROGRESS with the patient and study of the stored study (no worklist: requested procedure and scheduled step values empty), our AE as Performed Station AE Title; `atrium mpps set <uid> <ae> --status COMPLETED|DISCONTINUED [--series ...]` sends the end, the status and the Performed Series Sequence (Retrieve AE Title ours, Referenced Image Sequence of the stored instances). Both are jobs retried as sends (storeRetries) on 0110 (except with Error ID A710), 0213, A7xx and network failures; a retried N-CREATE answered 0111 counts as created.',
    '',
    `App runs (the DAR-9500f statement: a workstation reports its post-processing): with appRunMpps naming an AE (now ${config.appRunMpps === '' ? 'none' : config.appRunMpps}), each \`atrium run\` / \`atrium batch\` job sends N-CREATE IN PROGRESS on the input's study before the app runs (Performed Procedure Step Description: the app id; step ID APP<job id>), then N-SET COMPLETED with the derived series and instances it wrote as the Performed Series Sequence, or DISCONTINUED with none when the app fails. A failed N-CREATE is logged and the app runs without a step; a failed N-SET is logged and queued as an MPPS N-SET job, retried as sends. Neither fails the run.`,
    '',
    table(['Service', 'Status', 'Code', 'When (answered by our SCP)'], statusRows([
      ['N-CREATE / N-SET', MppsStatus.Success, 'created / set'],
      ['N-CREATE', MppsStatus.DuplicateSopInstance, 'a step with this SOP Instance UID exists'],
      ['N-CREATE', MppsStatus.InvalidArgumentValue, 'no Affected SOP Instance UID'],
      ['N-CREATE', MppsStatus.MissingAttribute, 'a Type 1 or Type 2 attribute absent (Error Comment names it)'],
      ['N-CREATE / N-SET', MppsStatus.MissingAttributeValue, 'a Type 1 attribute empty; a final state without end date / time or (COMPLETED) performed series'],
      ['N-CREATE / N-SET', MppsStatus.InvalidAttributeValue, 'a status other than IN PROGRESS at creation, an unknown status, an attribute N-SET may not change'],
      ['N-SET', MppsStatus.NoSuchSopInstance, 'no such step'],
      ['N-SET', MppsStatus.MayNoLongerBeUpdated, 'the step is COMPLETED or DISCONTINUED (Error ID A710)'],
    ])),
    '',
  ];
}

/** Basic Grayscale and Basic Color Print Management, SCU (`atrium print`). */
export function printSection(config: NetworkConfig): string[] {
  const grey = SopClass.BasicGrayscalePrintManagementMeta;
  const color = SopClass.BasicColorPrintManagementMeta;
  const shared = [SopClass.BasicFilmSession, SopClass.BasicFilmBox];
  const rows = (meta: string, box: string): string[][] => [[sopClassName(meta) ?? meta, meta, 'SCU', IN_SCU_CONTEXT], ...[...shared, box, SopClass.Printer].map((uid) => [`… ${sopClassName(uid) ?? uid}`, uid, 'SCU', 'in the Meta SOP Class context'])];
  const annotation = SopClass.BasicAnnotationBox;
  return [
    '## Basic Grayscale and Basic Color Print Management Meta SOP Classes (SCU; `atrium print [--color]`, AE role `print`)',
    '',
    table(['SOP Class', 'UID', 'Role', 'Transfer syntaxes'], [...rows(grey, SopClass.BasicGrayscaleImageBox), ...rows(color, SopClass.BasicColorImageBox), [sopClassName(annotation) ?? annotation, annotation, 'SCU', `${IN_SCU_CONTEXT} (proposed when the printer has an Annotation Display Format ID)`]]),
    '',
    `Per film (one association each; Shimadzu SCORE 3D §3, Canon GCA-9300R and Shimadzu DAR-9500f Print): Printer N-GET on ${PRINTER_INSTANCE} (Printer Status FAILURE fails the attempt), Film Session N-CREATE (Number of Copies), Film Box N-CREATE (Image Display Format STANDARD\\C,R from --layout, Film Orientation, Film Size ID when given, Annotation Display Format ID when the label goes into an annotation box; magnification, border, densities left to the printer), one Image Box N-SET per image — Basic Grayscale Image Box: MONOCHROME2 of 8 bits, or 12 bits stored in 16 for a printer set to 12 (\`atrium ae add --print-bits 12\`); Basic Color Image Box (--color): RGB, 8 bits, colour-by-pixel — the first frame windowed (--window, else the image's window, else its min/max; 12 bits: the same linear VOI function to 0…4095), RGB by luminance for grayscale, grayscale replicated for colour, scaled bilinearly so its larger side is the printer's matrix (\`--print-matrix\`, else printMatrix = ${config.printMatrix} pixels). The patient's name, ID and study date identify the film: in a Basic Annotation Box (N-SET of Annotation Position 1, Text String) when the printer has an Annotation Display Format ID (\`--print-annotation\`) and accepts that SOP class, else burned into the bottom of each image as white 5×7 text on a black band (\`--print-label off\`: no label). Then Film Box N-ACTION (print), Film Session N-DELETE. Printer N-EVENT-REPORTs on the association are answered Success and reported as warnings. A failed attempt is retried up to printRetries = ${config.printRetries} times (GCA-9300R: 5) on A7xx, 0110, 0213, C6xx and network failures; other failures fail the job. Tested against DCMTK dcmprscp (grayscale, 8 and 12 bit, burned-in label) and, for colour and the annotation box, against a Print SCP test double that keeps the state rules of PS3.4 Annex H (dcmprscp prints grayscale only and has no Basic Annotation Box).`,
    '',
  ];
}
