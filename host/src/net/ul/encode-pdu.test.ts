import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { decodePdu } from './decode-pdu.js';
import { encodeAbort, encodeAssociateAc, encodeAssociateRj, encodeAssociateRq, encodePData, encodeRelease } from './encode-pdu.js';
import { DICOM_APPLICATION_CONTEXT, PduType, type AssociateAc, type AssociateRq, type Pdu } from './pdu.js';

const rq: AssociateRq = {
  type: PduType.AssociateRq, protocolVersion: 1, calledAeTitle: 'ATRIUM', callingAeTitle: 'STORESCU', applicationContext: DICOM_APPLICATION_CONTEXT,
  contexts: [
    { id: 1, abstractSyntax: '1.2.840.10008.1.1', transferSyntaxes: ['1.2.840.10008.1.2'] },
    { id: 3, abstractSyntax: '1.2.840.10008.5.1.4.1.1.4', transferSyntaxes: ['1.2.840.10008.1.2.1', '1.2.840.10008.1.2'] },
  ],
  userInformation: {
    maxPduLength: 16384, implementationClassUid: '1.2.3.4.5', implementationVersionName: 'ATRIUM_1', asyncOps: { invoked: 1, performed: 1 },
    roleSelections: [{ sopClassUid: '1.2.840.10008.5.1.4.1.1.4', scuRole: false, scpRole: true }],
  },
};
const ac: AssociateAc = {
  type: PduType.AssociateAc, protocolVersion: 1, calledAeTitle: 'ATRIUM', callingAeTitle: 'STORESCU', applicationContext: DICOM_APPLICATION_CONTEXT,
  contexts: [{ id: 1, result: 0, transferSyntax: '1.2.840.10008.1.2' }, { id: 3, result: 4, transferSyntax: '1.2.840.10008.1.2.1' }],
  userInformation: { maxPduLength: 0, implementationClassUid: '1.2.3.4.5', roleSelections: [] },
};

/** Splits an encoded PDU into its header fields and decodes its body. */
function roundTrip(bytes: Buffer): Pdu {
  expect(bytes.readUInt32BE(2)).toBe(bytes.length - 6);
  return decodePdu(bytes[0]!, bytes.subarray(6));
}

function malformedAt(type: number, body: Buffer): { offset: unknown; abortReason: unknown; message: string } {
  try {
    decodePdu(type, body);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    expect(e.code).toBe('ATRIUM_ERR_NET_MALFORMED_PDU');
    return { offset: e.details.offset, abortReason: e.details.abortReason, message: e.message };
  }
  throw new Error('decodePdu accepted a malformed PDU');
}

