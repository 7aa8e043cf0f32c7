import type { Socket } from 'node:net';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { implementationClassUid, IMPLEMENTATION_VERSION_NAME } from '../../io/implementation.js';
import { Association } from './association.js';
import { decodePdu, pduName } from './decode-pdu.js';
import { encodeAbort, encodeAssociateAc, encodeAssociateRj } from './encode-pdu.js';
import { checkAssociateRq, type AssociationRejection } from './check-associate-rq.js';
import { AbortReason, AbortSource, DICOM_APPLICATION_CONTEXT, PcResult, PduType, type AssociateRq, type ContextAnswer, type ExtendedNegotiation, type RoleSelection } from './pdu.js';
import { PduFramer } from './pdu-framer.js';

/** The acceptor's answer to an A-ASSOCIATE-RQ. */
export type AssociationDecision =
  | AssociationRejection
  | { readonly contexts: readonly ContextAnswer[]; readonly roleSelections: readonly RoleSelection[]; readonly extendedNegotiations?: readonly ExtendedNegotiation[] };

/** Options of {@link acceptAssociation}. */
export interface AcceptOptions {
  /** Largest P-DATA-TF we accept (0 = no limit). */
  readonly maxPduLength: number;
  /** Largest P-DATA-TF we send (0 or absent: the peer's maximum). */
  readonly maxSendPduLength?: number;
  /** The organisation UID root of the Implementation Class UID sent (absent: Atrium's own). */
  readonly uidRoot?: string;
  /** ARTIM: how long to wait for the A-ASSOCIATE-RQ (PS3.8 §9.1.5). */
  readonly associationTimeoutMs: number;
  /** No PDU for this long on the established association: abort. */
  readonly idleMs: number;
  /** Decides from the request and the peer's address (a request {@link checkAssociateRq} refuses never gets here). */
  decide(request: AssociateRq, peerAddress: string): AssociationDecision;
}

/** The outcome of one incoming connection's negotiation. */
export type AcceptOutcome =
  | { readonly association: Association; readonly request: AssociateRq }
  | { readonly rejected: string; readonly request: AssociateRq }
  | { readonly failed: AtriumError };

/**
 * Negotiates an association as acceptor on a new connection: waits (ARTIM) for the
 * A-ASSOCIATE-RQ, answers A-ASSOCIATE-RJ for a request no acceptor can serve
 * ({@link checkAssociateRq}), else -AC or -RJ as `decide` says, and on bad input
 * (garbage, a truncated PDU, a PDU other than A-ASSOCIATE-RQ) answers A-ABORT with the
 * PS3.8 reason and closes. Never throws; never waits longer than the ARTIM timeout.
 */
export function acceptAssociation(socket: Socket, options: AcceptOptions): Promise<AcceptOutcome> {
  socket.setNoDelay(true);
  const peer = socket.remoteAddress ?? '';
  const framer = new PduFramer(options.maxPduLength);
  return new Promise<AcceptOutcome>((resolve) => {
    const done = (outcome: AcceptOutcome): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onClose);
      resolve(outcome);
    };
    const fail = (e: AtriumError): void => {
      const reason = typeof e.details.abortReason === 'number' ? e.details.abortReason : AbortReason.NotSpecified;
      if (socket.writable) socket.end(encodeAbort({ source: AbortSource.ServiceProvider, reason }));
      setTimeout(() => socket.destroy(), 1000).unref();
      done({ failed: e });
    };
    const timer = setTimeout(() => fail(new AtriumError('ATRIUM_ERR_NET_TIMEOUT', `No A-ASSOCIATE-RQ from ${peer} within ${options.associationTimeoutMs} ms (ARTIM)`, { peer })), options.associationTimeoutMs);
    const onClose = (): void => done({ failed: new AtriumError('ATRIUM_ERR_NET_CONNECTION', `${peer} closed the connection before an association was established (${framer.pending} bytes of an incomplete PDU)`, { peer }) });
    const onData = (chunk: Buffer): void => {
      try {
        const [raw, extra] = framer.push(chunk);
        if (!raw) return;
        if (raw.type !== PduType.AssociateRq) throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `${peer} sent ${pduName(raw.type)} before A-ASSOCIATE-RQ`, { peer, abortReason: AbortReason.UnexpectedPdu });
        if (extra) throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `${peer} sent ${pduName(extra.type)} before the association was accepted`, { peer, abortReason: AbortReason.UnexpectedPdu });
        const request = decodePdu(raw.type, raw.body) as AssociateRq;
        const decision = checkAssociateRq(request) ?? options.decide(request, peer);
        if ('reject' in decision) {
          socket.end(encodeAssociateRj(decision.reject));
          setTimeout(() => socket.destroy(), 1000).unref();
          done({ rejected: decision.why, request });
          return;
        }
        socket.write(encodeAssociateAc({
          type: PduType.AssociateAc, protocolVersion: 1, calledAeTitle: request.calledAeTitle, callingAeTitle: request.callingAeTitle,
          applicationContext: DICOM_APPLICATION_CONTEXT, contexts: decision.contexts,
          userInformation: { maxPduLength: options.maxPduLength, implementationClassUid: implementationClassUid(options.uidRoot), implementationVersionName: IMPLEMENTATION_VERSION_NAME, roleSelections: decision.roleSelections, ...(decision.extendedNegotiations?.length ? { extendedNegotiations: decision.extendedNegotiations } : {}) },
        }));
        const accepted = decision.contexts.filter((c) => c.result === PcResult.Acceptance).map((c) => ({
          id: c.id, transferSyntax: c.transferSyntax, abstractSyntax: request.contexts.find((p) => p.id === c.id)?.abstractSyntax ?? '',
        }));
        done({
          request,
          association: new Association({
            socket, role: 'acceptor', callingAeTitle: request.callingAeTitle, calledAeTitle: request.calledAeTitle, contexts: accepted,
            ...(decision.extendedNegotiations ? { extendedNegotiations: decision.extendedNegotiations } : {}),
            peerMaxPduLength: request.userInformation.maxPduLength, localMaxPduLength: options.maxPduLength, framer,
            ...(options.maxSendPduLength ? { localMaxSendLength: options.maxSendPduLength } : {}),
            timers: { idleMs: options.idleMs, releaseMs: options.associationTimeoutMs },
          }),
        });
      } catch (e) {
        fail(isAtriumError(e) ? e : new AtriumError('ATRIUM_ERR_NET_INTERNAL', `Internal error negotiating with ${peer}: ${(e as Error).message}`, { peer }, { cause: e }));
      }
    };
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onClose);
  });
}
