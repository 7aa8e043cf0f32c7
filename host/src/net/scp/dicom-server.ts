import { createServer, type Server, type Socket } from 'node:net';
import { AtriumError } from '../../errors/atrium-error.js';
import type { CallerIdentity } from '../config/remote-ae-table.js';
import { DimseConnection, type RequestHandler } from '../dimse/dimse-connection.js';
import { acceptAssociation, type AssociationDecision } from '../ul/accept-association.js';
import type { Association, AssociationEnd } from '../ul/association.js';
import { PcResult, RejectReason, RejectResult, RejectSource, type AssociateRq, type ContextAnswer, type ExtendedNegotiation } from '../ul/pdu.js';
import { admitCaller, queryRetrieveRefusal, type CallerPolicy } from './caller-policy.js';
import { negotiateContexts, type SupportedSyntaxes } from './negotiate-contexts.js';

/** A service the server offers: the syntaxes it negotiates and its request handlers. */
export interface ScpService {
  readonly syntaxes: SupportedSyntaxes;
  /** Command Field → handler. */
  readonly handlers: Readonly<Partial<Record<number, RequestHandler>>>;
  /** Query/retrieve: its contexts are accepted only for callers the policy lets query (see {@link admitCaller}). */
  readonly queryRetrieve?: boolean;
  /**
   * The answer to a SOP Class Extended Negotiation (PS3.7 §D.3.3.5) proposed for one of its
   * SOP classes with an accepted context; undefined: no answer (not supported).
   */
  readonly extendedNegotiation?: (sopClassUid: string, proposed: Uint8Array) => Uint8Array | undefined;
}

/** Options of {@link DicomServer}. */
export interface DicomServerOptions extends CallerPolicy {
  readonly aeTitle: string;
  readonly port: number;
  readonly bindAddress: string;
  readonly maxPduLength: number;
  /** Largest P-DATA-TF sent (0 or absent: the peer's maximum). */
  readonly maxPduSendLength?: number;
  /** The organisation UID root of the Implementation Class UID sent (absent: Atrium's own). */
  readonly uidRoot?: string;
  readonly associationTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxAssociations: number;
  /** Who a caller is in the AE table (default: nobody is registered). */
  readonly identifyCaller?: (title: string, address: string) => CallerIdentity;
  readonly services: readonly ScpService[];
  /** Events for logs and tests. */
  readonly onEvent?: (event: ServerEvent) => void;
}

/** What happened on the server, for logs (`atrium serve`) and tests. */
export type ServerEvent =
  | { readonly type: 'associated'; readonly id: number; readonly callingAeTitle: string; readonly peer: string; readonly contexts: number; readonly queryRetrieveRefused: boolean }
  | { readonly type: 'rejected'; readonly peer: string; readonly callingAeTitle: string; readonly why: string }
  | { readonly type: 'failed'; readonly peer: string; readonly error: AtriumError }
  | { readonly type: 'ended'; readonly id: number; readonly end: AssociationEnd };

/**
 * The DICOM SCP: a TCP listener that negotiates associations under the acceptance policy
 * (Canon GCA-9300R conformance statement §4.2.4.4 and §4.2.8.4, Shimadzu SCORE 3D
 * conformance statement §3) and runs the services' handlers on each.
 *
 * Policy, in order: a request no acceptor can serve is refused (see `checkAssociateRq`);
 * the called AE title must be ours (else A-ASSOCIATE-RJ permanent, called AE not
 * recognized); the caller policy ({@link admitCaller}: calling AE title and host as one
 * identity); at most `maxAssociations` at once (else RJ transient, local limit exceeded);
 * the query/retrieve contexts are refused (user rejection) to a caller the policy does
 * not let query — and when that leaves nothing the caller could use (only storage
 * contexts it takes the SCP role on, for C-GET), the association is rejected (calling AE
 * not recognized). Sockets have Nagle off. Malformed input aborts that association only.
 */