describe('encode-pdu / decode-pdu', () => {
  it('round-trips every PDU type', () => {
    expect(roundTrip(encodeAssociateRq(rq))).toEqual(rq);
    expect(roundTrip(encodeAssociateAc(ac))).toEqual(ac);
    expect(roundTrip(encodeAssociateRj({ result: 2, source: 3, reason: 2 }))).toEqual({ type: 3, result: 2, source: 3, reason: 2 });
    const pdvs = [{ contextId: 3, command: true, last: true, data: Buffer.from([1, 2, 3, 4]) }, { contextId: 3, command: false, last: false, data: Buffer.from([9, 8]) }];
    expect(roundTrip(encodePData(pdvs))).toEqual({ type: 4, pdvs });
    expect(roundTrip(encodeRelease(PduType.ReleaseRq))).toEqual({ type: 5 });
    expect(roundTrip(encodeRelease(PduType.ReleaseRp))).toEqual({ type: 6 });
    expect(roundTrip(encodeAbort({ source: 2, reason: 6 }))).toEqual({ type: 7, source: 2, reason: 6 });
  });

  it('encodes the exact bytes of PS3.8 for the fixed PDUs', () => {
    expect([...encodeAssociateRj({ result: 1, source: 1, reason: 7 })]).toEqual([3, 0, 0, 0, 0, 4, 0, 1, 1, 7]);
    expect([...encodeRelease(PduType.ReleaseRq)]).toEqual([5, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
    expect([...encodeAbort({ source: 2, reason: 1 })]).toEqual([7, 0, 0, 0, 0, 4, 0, 0, 2, 1]);
    expect([...encodePData([{ contextId: 1, command: true, last: true, data: Buffer.from([0xaa, 0xbb]) }])]).toEqual([4, 0, 0, 0, 0, 8, 0, 0, 0, 4, 1, 3, 0xaa, 0xbb]);
    const b = encodeAssociateRq(rq);
    expect(b.readUInt16BE(6)).toBe(1);
    expect(b.toString('latin1', 10, 26)).toBe('ATRIUM          ');
    expect(b.toString('latin1', 26, 42)).toBe('STORESCU        ');
    expect(b[74]).toBe(0x10);
  });

  it('SOP Class Extended Negotiation sub-items (PS3.7 §D.3.3.5): item 0x56, UID length, UID, application information', () => {
    const find = '1.2.840.10008.5.1.4.1.2.2.1';
    const withExtended: AssociateRq = { ...rq, userInformation: { ...rq.userInformation, extendedNegotiations: [{ sopClassUid: find, info: Uint8Array.of(1) }] } };
    const bytes = encodeAssociateRq(withExtended);
    expect(roundTrip(bytes)).toEqual(withExtended);
    const at = bytes.lastIndexOf(Buffer.from(find, 'latin1')) - 6;
    expect([...bytes.subarray(at, at + 6)]).toEqual([0x56, 0, 0, 2 + find.length + 1, 0, find.length]);
    expect(bytes[at + 6 + find.length]).toBe(1);
    const answered: AssociateAc = { ...ac, userInformation: { ...ac.userInformation, extendedNegotiations: [{ sopClassUid: find, info: Uint8Array.of(0) }] } };
    expect(roundTrip(encodeAssociateAc(answered))).toEqual(answered);
  });

  it('rejects malformed input with ATRIUM_ERR_NET_MALFORMED_PDU, the offset and the A-ABORT reason', () => {
    const body = encodeAssociateRq(rq).subarray(6);
    expect(malformedAt(1, body.subarray(0, 40))).toMatchObject({ offset: 6, abortReason: 6 });
    // An item that claims more bytes than are left: the first item (Application Context) at PDU offset 74.
    const truncated = Buffer.from(body.subarray(0, 68 + 4 + 5));
    expect(malformedAt(1, truncated)).toMatchObject({ offset: 74, abortReason: 6 });
    // An unknown item type at offset 74.
    const unknownItem = Buffer.from(body);
    unknownItem[68] = 0x99;
    expect(malformedAt(1, unknownItem)).toMatchObject({ offset: 74, abortReason: 4 });
    // No User Information item.
    const app = 4 + DICOM_APPLICATION_CONTEXT.length;
    expect(malformedAt(1, Buffer.from(body.subarray(0, 68 + app))).message).toMatch(/no User Information item/);
    // A Maximum Length sub-item of the wrong length.
    const noUser = encodeAssociateAc({ ...ac, contexts: [] }).subarray(6);
    const bad = Buffer.from(noUser);
    const ui = 68 + app;
    expect(bad[ui]).toBe(0x50);
    bad.writeUInt16BE(2, ui + 4 + 2);
    expect(malformedAt(2, bad).message).toMatch(/Maximum Length|claims/);
    // P-DATA-TF: a PDV that runs past the PDU, and an empty P-DATA-TF.
    expect(malformedAt(4, Buffer.from([0, 0, 0, 9, 1, 3, 0, 0]))).toMatchObject({ offset: 6, abortReason: 6 });
    expect(malformedAt(4, Buffer.alloc(0)).message).toMatch(/without a PDV/);
    // Fixed-size PDUs with the wrong length; an unknown PDU type.
    expect(malformedAt(5, Buffer.alloc(3))).toMatchObject({ offset: 6 });
    expect(malformedAt(7, Buffer.alloc(5))).toMatchObject({ offset: 6 });
    expect(malformedAt(3, Buffer.alloc(2))).toMatchObject({ offset: 6 });
    expect(malformedAt(0x2a, Buffer.alloc(4))).toMatchObject({ offset: 0, abortReason: 1 });
  });
});
