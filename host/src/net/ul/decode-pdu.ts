import { AtriumError } from '../../errors/atrium-error.js';
import {
  AbortReason,
  PduType,
  type ContextAnswer,
  type ExtendedNegotiation,
  type Pdu,
  type Pdv,
  type ProposedContext,
  type RoleSelection,
  type UserInformation,
} from './pdu.js';

const PDU_NAMES: Record<number, string> = {
  1: 'A-ASSOCIATE-RQ', 2: 'A-ASSOCIATE-AC', 3: 'A-ASSOCIATE-RJ', 4: 'P-DATA-TF', 5: 'A-RELEASE-RQ', 6: 'A-RELEASE-RP', 7: 'A-ABORT',
};

/** Name of a PDU type for messages (`PDU type 0x2a` when unknown). */
export function pduName(type: number): string {
  return PDU_NAMES[type] ?? `PDU type 0x${type.toString(16).padStart(2, '0')}`;
}

/**
 * A PDU that does not follow PS3.8 §9.3: `details.abortReason` is the A-ABORT reason to
 * send (PS3.8 Table 9-26), `details.offset` the byte offset inside the PDU.
 */
export function malformed(type: number, offset: number, what: string, abortReason: number = AbortReason.InvalidPduParameterValue): AtriumError {
  return new AtriumError('ATRIUM_ERR_NET_MALFORMED_PDU', `Malformed ${pduName(type)} at byte ${offset}: ${what}`, { pduType: type, offset, abortReason });
}

const text = (b: Buffer): string => b.toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '');

interface Item {
  readonly type: number;
  readonly value: Buffer;
  /** Offset of the item inside the PDU (including the 6-byte header). */
  readonly offset: number;
}

/** Splits `b` (starting at PDU offset `base`) into items of a 1-byte type, 1 reserved, 2-byte length. */
function items(pduType: number, b: Buffer, base: number): Item[] {
  const out: Item[] = [];
  let at = 0;
  while (at < b.length) {
    if (at + 4 > b.length) throw malformed(pduType, base + at, `item header needs 4 bytes, ${b.length - at} left`);
    const length = b.readUInt16BE(at + 2);
    if (at + 4 + length > b.length) throw malformed(pduType, base + at, `item 0x${b[at]!.toString(16)} claims ${length} bytes, ${b.length - at - 4} left`);
    out.push({ type: b[at]!, value: b.subarray(at + 4, at + 4 + length), offset: base + at });
    at += 4 + length;
  }
  return out;
}

function userInformation(pduType: number, it: Item): UserInformation {
  let maxPduLength: number | undefined;
  let implementationClassUid = '';
  let implementationVersionName: string | undefined;
  let asyncOps: UserInformation['asyncOps'];
  const roleSelections: RoleSelection[] = [];
  const extendedNegotiations: ExtendedNegotiation[] = [];
  for (const sub of items(pduType, it.value, it.offset + 4)) {
    if (sub.type === 0x51) {
      if (sub.value.length !== 4) throw malformed(pduType, sub.offset, `Maximum Length sub-item has length ${sub.value.length}, not 4`);
      maxPduLength = sub.value.readUInt32BE(0);
    } else if (sub.type === 0x52) implementationClassUid = text(sub.value);
    else if (sub.type === 0x55) implementationVersionName = text(sub.value);
    else if (sub.type === 0x53 && sub.value.length === 4) asyncOps = { invoked: sub.value.readUInt16BE(0), performed: sub.value.readUInt16BE(2) };
    else if (sub.type === 0x54) {
      if (sub.value.length < 2) throw malformed(pduType, sub.offset, 'SCP/SCU Role Selection sub-item too short');
      const n = sub.value.readUInt16BE(0);
      if (sub.value.length !== n + 4) throw malformed(pduType, sub.offset, `SCP/SCU Role Selection sub-item: UID length ${n} does not fit item length ${sub.value.length}`);
      roleSelections.push({ sopClassUid: text(sub.value.subarray(2, 2 + n)), scuRole: sub.value[2 + n] === 1, scpRole: sub.value[3 + n] === 1 });
    } else if (sub.type === 0x56) {
      if (sub.value.length < 2) throw malformed(pduType, sub.offset, 'SOP Class Extended Negotiation sub-item too short');
      const n = sub.value.readUInt16BE(0);
      if (n + 2 > sub.value.length) throw malformed(pduType, sub.offset, `SOP Class Extended Negotiation sub-item: UID length ${n} does not fit item length ${sub.value.length}`);
      extendedNegotiations.push({ sopClassUid: text(sub.value.subarray(2, 2 + n)), info: new Uint8Array(sub.value.subarray(2 + n)) });
    }
    // Other sub-items (common extended negotiation, user identity) are accepted and ignored (PS3.7 D.3.3).
  }
  if (maxPduLength === undefined) throw malformed(pduType, it.offset, 'User Information item has no Maximum Length sub-item (PS3.8 §9.3.2.3)');
  return { maxPduLength, implementationClassUid, ...(implementationVersionName ? { implementationVersionName } : {}), ...(asyncOps ? { asyncOps } : {}), roleSelections, ...(extendedNegotiations.length > 0 ? { extendedNegotiations } : {}) };
}