export class DicomServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly associations = new Map<number, Association>();
  private nextId = 0;
  private readonly syntaxes: Map<string, Set<string>>;
  private readonly handlers: Partial<Record<number, RequestHandler>> = {};
  /** Abstract syntaxes of the query/retrieve services. */
  private readonly queryRetrieve = new Set<string>();
  /** Abstract syntax → the service's answer to an extended negotiation. */
  private readonly extended = new Map<string, NonNullable<ScpService['extendedNegotiation']>>();

  constructor(private readonly options: DicomServerOptions) {
    this.syntaxes = new Map();
    for (const s of options.services) {
      for (const [abstract, tss] of s.syntaxes) {
        if (s.extendedNegotiation) this.extended.set(abstract, s.extendedNegotiation);
        const set = this.syntaxes.get(abstract) ?? new Set<string>();
        for (const t of tss) set.add(t);
        this.syntaxes.set(abstract, set);
        if (s.queryRetrieve) this.queryRetrieve.add(abstract);
      }
      Object.assign(this.handlers, s.handlers);
    }
  }

  /** Associations established and not yet ended. */
  get active(): number {
    return this.associations.size;
  }

  /**
   * Starts listening; resolves with the bound port (useful with port 0).
   * @throws AtriumError `ATRIUM_ERR_NET_LISTEN` (port in use, no permission).
   */
  listen(): Promise<number> {
    const server = createServer({ noDelay: true }, (socket) => this.connection(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e) => reject(new AtriumError('ATRIUM_ERR_NET_LISTEN', `Cannot listen on ${this.options.bindAddress}:${this.options.port}: ${e.message}`, { port: this.options.port }, { cause: e })));
      server.listen(this.options.port, this.options.bindAddress, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  /**
   * Stops accepting connections, lets established associations finish for up to
   * `graceMs`, then aborts those left.
   */
  async close(graceMs = 5000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const ends = [...this.associations.values()].map((a) => a.ended);
    await Promise.race([Promise.all(ends), new Promise((r) => setTimeout(r, graceMs).unref())]);
    for (const a of this.associations.values()) a.abort();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const peer = socket.remoteAddress ?? '';
    void acceptAssociation(socket, {
      maxPduLength: this.options.maxPduLength,
      ...(this.options.maxPduSendLength ? { maxSendPduLength: this.options.maxPduSendLength } : {}),
      ...(this.options.uidRoot ? { uidRoot: this.options.uidRoot } : {}),
      associationTimeoutMs: this.options.associationTimeoutMs,
      idleMs: this.options.idleTimeoutMs,
      decide: (rq, address) => this.decide(rq, address),
    }).then((outcome) => {
      if ('failed' in outcome) {
        this.options.onEvent?.({ type: 'failed', peer, error: outcome.failed });
        return;
      }
      if ('rejected' in outcome) {
        this.options.onEvent?.({ type: 'rejected', peer, callingAeTitle: outcome.request.callingAeTitle, why: outcome.rejected });
        return;
      }
      const { association, request } = outcome;
      const id = ++this.nextId;
      this.associations.set(id, association);
      new DimseConnection(association, { ...this.handlers });
      this.options.onEvent?.({ type: 'associated', id, callingAeTitle: association.callingAeTitle, peer, contexts: association.contexts.size, queryRetrieveRefused: this.queryRetrieveRefused(request, association) });
      void association.ended.then((end) => {
        this.associations.delete(id);
        this.options.onEvent?.({ type: 'ended', id, end });
      });
    });
  }

  /** The caller proposed query/retrieve and none of it was accepted (the caller policy). */
  private queryRetrieveRefused(request: AssociateRq, association: Association): boolean {
    const proposed = request.contexts.some((c) => this.queryRetrieve.has(c.abstractSyntax));
    return proposed && ![...association.contexts.values()].some((c) => this.queryRetrieve.has(c.abstractSyntax));
  }

  private decide(rq: AssociateRq, address: string): AssociationDecision {
    const o = this.options;
    const reject = (result: number, source: number, reason: number, why: string): AssociationDecision => ({ reject: { result, source, reason }, why });
    if ((rq.protocolVersion & 1) === 0) return reject(RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.ProtocolVersionNotSupported, `protocol version ${rq.protocolVersion} is not supported`);
    if (rq.calledAeTitle !== o.aeTitle) return reject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized, `called AE title "${rq.calledAeTitle}" is not ours ("${o.aeTitle}")`);
    let identity: CallerIdentity;
    try {
      identity = o.identifyCaller?.(rq.callingAeTitle, address) ?? { known: false, knownHost: false };
    } catch (e) {
      // The AE table cannot be read (the index is unreachable): the caller counts as unknown,
      // which the policy may let in (C-STORE then answers with a status of its own); if it lets
      // in only registered callers, refused for now (transient), not for good.
      if (!o.acceptUnknownCallingAe || !o.acceptUnknownHosts) {
        return reject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.TemporaryCongestion, `the AE table cannot be read: ${(e as Error).message}`);
      }
      identity = { known: false, knownHost: false };
    }
    const admission = admitCaller(o, identity, rq.callingAeTitle, address);
    if ('reject' in admission) return admission;
    if (this.associations.size >= o.maxAssociations) return reject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded, `${this.associations.size} associations are open (limit ${o.maxAssociations})`);
    const answer = negotiateContexts(rq.contexts, this.syntaxes, rq.userInformation.roleSelections, admission.queryRetrieve ? new Set() : this.queryRetrieve);
    // Refused query/retrieve and nothing else to do: contexts the caller may only act as
    // storage SCP on (SCU role 0, SCP role 1: a C-GET's sub-operations) serve no purpose.
    const getOnly = new Set(rq.userInformation.roleSelections.filter((r) => r.scpRole && !r.scuRole).map((r) => r.sopClassUid));
    const refusedQueryRetrieve = answer.contexts.some((c) => c.result === PcResult.UserRejection);
    const usable = answer.contexts.some((c) => c.result === PcResult.Acceptance && !getOnly.has(rq.contexts.find((p) => p.id === c.id)?.abstractSyntax ?? ''));
    if (refusedQueryRetrieve && !usable) return queryRetrieveRefusal(rq.callingAeTitle, address, identity);
    return { ...answer, extendedNegotiations: this.answerExtended(rq, answer.contexts) };
  }

  /** Answers to the extended negotiations proposed for SOP classes with an accepted context. */
  private answerExtended(rq: AssociateRq, contexts: readonly ContextAnswer[]): ExtendedNegotiation[] {
    const accepted = new Set(contexts.filter((c) => c.result === PcResult.Acceptance).map((c) => rq.contexts.find((p) => p.id === c.id)?.abstractSyntax));
    const out: ExtendedNegotiation[] = [];
    for (const x of rq.userInformation.extendedNegotiations ?? []) {
      const info = accepted.has(x.sopClassUid) ? this.extended.get(x.sopClassUid)?.(x.sopClassUid, x.info) : undefined;
      if (info) out.push({ sopClassUid: x.sopClassUid, info });
    }
    return out;
  }
}
