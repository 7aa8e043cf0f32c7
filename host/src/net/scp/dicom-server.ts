import { createServer, type Server, type Socket } from 'node:net';
import { AtriumError } from '../../errors/atrium-error.js';
import { DimseConnection, type RequestHandler } from '../dimse/dimse-connection.js';
import { acceptAssociation, type AssociationDecision } from '../ul/accept-association.js';
import type { Association, AssociationEnd } from '../ul/association.js';
import { RejectReason, RejectResult, RejectSource, type AssociateRq } from '../ul/pdu.js';
import { negotiateContexts, type SupportedSyntaxes } from './negotiate-contexts.js';

/** A service the server offers: the syntaxes it negotiates and its request handlers. */
export interface ScpService {
  readonly syntaxes: SupportedSyntaxes;
  /** Command Field → handler. */
  readonly handlers: Readonly<Partial<Record<number, RequestHandler>>>;
}

/** Options of {@link DicomServer}. */
export interface DicomServerOptions {
  readonly aeTitle: string;
  readonly port: number;
  readonly bindAddress: string;
  readonly maxPduLength: number;
  /** Largest P-DATA-TF sent (0 or absent: the peer's maximum). */
  readonly maxPduSendLength?: number;
  readonly associationTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxAssociations: number;
  readonly acceptUnknownCallingAe: boolean;
  readonly acceptUnknownHosts: boolean;
  /** Whether a calling AE title / a peer address is registered (AE table). */
  readonly isKnownCaller?: (title: string, address: string) => { title: boolean; host: boolean };
  readonly services: readonly ScpService[];
  /** Events for logs and tests. */
  readonly onEvent?: (event: ServerEvent) => void;
}

/** What happened on the server, for logs (`atrium serve`) and tests. */
export type ServerEvent =
  | { readonly type: 'associated'; readonly id: number; readonly callingAeTitle: string; readonly peer: string; readonly contexts: number }
  | { readonly type: 'rejected'; readonly peer: string; readonly callingAeTitle: string; readonly why: string }
  | { readonly type: 'failed'; readonly peer: string; readonly error: AtriumError }
  | { readonly type: 'ended'; readonly id: number; readonly end: AssociationEnd };

/**
 * The DICOM SCP: a TCP listener that negotiates associations under the acceptance policy
 * (seed 001 §4.2.8.4, seed 000 §3) and runs the services' handlers on each.
 *
 * Policy, in order: called AE title must be ours (else A-ASSOCIATE-RJ permanent, called
 * AE not recognized); with `acceptUnknownCallingAe` off the calling AE must be registered,
 * with `acceptUnknownHosts` off the address must be (else RJ permanent, calling AE not
 * recognized); at most `maxAssociations` at once (else RJ transient, local limit
 * exceeded). Sockets have Nagle off. Malformed input aborts that association only.
 */
export class DicomServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly associations = new Map<number, Association>();
  private nextId = 0;
  private readonly syntaxes: Map<string, Set<string>>;
  private readonly handlers: Partial<Record<number, RequestHandler>> = {};

  constructor(private readonly options: DicomServerOptions) {
    this.syntaxes = new Map();
    for (const s of options.services) {
      for (const [abstract, tss] of s.syntaxes) {
        const set = this.syntaxes.get(abstract) ?? new Set<string>();
        for (const t of tss) set.add(t);
        this.syntaxes.set(abstract, set);
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
      const { association } = outcome;
      const id = ++this.nextId;
      this.associations.set(id, association);
      new DimseConnection(association, { ...this.handlers });
      this.options.onEvent?.({ type: 'associated', id, callingAeTitle: association.callingAeTitle, peer, contexts: association.contexts.size });
      void association.ended.then((end) => {
        this.associations.delete(id);
        this.options.onEvent?.({ type: 'ended', id, end });
      });
    });
  }

  private decide(rq: AssociateRq, address: string): AssociationDecision {
    const o = this.options;
    const reject = (result: number, source: number, reason: number, why: string): AssociationDecision => ({ reject: { result, source, reason }, why });
    if ((rq.protocolVersion & 1) === 0) return reject(RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.ProtocolVersionNotSupported, `protocol version ${rq.protocolVersion} is not supported`);
    if (rq.calledAeTitle !== o.aeTitle) return reject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized, `called AE title "${rq.calledAeTitle}" is not ours ("${o.aeTitle}")`);
    if (!o.acceptUnknownCallingAe || !o.acceptUnknownHosts) {
      const known = o.isKnownCaller?.(rq.callingAeTitle, address) ?? { title: false, host: false };
      if (!o.acceptUnknownCallingAe && !known.title) return reject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized, `calling AE title "${rq.callingAeTitle}" is not registered (atrium ae add)`);
      if (!o.acceptUnknownHosts && !known.host) return reject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.NoReasonGiven, `address ${address} is not registered for any AE`);
    }
    if (this.associations.size >= o.maxAssociations) return reject(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded, `${this.associations.size} associations are open (limit ${o.maxAssociations})`);
    return negotiateContexts(rq.contexts, this.syntaxes, rq.userInformation.roleSelections);
  }
}
