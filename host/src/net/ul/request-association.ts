import { connect, type Socket } from 'node:net';
import { sopClassName } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { implementationClassUid, IMPLEMENTATION_VERSION_NAME } from '../../io/implementation.js';
import { Association, type AcceptedContext } from './association.js';
import { decodePdu, pduName } from './decode-pdu.js';
import { encodeAbort, encodeAssociateRq } from './encode-pdu.js';
import { AbortReason, AbortSource, DICOM_APPLICATION_CONTEXT, PcResult, PduType, describeAbort, describeReject, peerMaxLengthProblem, type ExtendedNegotiation, type RoleSelection } from './pdu.js';
import { PduFramer } from './pdu-framer.js';

/** Abstract syntaxes as a reader knows them, name then UID: `Modality Worklist Information Model - FIND 1.2.840.10008.5.1.4.31`. */
function namedSyntaxes(uids: readonly string[]): string {
  return [...new Set(uids)].map((uid) => {
    const name = sopClassName(uid);
    return name === undefined ? uid : `${name} ${uid}`;
  }).join(', ');
}

/** A presentation context to propose: one abstract syntax, transfer syntaxes in order of preference. */
export interface ContextProposal {
  readonly abstractSyntax: string;
  readonly transferSyntaxes: readonly string[];
}

/** Options of {@link requestAssociation}. */
export interface RequestOptions {
  readonly host: string;
  readonly port: number;
  readonly callingAeTitle: string;
  readonly calledAeTitle: string;
  /** At most 128 (PS3.8: odd context IDs 1…255). */
  readonly contexts: readonly ContextProposal[];
  readonly roleSelections?: readonly RoleSelection[];
  /** SOP Class Extended Negotiations to propose (the association keeps the peer's answers). */
  readonly extendedNegotiations?: readonly ExtendedNegotiation[];
  /** Largest P-DATA-TF we accept (0 = no limit). */
  readonly maxPduLength: number;
  /** Largest P-DATA-TF we send (0 or absent: the peer's maximum). */
  readonly maxSendPduLength?: number;
  /** The organisation UID root of the Implementation Class UID sent (absent: Atrium's own). */
  readonly uidRoot?: string;
  readonly connectTimeoutMs: number;
  /** Waiting for A-ASSOCIATE-AC/RJ, and for A-RELEASE-RP. */
  readonly associationTimeoutMs: number;
  /** No PDU for this long on the established association: abort (0 = none). */
  readonly idleMs: number;
}

/** An association we requested, with what the peer refused. */
export interface RequestedAssociation {
  readonly association: Association;
  /** Proposals the peer did not accept, with the PS3.8 result code. */
  readonly refused: readonly (ContextProposal & { readonly result: number })[];
}

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AtriumError('ATRIUM_ERR_NET_CONNECT', `No TCP connection to ${host}:${port} within ${timeoutMs} ms`, { host, port, retryable: true }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new AtriumError('ATRIUM_ERR_NET_CONNECT', `Cannot connect to ${host}:${port}: ${e.message}`, { host, port, retryable: true }, { cause: e }));
    });
  });
}

/**
 * Opens a TCP connection and negotiates an association as requestor (PS3.8 §7.1).
 * @throws AtriumError `ATRIUM_ERR_NET_CONNECT` (no connection; retryable),
 *   `ATRIUM_ERR_NET_REJECTED` (A-ASSOCIATE-RJ; `details.result/source/reason`, retryable
 *   when transient), `ATRIUM_ERR_NET_ABORTED`, `ATRIUM_ERR_NET_TIMEOUT`,
 *   `ATRIUM_ERR_NET_MALFORMED_PDU`, `ATRIUM_ERR_NET_MAX_LENGTH` (an A-ASSOCIATE-AC whose
 *   Maximum Length no P-DATA-TF fits: A-ABORT, invalid PDU parameter value),
 *   `ATRIUM_ERR_NET_NO_CONTEXT` (nothing accepted).
 */
