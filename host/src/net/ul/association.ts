import type { Socket } from 'node:net';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { decodeCommand, encodeCommand, hasDataSet, type DimseCommand } from '../dimse/dimse-command.js';
import { decodePDataParts, decodePdu, pduName, type ReceivedPdv } from './decode-pdu.js';
import { encodeAbort, encodeRelease } from './encode-pdu.js';
import { AbortReason, AbortSource, PduType, describeAbort, peerMaxLengthProblem, type ExtendedNegotiation, type Pdu } from './pdu.js';
import { PduFramer } from './pdu-framer.js';

/** A presentation context both sides agreed on. */
export interface AcceptedContext {
  readonly id: number;
  readonly abstractSyntax: string;
  readonly transferSyntax: string;
}

/** One DIMSE message: the command and, when it has one, the data set's raw bytes (in the context's transfer syntax). */
export interface DimseMessage {
  readonly contextId: number;
  readonly command: DimseCommand;
  readonly dataset?: Uint8Array;
  /**
   * A received data set as the slices it arrived in (not copied): a consumer that writes
   * it somewhere (the C-STORE SCP) copies it once; `dataset` joins them on first use.
   */
  readonly datasetParts?: readonly Uint8Array[];
}

/** A received message whose `dataset` is joined from its parts only when asked for. */
function receivedMessage(contextId: number, command: DimseCommand, parts: readonly Buffer[]): DimseMessage {
  let joined: Uint8Array | undefined;
  return {
    contextId,
    command,
    datasetParts: parts,
    get dataset(): Uint8Array {
      joined ??= parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      return joined;
    },
  };
}

/** How an association ended. */
export interface AssociationEnd {
  /** `released`: A-RELEASE done; `aborted`: A-ABORT sent or received; `closed`: the TCP connection ended without either. */
  readonly how: 'released' | 'aborted' | 'closed';
  /** Why, when it was not a release. */
  readonly error?: AtriumError;
}

/** Timeouts of an established association (ms; 0 = none). */
export interface AssociationTimers {
  /**
   * No byte received or sent for this long: abort (our idle limit). Also the deadline of
   * one PDU: from its first byte to its last, however the bytes trickle in.
   */
  readonly idleMs: number;
  /** Waiting for A-RELEASE-RP. */
  readonly releaseMs: number;
}

/** What an {@link Association} needs from the negotiation that created it. */
export interface AssociationInit {
  readonly socket: Socket;
  readonly role: 'requestor' | 'acceptor';
  readonly callingAeTitle: string;
  readonly calledAeTitle: string;
  readonly contexts: readonly AcceptedContext[];
  /** The SOP Class Extended Negotiations agreed (the acceptor's answers). */
  readonly extendedNegotiations?: readonly ExtendedNegotiation[];
  /** Largest P-DATA-TF the peer accepts (0 = no limit). */
  readonly peerMaxPduLength: number;
  /** Largest P-DATA-TF we accept (0 = no limit). */
  readonly localMaxPduLength: number;
  /** Largest P-DATA-TF we send (Canon GCA-9300R conformance statement, Table 4-74); the PDUs sent are min(this, the peer's maximum). */
  readonly localMaxSendLength?: number;
  readonly timers: AssociationTimers;
  /** Framer already holding bytes received after the negotiation PDU. */
  readonly framer: PduFramer;
}

/** Fragment size used when the peer has no limit. */
const UNLIMITED_FRAGMENT = 1024 * 1024;

/**
 * An established DICOM association (PS3.8 §7) on one TCP socket, for either side:
 * sends DIMSE messages fragmented to the peer's maximum PDU length (writes honour socket
 * back-pressure), reassembles received ones without copying fragments more than once,
 * and ends by release, abort or connection loss. Any protocol violation by the peer
 * aborts the association (A-ABORT with the PS3.8 reason) — it never throws out of a
 * socket event and never waits forever: the idle timer ends a silent association, the
 * PDU deadline one that trickles a PDU in byte by byte.
 *
 * Messages are delivered in order to {@link onMessage}; a release request from the peer
 * is answered after {@link onReleaseRequest} resolves (so operations in progress finish).
 */
