import { DimseConnection, type RequestHandler } from '../dimse/dimse-connection.js';
import { requestAssociation, type ContextProposal } from '../ul/request-association.js';
import type { ExtendedNegotiation, RoleSelection } from '../ul/pdu.js';

/** The local settings an SCU needs (a subset of the network configuration). */
export interface ScuSettings {
  readonly aeTitle: string;
  readonly maxPduLength: number;
  /** Largest P-DATA-TF sent (absent: the peer's maximum). */
  readonly maxPduSendLength?: number;
  readonly connectTimeoutMs: number;
  readonly associationTimeoutMs: number;
  /** Longest wait for a PDU on the association (0 = none). */
  readonly dimseTimeoutMs: number;
  /** The organisation UID root of the Implementation Class UID (absent: Atrium's own). */
  readonly uidRoot?: string;
}

/** Where to connect: a remote AE. */
export interface RemotePeer {
  readonly title: string;
  readonly host: string;
  readonly port: number;
}

/** An SCU's open association with its DIMSE connection and the proposals that were refused. */
export interface ScuSession {
  readonly connection: DimseConnection;
  readonly refused: readonly (ContextProposal & { readonly result: number })[];
  /** Releases the association (aborts it when the release is not answered). */
  close(): Promise<void>;
}

/**
 * Requests an association with `peer` as SCU and wraps it in a {@link DimseConnection}.
 * `handlers` serve requests the peer sends back on it (C-STORE sub-operations of C-GET).
 */
export async function openScu(settings: ScuSettings, peer: RemotePeer, contexts: readonly ContextProposal[], options: { roleSelections?: readonly RoleSelection[]; extendedNegotiations?: readonly ExtendedNegotiation[]; handlers?: Partial<Record<number, RequestHandler>> } = {}): Promise<ScuSession> {
  const { association, refused } = await requestAssociation({
    host: peer.host, port: peer.port, callingAeTitle: settings.aeTitle, calledAeTitle: peer.title, contexts,
    ...(options.roleSelections ? { roleSelections: options.roleSelections } : {}),
    ...(options.extendedNegotiations ? { extendedNegotiations: options.extendedNegotiations } : {}),
    maxPduLength: settings.maxPduLength, ...(settings.maxPduSendLength ? { maxSendPduLength: settings.maxPduSendLength } : {}), connectTimeoutMs: settings.connectTimeoutMs,
    associationTimeoutMs: settings.associationTimeoutMs, idleMs: settings.dimseTimeoutMs, ...(settings.uidRoot ? { uidRoot: settings.uidRoot } : {}),
  });
  const connection = new DimseConnection(association, options.handlers ?? {});
  return {
    connection,
    refused,
    close: async () => {
      if (association.open) await association.release();
    },
  };
}
