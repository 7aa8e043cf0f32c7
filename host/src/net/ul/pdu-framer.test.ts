import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { encodeAbort, encodePData, encodeRelease } from './encode-pdu.js';
import { PduType } from './pdu.js';
import { PduFramer } from './pdu-framer.js';

const stream = Buffer.concat([
  encodePData([{ contextId: 1, command: true, last: true, data: Buffer.from('0123456789') }]),
  encodeRelease(PduType.ReleaseRq),
  encodePData([{ contextId: 3, command: false, last: true, data: Buffer.alloc(300, 7) }]),
  encodeAbort({ source: 0, reason: 0 }),
]);
const expected = [
  { type: 4, length: 16 }, { type: 5, length: 4 }, { type: 4, length: 306 }, { type: 7, length: 4 },
];

function errorOf(f: () => unknown): { code: string; offset: unknown } {
  try {
    f();
  } catch (e) {
    if (isAtriumError(e)) return { code: e.code, offset: e.details.offset };
    throw e;
  }
  throw new Error('no error');
}

describe('PduFramer', () => {
  it('cuts the same PDUs whatever the chunking: split at every byte boundary, and byte by byte', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new PduFramer(16384);
      const out = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(out.map((p) => ({ type: p.type, length: p.body.length }))).toEqual(expected);
      expect(Buffer.concat(out.map((p) => p.body))).toEqual(Buffer.concat([stream.subarray(6, 22), stream.subarray(28, 32), stream.subarray(38, 344), stream.subarray(350)]));
      expect(framer.pending).toBe(0);
    }
    const framer = new PduFramer(16384);
    const out = [...stream].flatMap((b) => framer.push(Buffer.from([b])));
    expect(out.map((p) => ({ type: p.type, length: p.body.length }))).toEqual(expected);
  });

  it('reports the bytes of an incomplete PDU as pending', () => {
    const framer = new PduFramer(16384);
    expect(framer.push(stream.subarray(0, 10))).toEqual([]);
    expect(framer.pending).toBe(4);
  });

  it('refuses an unknown PDU type and a length over the limit from the 6-byte header alone', () => {
    expect(errorOf(() => new PduFramer(16384).push(Buffer.from('GET / ')))).toEqual({ code: 'ATRIUM_ERR_NET_MALFORMED_PDU', offset: 0 });
    const pdata = Buffer.from([4, 0, 0, 0, 0x40, 0x01]); // 16385 bytes
    expect(errorOf(() => new PduFramer(16384).push(pdata))).toEqual({ code: 'ATRIUM_ERR_NET_MALFORMED_PDU', offset: 2 });
    expect(new PduFramer(16385).push(pdata)).toEqual([]);
    // 0 = no local limit, but a hard ceiling still applies; control PDUs have their own limit.
    expect(errorOf(() => new PduFramer(0).push(Buffer.from([4, 0, 0xff, 0xff, 0xff, 0xff])))).toMatchObject({ offset: 2 });
    expect(errorOf(() => new PduFramer(0).push(Buffer.from([1, 0, 0, 0x20, 0, 0])))).toMatchObject({ offset: 2 });
  });
});
