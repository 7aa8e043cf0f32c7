import { describe, expect, it } from 'vitest';
import { decodePDataParts, decodePdu } from './decode-pdu.js';
import { encodePData } from './encode-pdu.js';
import { PduType, type PData } from './pdu.js';

describe('decodePDataParts', () => {
  const pdu = encodePData([
    { contextId: 1, command: true, last: true, data: Buffer.from('command-set-bytes!') },
    { contextId: 3, command: false, last: false, data: Buffer.alloc(37, 7) },
    { contextId: 3, command: false, last: true, data: Buffer.from([1, 2, 3]) },
  ]);
  const body = pdu.subarray(6);
  const expected = (decodePdu(PduType.PData, body) as PData).pdvs.map((v) => ({ contextId: v.contextId, command: v.command, last: v.last, data: Buffer.from(v.data) }));

  it('gives the same PDVs as decodePdu whatever the slicing of the body, headers split included', () => {
    for (let a = 1; a < body.length; a++) {
      for (const b of [a + 1, a + 5, body.length - 1]) {
        const cuts = [0, a, Math.min(Math.max(b, a), body.length), body.length];
        const parts = cuts.slice(1).map((end, i) => body.subarray(cuts[i]!, end)).filter((p) => p.length > 0);
        const got = decodePDataParts(parts).map((v) => ({ contextId: v.contextId, command: v.command, last: v.last, data: Buffer.concat(v.parts) }));
        expect(got, `cut at ${a}/${b}`).toEqual(expected);
      }
    }
  });

  it('refuses a PDV that claims more bytes than are left, naming the offset', () => {
    const bad = Buffer.from(body);
    bad.writeUInt32BE(1000, 0);
    expect(() => decodePDataParts([bad.subarray(0, 3), bad.subarray(3)])).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_NET_MALFORMED_PDU', details: expect.objectContaining({ offset: 6 }) }));
    expect(() => decodePDataParts([])).toThrow(/without a PDV item/);
  });
});
