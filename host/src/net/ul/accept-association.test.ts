import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCommand } from '../dimse/dimse-command.js';
import { DicomServer, type ServerEvent } from '../scp/dicom-server.js';
import { echoService } from '../services/echo-service.js';
import { associateRqBytes, rawClient, type RawConnection } from '../test-support/raw-peer.js';
import { encodePData } from './encode-pdu.js';
import { PduType, RejectReason, RejectResult, RejectSource } from './pdu.js';

/**
 * The acceptor against peers that lie in their A-ASSOCIATE-RQ or trickle their PDUs: each
 * is answered A-ASSOCIATE-RJ with the PS3.8 reason (or aborted past the PDU deadline), no
 * P-DATA-TF is ever sent to them, and the server keeps serving.
 */
const VERIFICATION = '1.2.840.10008.1.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';
const IDLE_MS = 1500;

describe('acceptAssociation: requests no acceptor can serve, and slow drips', () => {
  let server: DicomServer;
  let port = 0;
  const events: ServerEvent[] = [];

  beforeAll(async () => {
    server = new DicomServer({
      aeTitle: 'ACCEPTOR', port: 0, bindAddress: '127.0.0.1', maxPduLength: 16384, associationTimeoutMs: 3000, idleTimeoutMs: IDLE_MS,
      maxAssociations: 10, acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: true, services: [echoService()],
      onEvent: (e) => events.push(e),
    });
    port = await server.listen();
  });
  afterAll(() => server.close(200));

  /** Sends `rq`; returns the A-ASSOCIATE-RJ fields and every PDU type received before the connection ended. */
  async function rejected(rq: Buffer): Promise<{ rj: number[]; types: number[] }> {
    const client = await rawClient(port);
    client.socket.write(rq);
    const pdus = await client.waitForPdus(1, 3000);
    await Promise.race([client.ended, new Promise((r) => setTimeout(r, 3000))]);
    client.socket.destroy();
    expect(pdus[0]?.type).toBe(PduType.AssociateRj);
    return { rj: [...pdus[0]!.body.subarray(1, 4)], types: client.pdus().map((p) => p.type) };
  }

  /** An association that works: C-ECHO answered on a fresh connection. */
  async function echoes(): Promise<void> {
    const client = await rawClient(port);
    client.socket.write(associateRqBytes({ called: 'ACCEPTOR' }));
    expect((await client.waitForPdus(1, 3000))[0]?.type).toBe(PduType.AssociateAc);
    client.socket.write(encodePData([{ contextId: 1, command: true, last: true, data: encodeCommand({ CommandField: 0x0030, CommandDataSetType: 0x0101, MessageID: 1, AffectedSOPClassUID: VERIFICATION }) }]));
    expect((await client.waitForPdus(2, 3000))[1]?.type).toBe(PduType.PData);
    client.socket.destroy();
  }

  it('refuses a peer Maximum Length of 1 to 6 (and under 1024) with A-ASSOCIATE-RJ, sending no P-DATA-TF; 0 and 1024 are served', async () => {
    for (const maxPduLength of [1, 2, 5, 6, 7, 1023]) {
      const { rj, types } = await rejected(associateRqBytes({ called: 'ACCEPTOR', maxPduLength }));
      expect(rj, `Maximum Length ${maxPduLength}`).toEqual([RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven]);
      expect(types).toEqual([PduType.AssociateRj]);
      expect(events.some((e) => e.type === 'rejected' && e.why.startsWith(`Maximum Length ${maxPduLength} is under 1024 bytes`))).toBe(true);
    }
    for (const maxPduLength of [0, 1024]) {
      const client = await rawClient(port);
      client.socket.write(associateRqBytes({ called: 'ACCEPTOR', maxPduLength }));
      expect((await client.waitForPdus(1, 3000))[0]?.type).toBe(PduType.AssociateAc);
      client.socket.write(encodePData([{ contextId: 1, command: true, last: true, data: encodeCommand({ CommandField: 0x0030, CommandDataSetType: 0x0101, MessageID: 1, AffectedSOPClassUID: VERIFICATION }) }]));
      const [, response] = await client.waitForPdus(2, 3000);
      expect(response?.type).toBe(PduType.PData);
      if (maxPduLength === 1024) expect(response!.body.length).toBeLessThanOrEqual(1024);
      client.socket.destroy();
    }
  });

  it('refuses duplicate, even or zero presentation context IDs, no context at all, and a blank calling AE title', async () => {
    const ctx = (id: number): { id: number; abstractSyntax: string; transferSyntaxes: string[] } => ({ id, abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] });
    const acse = [RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven];
    const cases: [string, Buffer, number[], RegExp][] = [
      ['duplicate IDs', associateRqBytes({ called: 'ACCEPTOR', contexts: [ctx(1), ctx(3), ctx(1)] }), acse, /ID 1 is proposed twice/],
      ['an even ID', associateRqBytes({ called: 'ACCEPTOR', contexts: [ctx(2)] }), acse, /ID 2 is not odd/],
      ['ID 0', associateRqBytes({ called: 'ACCEPTOR', contexts: [ctx(1), ctx(0)] }), acse, /ID 0 is not odd/],
      ['no context', associateRqBytes({ called: 'ACCEPTOR', contexts: [] }), acse, /no presentation context is proposed/],
      ['a blank calling AE', associateRqBytes({ called: 'ACCEPTOR', calling: '   ' }), [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized], /calling AE title is blank/],
    ];
    for (const [what, rq, expected, why] of cases) {
      const before = events.length;
      const { rj, types } = await rejected(rq);
      expect(rj, what).toEqual(expected);
      expect(types, what).toEqual([PduType.AssociateRj]);
      expect(events.slice(before).some((e) => e.type === 'rejected' && why.test(e.why)), what).toBe(true);
    }
    expect(server.active).toBe(0);
    await echoes();
  });

  it('aborts an association whose PDU trickles in a byte at a time, however steady, within the PDU deadline', async () => {
    const client: RawConnection = await rawClient(port);
    client.socket.write(associateRqBytes({ called: 'ACCEPTOR' }));
    expect((await client.waitForPdus(1, 3000))[0]?.type).toBe(PduType.AssociateAc);
    // A P-DATA-TF announcing 200 bytes, sent one byte every 100 ms: each byte is activity (the
    // idle timer never fires), but the PDU cannot complete before its deadline.
    const pdu = encodePData([{ contextId: 1, command: true, last: true, data: Buffer.alloc(194) }]);
    const started = performance.now();
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < pdu.length && !client.socket.destroyed) client.socket.write(pdu.subarray(sent, ++sent));
    }, 100);
    try {
      const ms = await Promise.race([client.ended, new Promise<number>((r) => setTimeout(() => r(Infinity), IDLE_MS + 5000))]);
      expect(ms).toBeLessThan(IDLE_MS + 3000);
      expect(performance.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
    } finally {
      clearInterval(drip);
      client.socket.destroy();
    }
    expect(sent).toBeLessThan(pdu.length);
    const types = client.pdus().map((p) => p.type);
    expect(types).toEqual([PduType.AssociateAc, PduType.Abort]);
    expect(events.some((e) => e.type === 'ended' && e.end.error?.code === 'ATRIUM_ERR_NET_TIMEOUT' && /not complete 1500 ms after its first byte/.test(e.end.error.message))).toBe(true);
    await echoes();
  });
});
