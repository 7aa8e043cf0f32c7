/**
 * The DICOM Upper Layer protocol data units (PS3.8 §9.3) as plain data. Encoding and
 * decoding live in `encode-pdu.ts` / `decode-pdu.ts`.
 */

/** PDU types (PS3.8 Table 9-11 … 9-26). */
export const PduType = {
  AssociateRq: 0x01,
  AssociateAc: 0x02,
  AssociateRj: 0x03,
  PData: 0x04,
  ReleaseRq: 0x05,
  ReleaseRp: 0x06,
  Abort: 0x07,
} as const;

/** The DICOM Application Context Name (PS3.7 Annex A.2.1). */
export const DICOM_APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';

/** Presentation context results of an A-ASSOCIATE-AC (PS3.8 Table 9-18). */
export const PcResult = {
  Acceptance: 0,
  UserRejection: 1,
  NoReason: 2,
  AbstractSyntaxNotSupported: 3,
  TransferSyntaxesNotSupported: 4,
} as const;

/** A-ASSOCIATE-RJ result / source / reason (PS3.8 Table 9-21). */
export const RejectResult = { Permanent: 1, Transient: 2 } as const;
export const RejectSource = { ServiceUser: 1, ServiceProviderAcse: 2, ServiceProviderPresentation: 3 } as const;
export const RejectReason = {
  /** sources 1 and 2 */
  NoReasonGiven: 1,
  ApplicationContextNotSupported: 2,
  CallingAeNotRecognized: 3,
  CalledAeNotRecognized: 7,
  /** source 2 */
  ProtocolVersionNotSupported: 2,
  /** source 3 */
  TemporaryCongestion: 1,
  LocalLimitExceeded: 2,
} as const;

/** A-ABORT source and provider reasons (PS3.8 Table 9-26). */
export const AbortSource = { ServiceUser: 0, ServiceProvider: 2 } as const;
export const AbortReason = {
  NotSpecified: 0,
  UnrecognizedPdu: 1,
  UnexpectedPdu: 2,
  UnrecognizedPduParameter: 4,
  UnexpectedPduParameter: 5,
  InvalidPduParameterValue: 6,
} as const;

/**
 * Smallest Maximum Length (PS3.8 §D.1) accepted from a peer, 0 (no limit) aside. A P-DATA-TF
 * carries its PDV header in the first 6 bytes of that length, so 1–6 leave no room for data
 * (a sender would loop on empty or negative fragments) and a few bytes more would cut an
 * object into millions of PDUs; DCMTK never announces less than 4096.
 */
export const MIN_PEER_MAX_PDU_LENGTH = 1024;

/** Why a peer's Maximum Length cannot be honoured, or undefined when it can (0 = no limit). */
export function peerMaxLengthProblem(maxPduLength: number): string | undefined {
  if (maxPduLength === 0 || maxPduLength >= MIN_PEER_MAX_PDU_LENGTH) return undefined;
  return `Maximum Length ${maxPduLength} is under ${MIN_PEER_MAX_PDU_LENGTH} bytes (0 for no limit): P-DATA-TF PDUs of that size carry ${Math.max(0, maxPduLength - 6)} bytes of data each`;
}

/** A presentation context proposed in an A-ASSOCIATE-RQ. */
export interface ProposedContext {
  /** Odd, 1…255. */
  readonly id: number;
  readonly abstractSyntax: string;
  readonly transferSyntaxes: readonly string[];
}

/** A presentation context answered in an A-ASSOCIATE-AC. */
export interface ContextAnswer {
  readonly id: number;
  readonly result: number;
  /** The chosen transfer syntax (meaningful when accepted). */
  readonly transferSyntax: string;
}

/** SCP/SCU Role Selection sub-item (PS3.7 §D.3.3.4). */
export interface RoleSelection {
  readonly sopClassUid: string;
  readonly scuRole: boolean;
  readonly scpRole: boolean;
}