export class Association {
  readonly role: 'requestor' | 'acceptor';
  readonly callingAeTitle: string;
  readonly calledAeTitle: string;
  readonly contexts: ReadonlyMap<number, AcceptedContext>;
  /** The SOP Class Extended Negotiations agreed (PS3.7 §D.3.3.5), as the acceptor answered them. */
  readonly extendedNegotiations: readonly ExtendedNegotiation[];
  readonly peerAddress: string;
  readonly ended: Promise<AssociationEnd>;
  /** Receives every complete DIMSE message. */
  onMessage: (message: DimseMessage) => void = () => undefined;
  /** Called on A-RELEASE-RQ from the peer; the A-RELEASE-RP is sent when it resolves. */
  onReleaseRequest: () => Promise<void> | void = () => undefined;

  private readonly socket: Socket;
  private readonly framer: PduFramer;
  private readonly fragment: number;
  private readonly timers: AssociationTimers;
  private state: 'open' | 'releasing' | 'ended' = 'open';
  private endWith!: (end: AssociationEnd) => void;
  private releaseAnswered: (() => void) | undefined;
  private command: Buffer[] = [];
  private current: { contextId: number; command: DimseCommand } | undefined;
  private data: Buffer[] = [];
  private sending: Promise<void> = Promise.resolve();
  /** Runs while a PDU is partly received (see {@link AssociationTimers.idleMs}). */
  private pduDeadline: NodeJS.Timeout | undefined;

  constructor(init: AssociationInit) {
    this.role = init.role;
    this.socket = init.socket;
    this.callingAeTitle = init.callingAeTitle;
    this.calledAeTitle = init.calledAeTitle;
    this.contexts = new Map(init.contexts.map((c) => [c.id, c]));
    this.extendedNegotiations = init.extendedNegotiations ?? [];
    this.peerAddress = init.socket.remoteAddress ?? '';
    this.framer = init.framer;
    this.timers = init.timers;
    const maxLength = peerMaxLengthProblem(init.peerMaxPduLength);
    // Both negotiations refuse such a peer first; a fragment must never be empty or negative.
    if (maxLength) throw new AtriumError('ATRIUM_ERR_NET_MAX_LENGTH', `Cannot send to ${init.socket.remoteAddress ?? ''}: ${maxLength}`, { maxPduLength: init.peerMaxPduLength });
    this.fragment = Math.min(init.peerMaxPduLength || UNLIMITED_FRAGMENT, init.localMaxSendLength || UNLIMITED_FRAGMENT, UNLIMITED_FRAGMENT) - 6;
    this.ended = new Promise((resolve) => (this.endWith = resolve));
    this.socket.setNoDelay(true);
    this.socket.setTimeout(this.timers.idleMs);
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    if (this.framer.pending > 0) this.startPduDeadline();
    this.socket.on('timeout', () => this.abortWith(new AtriumError('ATRIUM_ERR_NET_TIMEOUT', `No PDU from ${this.peerAddress} for ${this.timers.idleMs} ms: association aborted`, { idleMs: this.timers.idleMs })));
    this.socket.on('error', (e) => this.finish({ how: 'closed', error: new AtriumError('ATRIUM_ERR_NET_CONNECTION', `Connection to ${this.peerAddress} failed: ${e.message}`, {}, { cause: e }) }));
    this.socket.on('close', () => this.finish(this.state === 'releasing' && this.role === 'acceptor'
      ? { how: 'released' }
      : { how: 'closed', error: new AtriumError('ATRIUM_ERR_NET_CONNECTION', `Connection to ${this.peerAddress} closed without A-RELEASE or A-ABORT`) }));
  }

  /** True until the association was released, aborted or lost. */
  get open(): boolean {
    return this.state === 'open';
  }

  /** The accepted context for an abstract syntax (and transfer syntax, when given). */
  contextFor(abstractSyntax: string, transferSyntax?: string): AcceptedContext | undefined {
    for (const c of this.contexts.values()) if (c.abstractSyntax === abstractSyntax && (!transferSyntax || c.transferSyntax === transferSyntax)) return c;
    return undefined;
  }

