import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { RequestHandler } from '../dimse/dimse-connection.js';
import { GetStatus, statusCategory } from '../../errors/dimse-statuses.js';
import { storageSopClasses, UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { ENCAPSULATED_SYNTAXES, GET_SYNTAX_GROUPS, getAssociationPlans, type GetAssociationPlan } from './get-contexts.js';
import type { GetPlan, InstanceRef } from './get-plan.js';
import { openScu, type RemotePeer, type ScuSettings } from './open-scu.js';
import { modelFor, qrContext, type QueryRequest } from './query-scu.js';
import { retrieveOn, type RetrieveCounts, type RetrieveResult } from './retrieve-scu.js';

/** What {@link retrieveByGet} needs besides the request. */
export interface GetOptions {
  readonly settings: ScuSettings;
  readonly peer: RemotePeer;
  /** What the C-GET SCU learnt from C-FIND (see `planGet`). */
  readonly plan: GetPlan;
  /** Handles the C-STORE sub-operations (our Storage SCP's handler). */
  readonly store: RequestHandler;
  /** Lists the instances of the request when the plan has none and some did not come (see `listInstances`). */
  readonly listInstances: () => Promise<readonly InstanceRef[] | undefined>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (counts: RetrieveCounts) => void;
}

/** Per class, the transfer syntaxes the peer accepted in the first pass. */
type Accepted = Map<string, Set<string>>;

/**
 * C-GET as SCU over as many associations as its storage contexts need (PS3.4 §C.4.3,
 * PS3.8: at most 128 contexts each):
 * 1. the classes of the plan (every storage class, in one uncompressed context each, when
 *    the peer told none), each syntax in a context of its own, split by
 *    `getAssociationPlans`; on one association the request is sent as it is, over several
 *    each asks for the instances of its classes (IMAGE level, SOP Instance UID lists) when
 *    an image-level C-FIND gives their classes — else the request is sent on each;
 * 2. when sub-operations failed, the instances that did not come (the plan's image-level
 *    list, or one made now) are asked for again at IMAGE level, one compressed syntax
 *    at a time per association — for a peer that sends an instance on the first context
 *    it accepted for its class (DCMTK's dcmqrscp), whatever that context's syntax.
 * The result counts the instances: completed = received, failed = listed and never
 * received (with their UIDs); the status is 0000, B000 or A702 accordingly, FE00 when
 * cancelled.
 * @throws as `openScu`; AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` for a failure status
 *   other than failed sub-operations (an identifier the peer refuses).
 */
export async function retrieveByGet(request: QueryRequest, options: GetOptions): Promise<RetrieveResult> {
  // SOP Instance UID → the status we answered its C-STORE with (a success is not undone by a later copy refused).
  const received = new Map<string, number>();
  const store: RequestHandler = (incoming, responder) => options.store(incoming, {
    ...responder,
    respond: (fields, dataset) => {
      const uid = incoming.command.AffectedSOPInstanceUID ?? '';
      if (statusCategory(received.get(uid) ?? GetStatus.UnableToProcess.code) === 'failure') received.set(uid, fields.Status);
      return responder.respond(fields, dataset);
    },
  });
  const classes = options.plan.classes ?? storageSopClasses();
  const groups = options.plan.classes ? GET_SYNTAX_GROUPS : [UNCOMPRESSED_SYNTAXES];
  let listed = options.plan.instances;
  let plans = getAssociationPlans(classes, groups, [qrContext(modelFor(request), 'Get')]);
  // Over several associations, each asks only for the instances of its classes (a peer such
  // as Orthanc ends a C-GET at its first instance without a context) — when their classes are known.
  if (plans.length > 1 && !withClasses(listed)) listed = (await options.listInstances()) ?? listed;
  const split = plans.length > 1 && withClasses(listed);
  if (split) plans = getAssociationPlans(classes, groups, [qrContext('STUDY', 'Get')]);
  const accepted: Accepted = new Map();
  const peerFailed = new Set<string>();
  let anyFailed = false;
  let cancelled = false;
  for (const plan of plans) {
    const requests = split ? imageRequests(listed!.filter((i) => plan.classes.includes(i.SOPClassUID))) : [request];
    if (requests.length === 0) continue;
    const results = await getOn(plan, requests, options, store, accepted);
    // No storage context accepted: nothing could come on this association.
    if (!results) anyFailed = true;
    for (const r of results ?? []) {
      r.failedSOPInstanceUIDs.forEach((u) => peerFailed.add(u));
      anyFailed ||= r.failed > 0 || r.status === GetStatus.OutOfResourcesSubOperations.code;
      cancelled ||= r.status === GetStatus.Cancel.code;
    }
    if (cancelled || options.signal?.aborted) break;
  }
  let missing = listed?.filter((i) => !received.has(i.SOPInstanceUID));
  if (anyFailed && !cancelled && !options.signal?.aborted) {
    listed ??= await options.listInstances();
    missing = listed?.filter((i) => !received.has(i.SOPInstanceUID));
    for (const syntax of ENCAPSULATED_SYNTAXES) {
      if (!missing || missing.length === 0 || options.signal?.aborted) break;
      missing = await retryMissing(missing, syntax, options, store, accepted, received);
    }
  }
  return countOutcome(received, missing ? missing.map((i) => i.SOPInstanceUID) : [...peerFailed].filter((u) => !received.has(u)), cancelled || options.signal?.aborted === true);
}

/** True when every listed instance has its SOP class. */
const withClasses = (list: readonly InstanceRef[] | undefined): list is readonly InstanceRef[] => list !== undefined && list.length > 0 && list.every((i) => i.SOPClassUID !== '');

/** The counts of a multi-association C-GET, from what we answered and what never came. */
function countOutcome(received: ReadonlyMap<string, number>, neverCame: readonly string[], cancelled: boolean): RetrieveResult {
  const refused = [...received].filter(([, status]) => statusCategory(status) === 'failure').map(([uid]) => uid);
  const warning = [...received.values()].filter((status) => statusCategory(status) === 'warning').length;
  const completed = received.size - refused.length - warning;
  const failedSOPInstanceUIDs = [...refused, ...neverCame];
  const failed = failedSOPInstanceUIDs.length;
  const status = cancelled ? GetStatus.Cancel
    : failed === 0 && warning === 0 ? GetStatus.Success
    : completed + warning > 0 ? GetStatus.SubOperationsWarning : GetStatus.OutOfResourcesSubOperations;
  return { status: status.code, remaining: 0, completed, failed, warning, failedSOPInstanceUIDs };
}

/** SOP Instance UIDs per C-GET identifier: a UID list stays well under 64 KiB (an explicit VR length). */
const UIDS_PER_REQUEST = 500;

/** IMAGE-level requests for `instances`: per series, their SOP Instance UIDs as a list. */
function imageRequests(instances: readonly InstanceRef[]): QueryRequest[] {
  const bySeries = new Map<string, InstanceRef[]>();
  for (const i of instances) {
    const key = `${i.StudyInstanceUID}|${i.SeriesInstanceUID}`;
    const list = bySeries.get(key) ?? [];
    list.push(i);
    bySeries.set(key, list);
  }
  const out: QueryRequest[] = [];
  for (const list of bySeries.values()) {
    for (let at = 0; at < list.length; at += UIDS_PER_REQUEST) {
      const uids = list.slice(at, at + UIDS_PER_REQUEST).map((i) => i.SOPInstanceUID);
      out.push({ level: 'IMAGE', model: 'STUDY', keys: { StudyInstanceUID: list[0]!.StudyInstanceUID, SeriesInstanceUID: list[0]!.SeriesInstanceUID, SOPInstanceUID: uids.join('\\') } });
    }
  }
  return out;
}

/**
 * One retry pass for the instances still missing: their classes (when the listing has
 * none, the classes the peer accepted in the first pass) with `syntax` alone — not for a
 * class the first pass proposed with every syntax and whose `syntax` context the peer
 * refused; the instances asked for per series with a SOP Instance UID list.
 */
async function retryMissing(missing: InstanceRef[], syntax: string, options: GetOptions, store: RequestHandler, accepted: Accepted, received: ReadonlyMap<string, number>): Promise<InstanceRef[]> {
  const known = missing.every((i) => i.SOPClassUID !== '');
  const candidates = known ? [...new Set(missing.map((i) => i.SOPClassUID))] : [...accepted.keys()];
  const classes = candidates.filter((c) => !options.plan.classes?.includes(c) || accepted.get(c)?.has(syntax) === true);
  for (const plan of getAssociationPlans(classes, [[syntax]], [qrContext('STUDY', 'Get')])) {
    const requests = imageRequests(missing.filter((i) => !received.has(i.SOPInstanceUID) && (!known || plan.classes.includes(i.SOPClassUID))));
    if (requests.length > 0) await getOn(plan, requests, options, store, undefined);
  }
  return missing.filter((i) => !received.has(i.SOPInstanceUID));
}

/**
 * Opens one association for `plan` (the storage classes with the SCP role), sends each
 * request as a C-GET, and records (in `accepted`) the syntaxes accepted per class;
 * undefined (nothing sent) when the peer accepted none of the storage contexts.
 */
async function getOn(plan: GetAssociationPlan, requests: readonly QueryRequest[], options: GetOptions, store: RequestHandler, accepted: Accepted | undefined): Promise<RetrieveResult[] | undefined> {
  const session = await openScu(options.settings, options.peer, plan.contexts, {
    roleSelections: plan.classes.map((sopClassUid) => ({ sopClassUid, scuRole: false, scpRole: true })),
    handlers: { [CommandField.CStoreRq]: store },
  });
  const results: RetrieveResult[] = [];
  try {
    const storage = [...session.connection.association.contexts.values()].filter((c) => plan.classes.includes(c.abstractSyntax));
    for (const c of storage) if (accepted) accepted.set(c.abstractSyntax, (accepted.get(c.abstractSyntax) ?? new Set()).add(c.transferSyntax));
    if (storage.length === 0) return undefined;
    for (const request of requests) {
      results.push(await retrieveOn(session.connection, request, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }).catch(subOperationsFailed));
      if (options.signal?.aborted) break;
    }
    return results;
  } finally {
    await session.close();
  }
}

/** A C-GET whose sub-operations failed is a result to go on from; any other failure is thrown. */
function subOperationsFailed(e: unknown): RetrieveResult {
  if (isAtriumError(e, 'ATRIUM_ERR_NET_REMOTE_FAILED')) {
    const result = e.details.result as RetrieveResult | undefined;
    if (result && (result.failed > 0 || result.status === GetStatus.OutOfResourcesSubOperations.code)) return result;
  }
  throw e instanceof Error ? e : new AtriumError('ATRIUM_ERR_NET_INTERNAL', String(e));
}