/** User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D.3.3). */
/**
 * SOP Class Extended Negotiation sub-item (PS3.7 §D.3.3.5): the service-class application
 * information of one SOP class, e.g. for C-FIND (PS3.4 §C.5.1.1) byte 1 = 1: relational queries.
 */
export interface ExtendedNegotiation {
  readonly sopClassUid: string;
  readonly info: Uint8Array;
}

export interface UserInformation {
  /** Maximum length of the P-DATA-TF PDUs the sender can receive; 0 = no limit. */
  readonly maxPduLength: number;
  readonly implementationClassUid: string;
  readonly implementationVersionName?: string;
  readonly asyncOps?: { readonly invoked: number; readonly performed: number };
  readonly roleSelections: readonly RoleSelection[];
  /** SOP Class Extended Negotiation sub-items: proposed (RQ), or agreed (AC). */
  readonly extendedNegotiations?: readonly ExtendedNegotiation[];
}

export interface AssociateRq {
  readonly type: typeof PduType.AssociateRq;
  readonly protocolVersion: number;
  readonly calledAeTitle: string;
  readonly callingAeTitle: string;
  readonly applicationContext: string;
  readonly contexts: readonly ProposedContext[];
  readonly userInformation: UserInformation;
}

export interface AssociateAc {
  readonly type: typeof PduType.AssociateAc;
  readonly protocolVersion: number;
  readonly calledAeTitle: string;
  readonly callingAeTitle: string;
  readonly applicationContext: string;
  readonly contexts: readonly ContextAnswer[];
  readonly userInformation: UserInformation;
}

export interface AssociateRj {
  readonly type: typeof PduType.AssociateRj;
  readonly result: number;
  readonly source: number;
  readonly reason: number;
}

/** One Presentation Data Value item of a P-DATA-TF. */
export interface Pdv {
  readonly contextId: number;
  readonly command: boolean;
  readonly last: boolean;
  readonly data: Uint8Array;
}

export interface PData {
  readonly type: typeof PduType.PData;
  readonly pdvs: readonly Pdv[];
}

export interface ReleaseRq {
  readonly type: typeof PduType.ReleaseRq;
}
export interface ReleaseRp {
  readonly type: typeof PduType.ReleaseRp;
}
export interface Abort {
  readonly type: typeof PduType.Abort;
  readonly source: number;
  readonly reason: number;
}

export type Pdu = AssociateRq | AssociateAc | AssociateRj | PData | ReleaseRq | ReleaseRp | Abort;

/** Human-readable A-ASSOCIATE-RJ (for error messages and logs). */
export function describeReject(rj: Pick<AssociateRj, 'result' | 'source' | 'reason'>): string {
  const result = rj.result === RejectResult.Transient ? 'transient' : 'permanent';
  const reasons: Record<number, Record<number, string>> = {
    1: { 1: 'no reason given', 2: 'application context name not supported', 3: 'calling AE title not recognized', 7: 'called AE title not recognized' },
    2: { 1: 'no reason given', 2: 'protocol version not supported' },
    3: { 1: 'temporary congestion', 2: 'local limit exceeded' },
  };
  const source = ({ 1: 'service user', 2: 'service provider (ACSE)', 3: 'service provider (presentation)' } as Record<number, string>)[rj.source] ?? `source ${rj.source}`;
  return `${result} rejection by the ${source}: ${reasons[rj.source]?.[rj.reason] ?? `reason ${rj.reason}`}`;
}

/** Human-readable A-ABORT. */
export function describeAbort(a: Pick<Abort, 'source' | 'reason'>): string {
  if (a.source !== AbortSource.ServiceProvider) return 'aborted by the service user';
  const reasons: Record<number, string> = {
    0: 'reason not specified', 1: 'unrecognized PDU', 2: 'unexpected PDU', 4: 'unrecognized PDU parameter',
    5: 'unexpected PDU parameter', 6: 'invalid PDU parameter value',
  };
  return `aborted by the service provider: ${reasons[a.reason] ?? `reason ${a.reason}`}`;
}
