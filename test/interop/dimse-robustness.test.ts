import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCommand } from '../../host/src/net/dimse/dimse-command.js';
import { encodeAssociateRq, encodePData } from '../../host/src/net/ul/encode-pdu.js';
import { DICOM_APPLICATION_CONTEXT, PduType } from '../../host/src/net/ul/pdu.js';
import { runTool, startDicomServer, storedFile, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { havePeers } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * The SCP under hostile or careless peers: every bad connection is answered with A-ABORT
 * or closed within its timeout, the server stays up (echoscu succeeds afterwards), and
 * under 20 concurrent senders every acknowledged instance is in the store.
 */
const ok = havePeers('echoscu', 'storescu');
const VERIFICATION = '1.2.840.10008.1.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

/** A raw TCP client that records what the server sends and when the connection ends. */
interface RawClient {
  readonly socket: Socket;
  received(): Buffer;
  /** Resolves with the ms from `since` to the end of the connection (FIN or close). */
  readonly ended: Promise<number>;
}

async function rawClient(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  const start = performance.now();
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  const ended = new Promise<number>((resolve) => {
    socket.once('end', () => resolve(performance.now() - start));
    socket.once('close', () => resolve(performance.now() - start));
  });
  return { socket, received: () => Buffer.concat(chunks), ended };
}

const associateRq = (calledAeTitle: string): Buffer => encodeAssociateRq({
  type: PduType.AssociateRq, protocolVersion: 1, calledAeTitle, callingAeTitle: 'RAW_CLIENT', applicationContext: DICOM_APPLICATION_CONTEXT,
  contexts: [{ id: 1, abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }],
  userInformation: { maxPduLength: 16384, implementationClassUid: '1.2.3.4', roleSelections: [] },
});

/** Opens an association (Verification, context 1) on a raw socket and waits for the A-ASSOCIATE-AC. */
async function associated(fx: DicomServerFixture): Promise<RawClient> {
  const client = await rawClient(fx.port);
  client.socket.write(associateRq(fx.aeTitle));
  for (let i = 0; i < 100 && client.received().length < 6; i++) await new Promise((r) => setTimeout(r, 20));
  expect(client.received()[0]).toBe(PduType.AssociateAc);
  return client;
}

/** Waits for the connection's end (bounded) and returns the ms it took; the server must have sent A-ABORT first when `abort`. */
async function expectEnd(client: RawClient, withinMs: number, abort: boolean): Promise<void> {
  const ms = await Promise.race([client.ended, new Promise<number>((r) => setTimeout(() => r(Infinity), withinMs + 2000))]);
  client.socket.destroy();
  expect(ms).toBeLessThanOrEqual(withinMs);
  if (abort) {
    const bytes = client.received();
    // After an A-ASSOCIATE-AC (74+ bytes) the last PDU must be the 10-byte A-ABORT.
    expect(bytes.subarray(bytes.length - 10)[0]).toBe(PduType.Abort);
  }
}

describe.skipIf(!ok)('SCP robustness', () => {
  let dir: string;
  let fx: DicomServerFixture;
  const echo = async (f: DicomServerFixture = fx): Promise<void> => {
    const r = await runTool('echoscu', ['-aec', f.aeTitle, '127.0.0.1', String(f.port)]);
    expect(r.code, r.output).toBe(0);
  };

  beforeAll(async () => {
    dir = makeTempDir('atrium-dimse-robust-');
    fx = await startDicomServer(join(dir, 'store'), { associationTimeoutMs: 800, idleTimeoutMs: 1200, maxAssociations: 25 });
  });
  afterAll(async () => {
    await fx?.stop();
    removeTempDir(dir);
  });

  it('answers garbage bytes with A-ABORT (unrecognized PDU) and stays up', async () => {
    const client = await rawClient(fx.port);
    client.socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await expectEnd(client, 2000, false);
    expect([...client.received().subarray(0, 10)]).toEqual([0x07, 0, 0, 0, 0, 4, 0, 0, 2, 1]);
    await echo();
  });

  it('closes a truncated A-ASSOCIATE-RQ followed by silence within the ARTIM timeout', async () => {
    const client = await rawClient(fx.port);
    client.socket.write(associateRq(fx.aeTitle).subarray(0, 40));
    await expectEnd(client, 800 + 1500, false);
    expect(client.received()[0]).toBe(PduType.Abort);
    expect(fx.events.some((e) => e.type === 'failed' && e.error.code === 'ATRIUM_ERR_NET_TIMEOUT')).toBe(true);
    await echo();
  });

  it('aborts an association that never releases after the idle timeout', async () => {
    const client = await associated(fx);
    await expectEnd(client, 1200 + 1500, true);
    expect(fx.events.some((e) => e.type === 'ended' && e.end.how === 'aborted' && e.end.error?.code === 'ATRIUM_ERR_NET_TIMEOUT')).toBe(true);
    await echo();
  });

  it('refuses an over-long PDU length at once, before or after the association', async () => {
    const before = await rawClient(fx.port);
    before.socket.write(Buffer.from([0x01, 0, 0xff, 0xff, 0xff, 0xf0]));
    await expectEnd(before, 500, false);
    expect(before.received()[0]).toBe(PduType.Abort);
    const after = await associated(fx);
    after.socket.write(Buffer.from([0x04, 0, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 1]));
    await expectEnd(after, 500, true);
    await echo();
  });

  it('aborts a P-DATA-TF for a presentation context that was not accepted', async () => {
    const client = await associated(fx);
    const command = encodeCommand({ CommandField: 0x0030, CommandDataSetType: 0x0101, MessageID: 1, AffectedSOPClassUID: VERIFICATION });
    client.socket.write(encodePData([{ contextId: 3, command: true, last: true, data: command }]));
    await expectEnd(client, 500, true);
    const bytes = client.received();
    expect(bytes[bytes.length - 1]).toBe(6); // invalid PDU parameter value
    await echo();
  });

  it('serves 20 concurrent storescu processes; with a limit of 5 the others are rejected transiently, and every acknowledged instance is stored', async () => {
    const original = readFileSync('samples/mr/MR_small.dcm');
    const uid = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
    expect(original.includes(uid, 0, 'latin1')).toBe(true);
    mkdirSync(join(dir, 'files'));
    const files = Array.from({ length: 40 }, (_, i) => {
      const path = join(dir, 'files', `${i}.dcm`);
      writeFileSync(path, Buffer.from(original.toString('latin1').split(uid).join(`${uid.slice(0, -5)}${20000 + i}`), 'latin1'));
      return { path, uid: `${uid.slice(0, -5)}${20000 + i}` };
    });
    const limited = await startDicomServer(join(dir, 'limited'), { maxAssociations: 5 });
    try {
      // With 5 associations held open, one more is rejected transiently (local limit exceeded).
      const held = await Promise.all(Array.from({ length: 5 }, () => associated(limited)));
      const refused = await runTool('storescu', ['-aec', limited.aeTitle, '127.0.0.1', String(limited.port), files[0]!.path]);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/Rejected Transient[\s\S]*Local Limit Exceeded/i);
      expect(storedFile(limited.ws, files[0]!.uid)).toBeUndefined();
      for (const h of held) h.socket.destroy();
      for (let i = 0; i < 50 && limited.server.active > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(limited.server.active).toBe(0);
      for (const [server, batch] of [[fx, files.slice(0, 20)], [limited, files.slice(20)]] as const) {
        const runs = await Promise.all(batch.map((f) => runTool('storescu', ['-aec', server.aeTitle, '127.0.0.1', String(server.port), f.path], { timeoutMs: 25_000 })));
        let acknowledged = 0;
        runs.forEach((r, i) => {
          if (r.code === 0) {
            acknowledged++;
            expect(storedFile(server.ws, batch[i]!.uid), r.output).toBeDefined();
          } else expect(r.output).toMatch(/Local Limit Exceeded/i);
        });
        if (server === fx) expect(acknowledged).toBe(20);
        else expect(acknowledged).toBeGreaterThanOrEqual(5);
        expect(server.ws.index.getInstances({ SeriesInstanceUID: '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457' }).filter((s) => batch.some((f) => f.uid === s.instance.SOPInstanceUID))).toHaveLength(acknowledged);
        await echo(server);
      }
    } finally {
      await limited.stop();
    }
  }, 30_000);
});
