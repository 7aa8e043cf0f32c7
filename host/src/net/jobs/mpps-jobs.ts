import { SopClass, type Disposable } from '@atrium/sdk';
import type { Index } from '../../db/dicom-index.js';
import type { MppsState, MppsTable } from '../../db/mpps-table.js';
import { findUid } from '../../db/resolve-uid.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { isOutOfResources, MPPS_NO_LONGER_UPDATABLE, MppsStatus } from '../../errors/dimse-statuses.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { NetworkConfig, RemoteAe } from '../config/index.js';
import { textOf, type AttributeList } from '../dimse/attribute-list.js';
import { normalizedRequest, requireSuccess, type NormalizedRequest } from '../dimse/normalized-request.js';
import { mppsCreateAttributes, mppsFinalAttributes, performedSeries } from '../scu/mpps-attributes.js';
import { openScu, type ScuSettings } from '../scu/open-scu.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';

/** Job types of the MPPS SCU (`atrium mpps create|set`). */
export const MppsJob = { Create: 'net.mpps.create', Set: 'net.mpps.set' } as const;

/** N-CREATE of a step IN PROGRESS on the study of `uid` (a study, series or instance UID); `SOPInstanceUID` chosen when enqueued, so a retry creates the same step. */
export interface MppsCreatePayload { readonly ae: string; readonly uid: string; readonly SOPInstanceUID: string; readonly stepId: string }
/** N-SET of a step we created: its final state, with the performed series (`series`: those UIDs; absent: every stored series of the study). */
export interface MppsSetPayload { readonly ae: string; readonly SOPInstanceUID: string; readonly status: 'COMPLETED' | 'DISCONTINUED'; readonly series?: readonly string[] }
export interface MppsResult { readonly SOPInstanceUID: string; readonly status: MppsState; readonly ae: string }

/** What the MPPS jobs use. */
export interface MppsJobDeps {
  readonly index: Index;
  readonly steps: MppsTable;
  readonly config: () => NetworkConfig;
  readonly scu: (c: NetworkConfig) => ScuSettings;
  readonly remote: (name: string) => RemoteAe;
}

/**
 * PS3.4 §F.7.2: 0110 (processing failure), 0213 (resource limitation) and A7xx may pass —
 * except 0110 with Error ID A710 (the step is final: it stays final); other failures are
 * the request's fault.
 */
const retryable = (status: number, errorId: number | undefined): boolean =>
  errorId !== MPPS_NO_LONGER_UPDATABLE && (status === MppsStatus.ProcessingFailure.code || status === MppsStatus.ResourceLimitation.code || isOutOfResources(status));

/**
 * Sends one MPPS N-CREATE or N-SET on an association of its own; a retried N-CREATE answered
 * 0111 (the step exists) counts as done.
 * @throws AtriumError `ATRIUM_ERR_NET_NO_CONTEXT`, `ATRIUM_ERR_NET_REMOTE_FAILED` (retryable as above).
 */
