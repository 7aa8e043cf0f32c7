import type { Disposable } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import type { JobHandlerContext, JobRunner } from '../../jobs/job-runner.js';
import type { Index } from '../../db/dicom-index.js';
import type { SettingTable } from '../../db/setting-table.js';
import type { CommitmentTable } from '../../db/commitment-table.js';
import type { MppsTable } from '../../db/mpps-table.js';
import type { SendLogTable } from '../../db/send-log-table.js';
import { statusCategory } from '../../errors/dimse-statuses.js';
import type { FileStore } from '../../store/file-store.js';
import type { InstanceStore } from '../../store/instance-store.js';
import { loadNetworkConfig, type AeRole, type NetworkConfig, type RemoteAe, type RemoteAeTable } from '../config/index.js';
import { CommandField } from '../dimse/dimse-command.js';
import { storeService } from '../services/store-service.js';
import { echo, echoOn, VERIFICATION_CONTEXT } from '../scu/echo-scu.js';
import { findOn, type FindResult } from '../scu/find-scu.js';
import { chooseFindModel, findProposals } from '../scu/find-model.js';
import { openScu, type ScuSession, type ScuSettings } from '../scu/open-scu.js';
import { modelFor, qrContext, type QueryRequest } from '../scu/query-scu.js';
import { resolveRetrieve } from '../scu/resolve-retrieve.js';
import { listInstances, planRetrieve, withFind } from '../scu/get-plan.js';
import { retrieveByGet } from '../scu/retrieve-by-get.js';
import { retrieveOn, type RetrieveResult } from '../scu/retrieve-scu.js';
import { WORKLIST_CONTEXT, worklistOn, type WorklistQuery, type WorklistResult } from '../scu/worklist-scu.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { storageProposals, storeInstances, type StoreReport } from '../scu/store-instances.js';
import { outgoingForUids } from '../outgoing-for-uids.js';
import { COMMITMENT_CONTEXT } from '../scu/commitment-scu.js';
import { commitmentOnSend, type CommitmentOutcome } from './commitment-on-send.js';
import { deleteCommitted } from './delete-committed.js';
import { MppsJob, registerMppsJobs } from './mpps-jobs.js';
import { loadPrinterProfile } from '../config/printer-profile.js';
import { PrintJob, registerPrintJob, type RenderForPrint } from './print-job.js';

/** Job types of the network SCU operations (every outbound operation is a job, `atrium jobs`). */
export const NetJob = { Echo: 'net.echo', Send: 'net.send', Find: 'net.find', Move: 'net.move', Get: 'net.get', Worklist: 'net.worklist' } as const;

export interface EchoPayload { readonly ae: string }
/** `commit`: request storage commitment after the send (also when the AE has role `commit`). */
export interface SendPayload { readonly ae: string; readonly uids: readonly string[]; readonly commit?: boolean }
export interface FindPayload extends QueryRequest { readonly ae: string; readonly limit?: number }
export interface WorklistPayload { readonly ae: string; readonly query: WorklistQuery; readonly limit?: number }
/** A retrieve names either a `uid` (its level found by C-FIND) or an explicit `request`. */
export interface RetrievePayload { readonly ae: string; readonly uid?: string; readonly request?: QueryRequest }
export interface MovePayload extends RetrievePayload { readonly destination?: string }
export type GetPayload = RetrievePayload;

export type SendResult = Omit<StoreReport, 'problems'> & { readonly total: number; readonly problems: StoreReport['problems']; readonly commitment?: CommitmentOutcome };
export type GetResult = RetrieveResult & { readonly stored: number; readonly refused: readonly { SOPInstanceUID?: string; reason: string }[] };

export const scuSettings = (c: NetworkConfig): ScuSettings => ({ aeTitle: c.aeTitle, maxPduLength: c.maxPduLength, maxPduSendLength: c.maxPduSendLength, connectTimeoutMs: c.connectTimeoutMs, associationTimeoutMs: c.associationTimeoutMs, dimseTimeoutMs: c.dimseTimeoutMs, uidRoot: c.uidRoot });

/** What the network jobs use: the store, the index, its files, the network settings and the AE table. */
export interface NetJobDeps {
  readonly index: Index;
  readonly files: FileStore;
  readonly store: InstanceStore;
  readonly settings: SettingTable;
  readonly aes: RemoteAeTable;
  readonly commitments: CommitmentTable;
  readonly steps: MppsTable;
  /** Where every C-STORE sent is recorded (to which AE, when, the outcome). */
  readonly sendLog: SendLogTable;
  /** Renders the images of a print (the render subsystem, wired by the net module). */
  readonly renderForPrint: RenderForPrint;
}