function associate(type: 1 | 2, body: Buffer): Pdu {
  if (body.length < 68) throw malformed(type, 6, `fixed fields need 68 bytes, got ${body.length}`);
  const protocolVersion = body.readUInt16BE(0);
  const calledAeTitle = text(body.subarray(4, 20));
  const callingAeTitle = text(body.subarray(20, 36));
  let applicationContext: string | undefined;
  let userInfo: UserInformation | undefined;
  const proposed: ProposedContext[] = [];
  const answers: ContextAnswer[] = [];
  for (const it of items(type, body.subarray(68), 6 + 68)) {
    if (it.type === 0x10) applicationContext = text(it.value);
    else if (it.type === 0x20 && type === PduType.AssociateRq) {
      if (it.value.length < 4) throw malformed(type, it.offset, 'Presentation Context item too short');
      let abstractSyntax: string | undefined;
      const transferSyntaxes: string[] = [];
      for (const sub of items(type, it.value.subarray(4), it.offset + 8)) {
        if (sub.type === 0x30) abstractSyntax = text(sub.value);
        else if (sub.type === 0x40) transferSyntaxes.push(text(sub.value));
        else throw malformed(type, sub.offset, `unexpected sub-item 0x${sub.type.toString(16)} in a Presentation Context item`, AbortReason.UnrecognizedPduParameter);
      }
      if (!abstractSyntax || transferSyntaxes.length === 0) throw malformed(type, it.offset, `Presentation Context ${it.value[0]} lacks its abstract syntax or transfer syntaxes`);
      proposed.push({ id: it.value[0]!, abstractSyntax, transferSyntaxes });
    } else if (it.type === 0x21 && type === PduType.AssociateAc) {
      if (it.value.length < 4) throw malformed(type, it.offset, 'Presentation Context item too short');
      const ts = items(type, it.value.subarray(4), it.offset + 8).find((s) => s.type === 0x40);
      answers.push({ id: it.value[0]!, result: it.value[2]!, transferSyntax: ts ? text(ts.value) : '' });
    } else if (it.type === 0x50) userInfo = userInformation(type, it);
    else throw malformed(type, it.offset, `unexpected item 0x${it.type.toString(16)}`, AbortReason.UnrecognizedPduParameter);
  }
  if (!applicationContext) throw malformed(type, 74, 'no Application Context item');
  if (!userInfo) throw malformed(type, 74, 'no User Information item');
  return type === PduType.AssociateRq
    ? { type, protocolVersion, calledAeTitle, callingAeTitle, applicationContext, contexts: proposed, userInformation: userInfo }
    : { type, protocolVersion, calledAeTitle, callingAeTitle, applicationContext, contexts: answers, userInformation: userInfo };
}