export async function sendMpps(deps: Pick<MppsJobDeps, 'config' | 'scu'>, ae: RemoteAe, request: NormalizedRequest, what: string): Promise<number> {
  const c = deps.config();
  const session = await openScu(deps.scu(c), ae, [{ abstractSyntax: SopClass.ModalityPerformedProcedureStep, transferSyntaxes: [UNCOMPRESSED_SYNTAXES[0]!, UNCOMPRESSED_SYNTAXES[1]!] }]);
  try {
    const context = session.connection.association.contextFor(SopClass.ModalityPerformedProcedureStep);
    if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${ae.title} did not accept the Modality Performed Procedure Step SOP Class: it is not an MPPS SCP`, { ae: ae.title });
    const response = await normalizedRequest(session.connection, context, request);
    // A retried N-CREATE that the SCP did create before the association failed: 0111 means done.
    if (request.op === 'N-CREATE' && response.status === MppsStatus.DuplicateSopInstance.code) return response.status;
    return requireSuccess(response, `${what} at ${ae.title}`, (status) => retryable(status, response.command.ErrorID)).status;
  } finally {
    await session.close().catch(() => undefined);
  }
}

/**
 * The stored instances of the series `--series` names; a UID no stored series has is refused
 * before anything is sent (it would leave the Performed Series Sequence short, or empty).
 * @throws AtriumError `ATRIUM_ERR_NET_UNKNOWN_UID` naming the UIDs.
 */
function performedInstances(index: Index, series: readonly string[]): ReturnType<Index['getInstances']> {
  const found = series.map((s) => ({ s, instances: index.getInstances({ SeriesInstanceUID: s }) }));
  const unknown = found.filter((f) => f.instances.length === 0).map((f) => f.s);
  if (unknown.length > 0) throw new AtriumError('ATRIUM_ERR_NET_UNKNOWN_UID', `--series ${unknown.join(', ')}: no stored series has ${unknown.length === 1 ? 'this Series Instance UID' : 'these Series Instance UIDs'} (atrium ls series); nothing was sent`, { unknown });
  return found.flatMap((f) => f.instances);
}

/** Registers the MPPS SCU jobs (Shimadzu DAR-9500f conformance statement, MPPS N-CREATE / N-SET). */
export function registerMppsJobs(runner: JobRunner, deps: MppsJobDeps): Disposable {
  const registrations = [
    runner.register<MppsCreatePayload, MppsResult>(MppsJob.Create, async (job) => {
      const { ae: name, uid, SOPInstanceUID, stepId } = job.payload;
      const ae = deps.remote(name);
      const first = findUid(deps.index, uid)?.instances[0];
      if (!first) throw new AtriumError('ATRIUM_ERR_NET_UNKNOWN_UID', `Nothing stored has the Study/Series/SOP Instance UID ${uid}`, { unknown: [uid] });
      const attributes = mppsCreateAttributes(first, { aeTitle: deps.config().aeTitle, stepId, start: new Date() });
      await sendMpps(deps, ae, { op: 'N-CREATE', sopClass: SopClass.ModalityPerformedProcedureStep, instance: SOPInstanceUID, attributes }, `MPPS N-CREATE of ${SOPInstanceUID}`);
      const at = new Date().toISOString();
      deps.steps.create({ SOPInstanceUID, direction: 'sent', ae: ae.title, status: 'IN PROGRESS', attributes: JSON.stringify(attributes), createdAt: at, updatedAt: at });
      return { SOPInstanceUID, status: 'IN PROGRESS', ae: ae.title };
    }),
    runner.register<MppsSetPayload, MppsResult>(MppsJob.Set, async (job) => {
      const { SOPInstanceUID, status } = job.payload;
      const step = deps.steps.get(SOPInstanceUID, 'sent');
      if (!step) throw new AtriumError('ATRIUM_ERR_NET_UNKNOWN_UID', `No performed procedure step ${SOPInstanceUID} was created here (atrium mpps ls)`, { unknown: [SOPInstanceUID] });
      const ae = deps.remote(job.payload.ae);
      const stored = JSON.parse(step.attributes) as AttributeList;
      const studyUid = textOf((stored.ScheduledStepAttributesSequence as AttributeList[] | undefined)?.[0] ?? {}, 'StudyInstanceUID') ?? '';
      const instances = job.payload.series ? performedInstances(deps.index, job.payload.series) : deps.index.getInstances({ StudyInstanceUID: studyUid });
      const modifications = mppsFinalAttributes(status, new Date(), performedSeries(instances, deps.config().aeTitle));
      await sendMpps(deps, ae, { op: 'N-SET', sopClass: SopClass.ModalityPerformedProcedureStep, instance: SOPInstanceUID, modifications }, `MPPS N-SET ${status} of ${SOPInstanceUID}`);
      deps.steps.update(SOPInstanceUID, 'sent', status, JSON.stringify({ ...stored, ...modifications }), new Date().toISOString());
      return { SOPInstanceUID, status, ae: ae.title };
    }),
  ];
  return { dispose: () => registrations.forEach((r) => r.dispose()) };
}