function remote(ws: NetJobDeps, name: string, role?: AeRole): RemoteAe {
  const ae = ws.aes.require(name);
  if (role && !ae.roles.includes(role)) throw new AtriumError('ATRIUM_ERR_AE_ROLE', `${ae.title} does not have the role "${role}" in the AE table (it has ${ae.roles.join(', ')}); atrium ae add ${ae.title} --host ${ae.host} --port ${ae.port} --roles ${[...ae.roles, role].join(',')}${ae.alias ? ` --alias ${ae.alias}` : ''} gives it`, { ae: ae.title, role });
  return ae;
}

async function withSession<T>(session: ScuSession, body: (s: ScuSession) => Promise<T>): Promise<T> {
  try {
    return await body(session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Attempts allowed per job type (Canon GCA-9300R conformance statement: echo and find once, store 1 + 5 retries, move 1 + 3 retries a minute apart). */
export function netJobAttempts(type: string, config: NetworkConfig): number {
  if (type === NetJob.Send || type === MppsJob.Create || type === MppsJob.Set) return 1 + config.storeRetries;
  if (type === NetJob.Move || type === NetJob.Get) return 1 + config.moveRetries;
  if (type === PrintJob) return 1 + config.printRetries;
  return 1;
}

/**
 * Registers the handlers of the network jobs on a runner. Each handler reads the
 * network configuration and the AE table when it runs (so a retry sees new settings).
 */
export function registerNetJobs(runner: JobRunner, ws: NetJobDeps): Disposable {
  const config = (): NetworkConfig => loadNetworkConfig(ws.settings);
  const registrations = [
    runner.register<EchoPayload, { ms: number; ae: string }>(NetJob.Echo, async (job) => {
      const ae = remote(ws, job.payload.ae);
      const { ms } = await echo(scuSettings(config()), ae);
      return { ae: ae.title, ms: Math.round(ms * 10) / 10 };
    }),
    runner.register<SendPayload, SendResult>(NetJob.Send, async (job, ctx) => {
      const c = config();
      const ae = remote(ws, job.payload.ae, 'store');
      const commit = job.payload.commit === true || ae.roles.includes('commit');
      const instances = outgoingForUids(ws.index, ws.files, job.payload.uids);
      const commitment = commit ? commitmentOnSend(ws.commitments, job.id) : undefined;
      const verify = ae.verifyBeforeSend !== false;
      const session = await openScu(scuSettings(c), ae, storageProposals(instances, [...(verify ? [VERIFICATION_CONTEXT] : []), ...(commit ? [COMMITMENT_CONTEXT] : [])]), commitment ? { handlers: commitment.handlers } : {});
      return withSession(session, async ({ connection }) => {
        if (verify) await verifyBeforeSend(connection);
        const report = await storeInstances(connection, instances, {
          signal: ctx.signal, stopOnFailure: true, recorder: { log: ws.sendLog, ae: ae.title, via: 'send' },
          onProgress: (r, total) => ctx.progress((r.completed + r.warning + r.failed) / total, `${r.completed + r.warning} of ${total} sent${r.failed ? `, ${r.failed} failed` : ''}`),
        });
        const failed = new Set(report.problems.filter((p) => statusCategory(p.status) === 'failure').map((p) => p.SOPInstanceUID));
        const sent = instances.filter((i) => !failed.has(i.SOPInstanceUID));
        if (!commitment || sent.length === 0) return { ...report, total: instances.length };
        ctx.progress(1, `${sent.length} sent; requesting storage commitment`);
        const outcome = await commitment.request(connection, ae.title, sent, c.commitmentWaitMs);
        const deleted = c.deleteCommitted && outcome.state === 'reported' ? deleteCommitted(ws, outcome.transactionUid).length : undefined;
        return { ...report, total: instances.length, commitment: { ...outcome, ...(deleted === undefined ? {} : { deleted }) } };
      });
    }),
    runner.register<FindPayload, FindResult>(NetJob.Find, async (job) => {
      const c = config();
      const ae = remote(ws, job.payload.ae, 'query');
      const { contexts, extendedNegotiations } = findProposals(job.payload);
      const session = await openScu(scuSettings(c), ae, contexts, { extendedNegotiations });
      return withSession(session, async ({ connection }) => {
        const queried = chooseFindModel(connection.association, job.payload);
        if (!queried) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${ae.title} accepted no C-FIND SOP class (${contexts.map((x) => x.abstractSyntax).join(', ')})`);
        const { ae: _ae, limit, ...request } = job.payload;
        return { ...(await findOn(connection, { ...request, model: queried.model }, limit ?? c.findScuLimit)), queried };
      });
    }),
    runner.register<WorklistPayload, WorklistResult>(NetJob.Worklist, async (job) => {
      const c = config();
      const ae = remote(ws, job.payload.ae, 'query');
      const session = await openScu(scuSettings(c), ae, [WORKLIST_CONTEXT]);
      return withSession(session, ({ connection }) => worklistOn(connection, job.payload.query, job.payload.limit ?? c.findScuLimit));
    }),
    runner.register<MovePayload, RetrieveResult>(NetJob.Move, async (job, ctx) => {
      const c = config();
      const ae = remote(ws, job.payload.ae, 'query');
      try {
        const session = await openScu(scuSettings(c), ae, retrieveContexts(job.payload, 'Move'));
        return await withSession(session, async ({ connection }) => retrieveOn(connection, await requestOf(connection, job.payload), { destination: job.payload.destination ?? c.aeTitle, signal: ctx.signal, onProgress: progressOf(ctx) }));
      } catch (e) {
        throw retryAfter(e, c.moveRetryDelayMs);
      }
    }),
    runner.register<GetPayload, GetResult>(NetJob.Get, async (job, ctx) => {
      const c = config();
      const ae = remote(ws, job.payload.ae, 'query');
      let stored = 0;
      const refused: { SOPInstanceUID?: string; reason: string }[] = [];
      const store = storeService({
        store: ws.store, uidRoot: c.uidRoot,
        onStored: (outcome) => {
          if ('code' in outcome) refused.push({ ...(outcome.SOPInstanceUID ? { SOPInstanceUID: outcome.SOPInstanceUID } : {}), reason: `${outcome.code}: ${outcome.reason}` });
          else stored++;
        },
      });
      const settings = scuSettings(c);
      try {
        // The C-FIND first (what the UID names, the SOP classes to propose), then the C-GET on as many associations as its contexts need.
        const { request, plan } = await planRetrieve(settings, ae, job.payload);
        const result = await retrieveByGet(request, {
          settings, peer: ae, plan, store: store.handlers[CommandField.CStoreRq]!,
          listInstances: async () => (await withFind(settings, ae, (connection) => listInstances(connection, request))) ?? undefined,
          signal: ctx.signal, onProgress: progressOf(ctx),
        });
        return { ...result, stored, refused };
      } catch (e) {
        throw retryAfter(e, c.moveRetryDelayMs);
      }
    }),
    registerMppsJobs(runner, { index: ws.index, steps: ws.steps, config, scu: scuSettings, remote: (name) => remote(ws, name) }),
    registerPrintJob(runner, { config, scu: scuSettings, remote: (name) => remote(ws, name, 'print'), render: ws.renderForPrint, profile: (title) => loadPrinterProfile(ws.settings, title) }),
  ];
  return { dispose: () => registrations.forEach((r) => r.dispose()) };
}

/**
 * The C-ECHO at the start of a send (TigerView conformance statement §2.2: C-ECHO before
 * C-STORE; per AE, `verifyBeforeSend`). @throws AtriumError `ATRIUM_ERR_NET_VERIFY_FAILED`
 * with the echo's reason (not retried: the peer answered).
 */
async function verifyBeforeSend(connection: DimseConnection): Promise<void> {
  try {
    await echoOn(connection);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    const ae = connection.association.calledAeTitle;
    throw new AtriumError('ATRIUM_ERR_NET_VERIFY_FAILED', `C-ECHO before sending to ${ae} failed, nothing sent: ${e.message} (atrium ae add ${ae} ... --verify-before-send off skips it)`, { ...e.details, ae, reason: e.code }, { cause: e });
  }
}

/** The contexts a retrieve needs: the operation's, plus Study Root C-FIND when the level must be found. */
function retrieveContexts(p: RetrievePayload, op: 'Move' | 'Get'): ReturnType<typeof qrContext>[] {
  return p.request ? [qrContext(modelFor(p.request), op)] : [qrContext('STUDY', op), qrContext('STUDY', 'Find')];
}

async function requestOf(connection: DimseConnection, p: RetrievePayload): Promise<QueryRequest> {
  if (p.request) return p.request;
  if (!p.uid) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', 'A retrieve needs a UID or an explicit request');
  return resolveRetrieve(connection, p.uid);
}

function progressOf(ctx: JobHandlerContext): (c: { remaining: number; completed: number; failed: number; warning: number }) => void {
  return (c) => {
    const done = c.completed + c.failed + c.warning;
    ctx.progress(done / Math.max(1, done + c.remaining), `${c.completed} completed, ${c.failed} failed, ${c.warning} warning, ${c.remaining} remaining`);
  };
}

/** Canon GCA-9300R conformance statement §4.2.5: a failed retrieve is retried every minute (configurable). */
function retryAfter(e: unknown, ms: number): unknown {
  if (!isAtriumError(e) || e.details.retryable !== true) return e;
  return AtriumError.relay(e.code, 'ATRIUM_ERR_NET_REMOTE_FAILED', e.message, { ...e.details, retryAfterMs: ms }, { cause: e });
}


