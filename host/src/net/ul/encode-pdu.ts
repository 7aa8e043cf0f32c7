import { PduType, type Abort, type AssociateAc, type AssociateRj, type AssociateRq, type Pdv, type UserInformation } from './pdu.js';

/** An AE title field: 16 bytes, space padded (PS3.8 Table 9-11). */
function aeField(title: string): Buffer {
  const b = Buffer.alloc(16, 0x20);
  b.write(title.slice(0, 16), 'latin1');
  return b;
}

function item(type: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = type;
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value]);
}

const uidItem = (type: number, uid: string): Buffer => item(type, Buffer.from(uid, 'latin1'));

function userInformationItem(u: UserInformation): Buffer {
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(u.maxPduLength >>> 0);
  const subs = [item(0x51, maxLength), uidItem(0x52, u.implementationClassUid)];
  if (u.asyncOps) {
    const v = Buffer.alloc(4);
    v.writeUInt16BE(u.asyncOps.invoked, 0);
    v.writeUInt16BE(u.asyncOps.performed, 2);
    subs.push(item(0x53, v));
  }
  for (const r of u.roleSelections) {
    const uid = Buffer.from(r.sopClassUid, 'latin1');
    const v = Buffer.alloc(4 + uid.length);
    v.writeUInt16BE(uid.length, 0);
    uid.copy(v, 2);
    v[2 + uid.length] = r.scuRole ? 1 : 0;
    v[3 + uid.length] = r.scpRole ? 1 : 0;
    subs.push(item(0x54, v));
  }
  if (u.implementationVersionName) subs.push(uidItem(0x55, u.implementationVersionName));
  for (const x of u.extendedNegotiations ?? []) {
    const uid = Buffer.from(x.sopClassUid, 'latin1');
    const head = Buffer.alloc(2);
    head.writeUInt16BE(uid.length, 0);
    subs.push(item(0x56, Buffer.concat([head, uid, x.info])));
  }
  return item(0x50, Buffer.concat(subs));
}

function pdu(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head[0] = type;
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

function associateHead(p: AssociateRq | AssociateAc): Buffer {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(p.protocolVersion, 0);
  aeField(p.calledAeTitle).copy(fixed, 4);
  aeField(p.callingAeTitle).copy(fixed, 20);
  return fixed;
}

/** A-ASSOCIATE-RQ (PS3.8 §9.3.2). */
export function encodeAssociateRq(p: AssociateRq): Buffer {
  const contexts = p.contexts.map((c) => {
    const head = Buffer.from([c.id, 0, 0, 0]);
    return item(0x20, Buffer.concat([head, uidItem(0x30, c.abstractSyntax), ...c.transferSyntaxes.map((t) => uidItem(0x40, t))]));
  });
  return pdu(PduType.AssociateRq, Buffer.concat([associateHead(p), uidItem(0x10, p.applicationContext), ...contexts, userInformationItem(p.userInformation)]));
}

/** A-ASSOCIATE-AC (PS3.8 §9.3.3). */
export function encodeAssociateAc(p: AssociateAc): Buffer {
  const contexts = p.contexts.map((c) => {
    const head = Buffer.from([c.id, 0, c.result, 0]);
    return item(0x21, Buffer.concat([head, uidItem(0x40, c.transferSyntax)]));
  });
  return pdu(PduType.AssociateAc, Buffer.concat([associateHead(p), uidItem(0x10, p.applicationContext), ...contexts, userInformationItem(p.userInformation)]));
}

/** A-ASSOCIATE-RJ (PS3.8 §9.3.4). */
export function encodeAssociateRj(p: Pick<AssociateRj, 'result' | 'source' | 'reason'>): Buffer {
  return pdu(PduType.AssociateRj, Buffer.from([0, p.result, p.source, p.reason]));
}

/** P-DATA-TF with the given PDVs (PS3.8 §9.3.5); `data` is not copied until the PDU is built. */
export function encodePData(pdvs: readonly Pdv[]): Buffer {
  const parts: Uint8Array[] = [];
  for (const v of pdvs) {
    const head = Buffer.alloc(6);
    head.writeUInt32BE(v.data.length + 2, 0);
    head[4] = v.contextId;
    head[5] = (v.command ? 1 : 0) | (v.last ? 2 : 0);
    parts.push(head, v.data);
  }
  return pdu(PduType.PData, Buffer.concat(parts));
}

/** A-RELEASE-RQ / A-RELEASE-RP (PS3.8 §9.3.6, §9.3.7). */
export function encodeRelease(type: typeof PduType.ReleaseRq | typeof PduType.ReleaseRp): Buffer {
  return pdu(type, Buffer.alloc(4));
}

/** A-ABORT (PS3.8 §9.3.8). */
export function encodeAbort(p: Pick<Abort, 'source' | 'reason'>): Buffer {
  return pdu(PduType.Abort, Buffer.from([0, 0, p.source, p.reason]));
}
