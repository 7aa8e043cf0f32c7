import type { CallerIdentity } from '../config/remote-ae-table.js';
import type { AssociationRejection } from '../ul/check-associate-rq.js';
import { RejectReason, RejectResult, RejectSource } from '../ul/pdu.js';

/** The three switches of the SCP's caller policy (network settings of the same names). */
export interface CallerPolicy {
  /** Accept calling AE titles that are not in the AE table with role `call`. */
  readonly acceptUnknownCallingAe: boolean;
  /** Accept connections from addresses that are not the host of an AE with role `call`. */
  readonly acceptUnknownHosts: boolean;
  /** Serve C-FIND / C-MOVE / C-GET to callers that are not a registered AE at its own host. */
  readonly acceptUnknownQueryRetrieve: boolean;
}

/** A caller let in, and whether it may query and retrieve. */
export interface CallerAdmission {
  readonly queryRetrieve: boolean;
}

const notRecognized = (why: string): AssociationRejection => ({
  reject: { result: RejectResult.Permanent, source: RejectSource.ServiceUser, reason: RejectReason.CallingAeNotRecognized }, why,
});

/**
 * Applies the caller policy to an A-ASSOCIATE-RQ: the calling AE title and the address it
 * comes from are one identity (an AE table entry with role `call`).
 * - `acceptUnknownCallingAe` false: the title must be registered (else RJ permanent,
 *   calling AE title not recognized);
 * - `acceptUnknownHosts` false: a registered title is accepted only from its own host
 *   (else the same RJ), any other title only from the host of a registered caller (else
 *   RJ permanent, no reason given);
 * - C-FIND, C-MOVE and C-GET only for a known peer — its registered title from its own
 *   host — unless `acceptUnknownQueryRetrieve` (the Canon GCA-9300R conformance statement,
 *   §4.2.4.4: FIND-SCP accepts known callers by default; STORAGE-SCP, §4.2.8.4, everyone).
 */
export function admitCaller(policy: CallerPolicy, identity: CallerIdentity, callingAeTitle: string, address: string): CallerAdmission | AssociationRejection {
  const { registered } = identity;
  if (!policy.acceptUnknownCallingAe && !registered) {
    return notRecognized(`calling AE title "${callingAeTitle}" is not registered with role "call" (atrium ae add ${callingAeTitle} --host ${address} --port <n> --roles call)`);
  }
  if (!policy.acceptUnknownHosts) {
    if (registered && !identity.known) return notRecognized(`calling AE title "${callingAeTitle}" is registered for host ${registered.host}, not ${address}`);
    if (!identity.knownHost) {
      return { reject: { result: RejectResult.Permanent, source: RejectSource.ServiceUser, reason: RejectReason.NoReasonGiven }, why: `address ${address} is not the host of any AE registered with role "call"` };
    }
  }
  return { queryRetrieve: identity.known || policy.acceptUnknownQueryRetrieve };
}

/** Why a caller's query/retrieve contexts were refused, for the A-ASSOCIATE-RJ when nothing else was proposed. */
export function queryRetrieveRefusal(callingAeTitle: string, address: string, identity: CallerIdentity): AssociationRejection {
  const who = identity.registered ? `"${callingAeTitle}" is registered for host ${identity.registered.host}, not ${address}` : `"${callingAeTitle}" at ${address} is not in the AE table with role "call"`;
  return notRecognized(`C-FIND, C-MOVE and C-GET are served to registered callers only: ${who} (atrium ae add, or atrium config set acceptUnknownQueryRetrieve true)`);
}

/** The policy in force, one line per service group (`atrium serve` prints it at start, with the number of registered callers). */
export function describeCallerPolicy(policy: CallerPolicy, registeredCallers?: number): string[] {
  const callers = registeredCallers === undefined ? '' : `; ${registeredCallers} AE${registeredCallers === 1 ? '' : 's'} registered with role "call"`;
  const titles = policy.acceptUnknownCallingAe ? 'any calling AE title' : 'registered calling AE titles only';
  const hosts = policy.acceptUnknownHosts ? 'from any host' : 'each from its registered host (unregistered titles: from a registered caller\'s host)';
  return [
    `associations: ${titles}, ${hosts} (acceptUnknownCallingAe=${policy.acceptUnknownCallingAe}, acceptUnknownHosts=${policy.acceptUnknownHosts}${callers})`,
    `C-ECHO, C-STORE: every caller let in`,
    `C-FIND, C-MOVE, C-GET: ${policy.acceptUnknownQueryRetrieve ? 'every caller let in' : 'registered callers only, each from its registered host'} (acceptUnknownQueryRetrieve=${policy.acceptUnknownQueryRetrieve})`,
  ];
}