export async function requestAssociation(options: RequestOptions): Promise<RequestedAssociation> {
  if (options.contexts.length === 0 || options.contexts.length > 128) {
    throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `An association proposes 1 to 128 presentation contexts, not ${options.contexts.length}`);
  }
  const socket = await open(options.host, options.port, options.connectTimeoutMs);
  const proposed = options.contexts.map((c, i) => ({ id: 2 * i + 1, ...c }));
  const where = `${options.calledAeTitle}@${options.host}:${options.port}`;
  const framer = new PduFramer(options.maxPduLength);
  return new Promise<RequestedAssociation>((resolve, reject) => {
    const fail = (e: AtriumError, abortReason?: number): void => {
      cleanup();
      if (abortReason !== undefined) socket.end(encodeAbort({ source: AbortSource.ServiceProvider, reason: abortReason }));
      socket.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new AtriumError('ATRIUM_ERR_NET_TIMEOUT', `No answer to A-ASSOCIATE-RQ from ${where} within ${options.associationTimeoutMs} ms`, { retryable: true }), AbortReason.NotSpecified), options.associationTimeoutMs);
    const onData = (chunk: Buffer): void => {
      try {
        const [raw, extra] = framer.push(chunk);
        if (!raw) return;
        if (extra) throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `${pduName(extra.type)} arrived before the association was established`, { abortReason: AbortReason.UnexpectedPdu });
        const pdu = decodePdu(raw.type, raw.body);
        if (pdu.type === PduType.AssociateRj) {
          fail(new AtriumError('ATRIUM_ERR_NET_REJECTED', `${where} rejected the association: ${describeReject(pdu)}`, { result: pdu.result, source: pdu.source, reason: pdu.reason, retryable: pdu.result === 2 }));
          return;
        }
        if (pdu.type === PduType.Abort) {
          fail(new AtriumError('ATRIUM_ERR_NET_ABORTED', `${where} ${describeAbort(pdu)} during association negotiation`, { retryable: true }));
          return;
        }
        if (pdu.type !== PduType.AssociateAc) throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `Expected A-ASSOCIATE-AC, got ${pduName(pdu.type)}`, { abortReason: AbortReason.UnexpectedPdu });
        const maxLength = peerMaxLengthProblem(pdu.userInformation.maxPduLength);
        if (maxLength) throw new AtriumError('ATRIUM_ERR_NET_MAX_LENGTH', `${where} accepted the association, but its ${maxLength}; the association was aborted`, { maxPduLength: pdu.userInformation.maxPduLength, abortReason: AbortReason.InvalidPduParameterValue });
        const accepted: AcceptedContext[] = [];
        const refused: RequestedAssociation['refused'][number][] = [];
        for (const p of proposed) {
          const answer = pdu.contexts.find((a) => a.id === p.id);
          if (answer?.result === PcResult.Acceptance && p.transferSyntaxes.includes(answer.transferSyntax)) accepted.push({ id: p.id, abstractSyntax: p.abstractSyntax, transferSyntax: answer.transferSyntax });
          else refused.push({ abstractSyntax: p.abstractSyntax, transferSyntaxes: p.transferSyntaxes, result: answer?.result ?? PcResult.NoReason });
        }
        cleanup();
        const association = new Association({
          socket, role: 'requestor', callingAeTitle: options.callingAeTitle, calledAeTitle: options.calledAeTitle, contexts: accepted,
          // Only answers to what we proposed count (PS3.7 §D.3.3.5).
          extendedNegotiations: (pdu.userInformation.extendedNegotiations ?? []).filter((x) => options.extendedNegotiations?.some((p) => p.sopClassUid === x.sopClassUid)),
          peerMaxPduLength: pdu.userInformation.maxPduLength, localMaxPduLength: options.maxPduLength, framer,
          ...(options.maxSendPduLength ? { localMaxSendLength: options.maxSendPduLength } : {}),
          timers: { idleMs: options.idleMs, releaseMs: options.associationTimeoutMs },
        });
        if (accepted.length === 0) {
          association.abort();
          reject(new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${where} accepted none of the ${proposed.length} proposed presentation contexts (${namedSyntaxes(options.contexts.map((c) => c.abstractSyntax))}): it does not offer ${new Set(options.contexts.map((c) => c.abstractSyntax)).size === 1 ? 'this service' : 'these services'}`, { refused }));
          return;
        }
        resolve({ association, refused });
      } catch (e) {
        if (!isAtriumError(e)) throw e;
        fail(e, typeof e.details.abortReason === 'number' ? e.details.abortReason : AbortReason.NotSpecified);
      }
    };
    const onClose = (): void => fail(new AtriumError('ATRIUM_ERR_NET_CONNECTION', `${where} closed the connection during association negotiation`, { retryable: true }));
    const onError = (e: Error): void => fail(new AtriumError('ATRIUM_ERR_NET_CONNECTION', `Connection to ${where} failed: ${e.message}`, { retryable: true }, { cause: e }));
    function cleanup(): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
    }
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onError);
    socket.write(encodeAssociateRq({
      type: PduType.AssociateRq, protocolVersion: 1, calledAeTitle: options.calledAeTitle, callingAeTitle: options.callingAeTitle,
      applicationContext: DICOM_APPLICATION_CONTEXT, contexts: proposed,
      userInformation: { maxPduLength: options.maxPduLength, implementationClassUid: implementationClassUid(options.uidRoot), implementationVersionName: IMPLEMENTATION_VERSION_NAME, roleSelections: options.roleSelections ?? [], ...(options.extendedNegotiations?.length ? { extendedNegotiations: options.extendedNegotiations } : {}) },
    }));
  });
}