  /**
   * C-FIND relational queries agreed for this SOP class (PS3.4 §C.5.1.1: byte 1 of the
   * service-class application information is 1).
   */
  relationalQueries(sopClassUid: string): boolean {
    return this.extendedNegotiations.some((x) => x.sopClassUid === sopClassUid && x.info[0] === 1);
  }

  /**
   * Sends one DIMSE message (command, then the data set when given), fragmented to the
   * peer's maximum PDU length. Messages are sent one after the other in call order.
   * @throws AtriumError `ATRIUM_ERR_NET_NOT_OPEN` when the association has ended.
   */
  send(message: DimseMessage): Promise<void> {
    const next = this.sending.then(() => this.write(message));
    this.sending = next.catch(() => undefined);
    return next;
  }

  private async write(message: DimseMessage): Promise<void> {
    if (this.state === 'ended') throw new AtriumError('ATRIUM_ERR_NET_NOT_OPEN', 'The association has ended; nothing can be sent');
    await this.writeFragments(message.contextId, true, encodeCommand(message.command));
    if (message.dataset) await this.writeFragments(message.contextId, false, message.dataset);
  }

  private async writeFragments(contextId: number, command: boolean, bytes: Uint8Array): Promise<void> {
    let at = 0;
    do {
      const n = Math.min(this.fragment, bytes.length - at);
      const last = at + n >= bytes.length;
      const head = Buffer.alloc(12);
      head[0] = PduType.PData;
      head.writeUInt32BE(n + 6, 2);
      head.writeUInt32BE(n + 2, 6);
      head[10] = contextId;
      head[11] = (command ? 1 : 0) | (last ? 2 : 0);
      this.socket.cork();
      this.socket.write(head);
      const ok = this.socket.write(bytes.subarray(at, at + n));
      this.socket.uncork();
      at += n;
      if (!ok && this.state !== 'ended') await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
      if (this.state === 'ended') throw new AtriumError('ATRIUM_ERR_NET_NOT_OPEN', 'The association ended while a message was being sent');
    } while (at < bytes.length);
  }

  /** Requests release (A-RELEASE-RQ) and waits for the answer (bounded by the release timer), then closes. */
  async release(): Promise<AssociationEnd> {
    if (this.state !== 'open') return this.ended;
    await this.sending;
    this.state = 'releasing';
    const answered = new Promise<void>((resolve) => (this.releaseAnswered = resolve));
    this.socket.write(encodeRelease(PduType.ReleaseRq));
    const timer = setTimeout(() => this.abortWith(new AtriumError('ATRIUM_ERR_NET_TIMEOUT', `No A-RELEASE-RP from ${this.peerAddress} within ${this.timers.releaseMs} ms`)), this.timers.releaseMs);
    await Promise.race([answered, this.ended]);
    clearTimeout(timer);
    this.socket.end();
    this.finish({ how: 'released' });
    return this.ended;
  }

  /** Sends A-ABORT (service user, unless a provider reason is given) and closes the connection. */
  abort(reason?: number): void {
    if (this.state === 'ended') return;
    this.socket.end(encodeAbort(reason === undefined ? { source: AbortSource.ServiceUser, reason: 0 } : { source: AbortSource.ServiceProvider, reason }));
    this.finish({ how: 'aborted', error: new AtriumError('ATRIUM_ERR_NET_ABORTED', 'Association aborted locally') });
  }

  private abortWith(error: AtriumError): void {
    if (this.state === 'ended') return;
    const reason = typeof error.details.abortReason === 'number' ? error.details.abortReason : AbortReason.NotSpecified;
    this.socket.end(encodeAbort({ source: AbortSource.ServiceProvider, reason }));
    this.finish({ how: 'aborted', error });
  }