function pdata(body: Buffer): Pdu {
  const pdvs: Pdv[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 6 > body.length) throw malformed(PduType.PData, 6 + at, `PDV item header needs 6 bytes, ${body.length - at} left`);
    const length = body.readUInt32BE(at);
    if (length < 2 || at + 4 + length > body.length) throw malformed(PduType.PData, 6 + at, `PDV item length ${length} does not fit the ${body.length - at - 4} bytes left`);
    const header = body[at + 5]!;
    pdvs.push({ contextId: body[at + 4]!, command: (header & 1) === 1, last: (header & 2) === 2, data: body.subarray(at + 6, at + 4 + length) });
    at += 4 + length;
  }
  if (pdvs.length === 0) throw malformed(PduType.PData, 6, 'P-DATA-TF without a PDV item');
  return { type: PduType.PData, pdvs };
}

/**
 * Decodes the body of one PDU (the bytes after its 6-byte header).
 * @throws AtriumError `ATRIUM_ERR_NET_MALFORMED_PDU` naming the PDU, the byte offset and
 *   what was wrong; `details.abortReason` is the A-ABORT reason to answer with.
 */
export function decodePdu(type: number, body: Buffer): Pdu {
  switch (type) {
    case PduType.AssociateRq:
    case PduType.AssociateAc:
      return associate(type, body);
    case PduType.AssociateRj:
      if (body.length !== 4) throw malformed(type, 6, `length ${body.length}, not 4`);
      return { type, result: body[1]!, source: body[2]!, reason: body[3]! };
    case PduType.PData:
      return pdata(body);
    case PduType.ReleaseRq:
    case PduType.ReleaseRp:
      if (body.length !== 4) throw malformed(type, 6, `length ${body.length}, not 4`);
      return { type };
    case PduType.Abort:
      if (body.length !== 4) throw malformed(type, 6, `length ${body.length}, not 4`);
      return { type, source: body[2]!, reason: body[3]! };
    default:
      throw malformed(type, 0, 'unknown PDU type', AbortReason.UnrecognizedPdu);
  }
}

/** A PDV of a received P-DATA-TF, its value as slices of the received chunks (not copied). */
export interface ReceivedPdv {
  readonly contextId: number;
  readonly command: boolean;
  readonly last: boolean;
  readonly parts: readonly Buffer[];
}

/**
 * Decodes a P-DATA-TF body given as slices (see `PduFramer`): the PDV values stay slices
 * of the received chunks, so a data set is copied once, when it is assembled.
 * @throws AtriumError `ATRIUM_ERR_NET_MALFORMED_PDU` as {@link decodePdu}.
 */
export function decodePDataParts(parts: readonly Buffer[]): ReceivedPdv[] {
  const pdvs: ReceivedPdv[] = [];
  let part = 0;
  let at = 0; // offset in parts[part]
  let offset = 0; // offset in the whole body
  const total = parts.reduce((n, p) => n + p.length, 0);
  /** Walks the next `n` bytes across the parts, handing each stretch to `visit`. */
  const advance = (n: number, visit: (p: Buffer, from: number, to: number) => void): void => {
    for (let left = n; left > 0;) {
      const p = parts[part]!;
      const k = Math.min(left, p.length - at);
      visit(p, at, at + k);
      left -= k;
      at += k;
      if (at === p.length) {
        part++;
        at = 0;
      }
    }
    offset += n;
  };
  const read = (n: number): Buffer => {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    advance(n, (p, from, to) => {
      p.copy(out, filled, from, to);
      filled += to - from;
    });
    return out;
  };
  const slice = (n: number): Buffer[] => {
    const out: Buffer[] = [];
    advance(n, (p, from, to) => out.push(p.subarray(from, to)));
    return out;
  };
  while (offset < total) {
    if (offset + 6 > total) throw malformed(PduType.PData, 6 + offset, `PDV item header needs 6 bytes, ${total - offset} left`);
    const head = read(6);
    const length = head.readUInt32BE(0);
    if (length < 2 || offset - 2 + length > total) throw malformed(PduType.PData, 6 + offset - 6, `PDV item length ${length} does not fit the ${total - offset + 2} bytes left`);
    pdvs.push({ contextId: head[4]!, command: (head[5]! & 1) === 1, last: (head[5]! & 2) === 2, parts: slice(length - 2) });
  }
  if (pdvs.length === 0) throw malformed(PduType.PData, 6, 'P-DATA-TF without a PDV item');
  return pdvs;
}