  private finish(end: AssociationEnd): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.socket.setTimeout(0);
    clearTimeout(this.pduDeadline);
    this.endWith(end);
    // The peer closes after A-RELEASE-RP / A-ABORT; one that does not is cut off.
    if (!this.socket.destroyed) setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  /** Feeds received bytes through the framer (also used for bytes left over from the negotiation). */
  receive(chunk: Buffer): void {
    if (this.state === 'ended') return;
    try {
      const pdus = this.framer.push(chunk);
      if (pdus.length > 0) {
        clearTimeout(this.pduDeadline);
        this.pduDeadline = undefined;
      }
      for (const raw of pdus) {
        if (raw.type === PduType.PData) this.pdata(decodePDataParts(raw.parts));
        else this.handle(decodePdu(raw.type, raw.body));
        if (this.isEnded()) return;
      }
      if (this.framer.pending > 0) this.startPduDeadline();
    } catch (e) {
      if (isAtriumError(e)) this.abortWith(e);
      else this.abortWith(new AtriumError('ATRIUM_ERR_NET_INTERNAL', `Internal error on the association with ${this.peerAddress}: ${(e as Error).message}`, {}, { cause: e }));
    }
  }

  /** Starts the deadline of the PDU whose first bytes are buffered (kept when more bytes of it arrive). */
  private startPduDeadline(): void {
    const ms = this.timers.idleMs;
    if (this.pduDeadline || ms === 0) return;
    this.pduDeadline = setTimeout(() => this.abortWith(new AtriumError(
      'ATRIUM_ERR_NET_TIMEOUT',
      `A PDU from ${this.peerAddress} was not complete ${ms} ms after its first byte (${this.framer.pending} bytes received): association aborted`,
      { pduMs: ms, received: this.framer.pending },
    )), ms);
  }

  private isEnded(): boolean {
    return this.state === 'ended';
  }

  private handle(pdu: Pdu): void {
    switch (pdu.type) {
      case PduType.PData:
        return this.pdata(pdu.pdvs.map((v) => ({ contextId: v.contextId, command: v.command, last: v.last, parts: [Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)] })));
      case PduType.ReleaseRq:
        if (this.state !== 'open') return;
        this.state = 'releasing';
        void Promise.resolve()
          .then(() => this.onReleaseRequest())
          .then(() => this.sending)
          .finally(() => {
            if (this.socket.writable) this.socket.end(encodeRelease(PduType.ReleaseRp));
            this.finish({ how: 'released' });
          });
        return;
      case PduType.ReleaseRp:
        if (this.state !== 'releasing' || !this.releaseAnswered) throw this.unexpected(pdu.type);
        this.releaseAnswered();
        return;
      case PduType.Abort:
        this.finish({ how: 'aborted', error: new AtriumError('ATRIUM_ERR_NET_ABORTED', `Association with ${this.peerAddress} ${describeAbort(pdu)}`, { source: pdu.source, reason: pdu.reason }) });
        return;
      default:
        throw this.unexpected(pdu.type);
    }
  }

  private unexpected(type: number): AtriumError {
    return new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `Unexpected ${pduName(type)} on an established association`, { pduType: type, abortReason: AbortReason.UnexpectedPdu });
  }

  private pdata(pdvs: readonly ReceivedPdv[]): void {
    for (const pdv of pdvs) {
      if (!this.contexts.has(pdv.contextId)) {
        throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `P-DATA-TF for presentation context ${pdv.contextId}, which was not accepted`, { contextId: pdv.contextId, abortReason: AbortReason.InvalidPduParameterValue });
      }
      if (pdv.command) {
        if (this.current) throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', 'A command fragment arrived while a data set was expected', { abortReason: AbortReason.UnexpectedPduParameter });
        this.command.push(...pdv.parts);
        if (!pdv.last) continue;
        const command = decodeCommand(Buffer.concat(this.command));
        this.command = [];
        if (hasDataSet(command)) this.current = { contextId: pdv.contextId, command };
        else this.onMessage({ contextId: pdv.contextId, command });
      } else {
        if (!this.current || this.current.contextId !== pdv.contextId) {
          throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `A data set fragment (context ${pdv.contextId}) arrived without its command`, { abortReason: AbortReason.UnexpectedPduParameter });
        }
        this.data.push(...pdv.parts);
        if (!pdv.last) continue;
        const { contextId, command } = this.current;
        this.current = undefined;
        const parts = this.data;
        this.data = [];
        this.onMessage(receivedMessage(contextId, command, parts));
      }
    }
  }
}
