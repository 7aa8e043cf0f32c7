import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCommand } from '../../host/src/net/dimse/dimse-command.js';
import { associateRqBytes, rawClient, type RawConnection } from '../../host/src/net/test-support/raw-peer.js';
import { encodePData } from '../../host/src/net/ul/encode-pdu.js';
import { PduType } from '../../host/src/net/ul/pdu.js';
import { runTool, startDicomServer, storedFile, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { havePeers } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * The SCP under hostile or careless peers: every bad connection is answered with A-ABORT
 * or closed within its timeout, the server stays up (echoscu succeeds afterwards), and
 * under 20 concurrent senders every acknowledged instance is in the store. The concurrency
 * tests run on servers of their own with the default timeouts and assert outcomes that do
 * not depend on scheduling (each sender stored or rejected transiently; a retry stores it).
 */
const ok = havePeers('echoscu', 'storescu');
const VERIFICATION = '1.2.840.10008.1.1';

/** Opens an association (Verification, context 1) on a raw socket and waits (at most 10 s) for the A-ASSOCIATE-AC. */
async function associated(fx: DicomServerFixture): Promise<RawConnection> {
  const client = await rawClient(fx.port);
  client.socket.write(associateRqBytes({ called: fx.aeTitle }));
  expect((await client.waitForPdus(1, 10_000))[0]?.type).toBe(PduType.AssociateAc);
  return client;
}

/** Waits for the connection's end (bounded) and returns the ms it took; the server must have sent A-ABORT first when `abort`. */
async function expectEnd(client: RawConnection, withinMs: number, abort: boolean): Promise<void> {
  const ms = await Promise.race([client.ended, new Promise<number>((r) => setTimeout(() => r(Infinity), withinMs + 2000))]);
  client.socket.destroy();
  expect(ms).toBeLessThanOrEqual(withinMs);
  if (abort) {
    const bytes = client.received();
    // After an A-ASSOCIATE-AC (74+ bytes) the last PDU must be the 10-byte A-ABORT.
    expect(bytes.subarray(bytes.length - 10)[0]).toBe(PduType.Abort);
  }
}

const SOURCE_UID = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const SOURCE_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

/** Waits (at most `ms`) until `done()`; fails the test past it. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(done()).toBe(true);
}

/** How many of `files` the server's store holds (in MR_small's series). */
function storedInSeries(server: DicomServerFixture, files: readonly { uid: string }[]): number {
  return server.ws.index.getInstances({ SeriesInstanceUID: SOURCE_SERIES }).filter((s) => files.some((f) => f.uid === s.instance.SOPInstanceUID)).length;
}

describe.skipIf(!ok)('SCP robustness', () => {
  let dir: string;
  let fx: DicomServerFixture;
  const echo = async (f: DicomServerFixture = fx): Promise<void> => {
    const r = await runTool('echoscu', ['-aec', f.aeTitle, '127.0.0.1', String(f.port)]);
    expect(r.code, r.output).toBe(0);
  };

  /** Copies of MR_small with SOP Instance UIDs of the same length, numbered from `from`. */
  const syntheticFiles = (from: number, count: number): { path: string; uid: string }[] => {
    const original = readFileSync('samples/mr/MR_small.dcm');
    expect(original.includes(SOURCE_UID, 0, 'latin1')).toBe(true);
    mkdirSync(join(dir, 'files'), { recursive: true });
    return Array.from({ length: count }, (_, k) => {
      const uid = `${SOURCE_UID.slice(0, -5)}${20000 + from + k}`;
      const path = join(dir, 'files', `${from + k}.dcm`);
      writeFileSync(path, Buffer.from(original.toString('latin1').split(SOURCE_UID).join(uid), 'latin1'));
      return { path, uid };
    });
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
    client.socket.write(associateRqBytes({ called: fx.aeTitle }).subarray(0, 40));
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

  it('serves 20 concurrent storescu processes: every one stored, and every acknowledged instance is in the store', async () => {
    // Its own server with the default timeouts: 20 DCMTK processes on a loaded machine may
    // pause longer between PDUs than the short timeouts the tests above exercise.
    const files = syntheticFiles(0, 20);
    const many = await startDicomServer(join(dir, 'many'), { maxAssociations: 25, associationTimeoutMs: 30_000, idleTimeoutMs: 60_000 });
    try {
      const runs = await Promise.all(files.map((f) => runTool('storescu', ['-aec', many.aeTitle, '127.0.0.1', String(many.port), f.path], { timeoutMs: 90_000 })));
      runs.forEach((r, i) => {
        expect(r.code, r.output).toBe(0);
        expect(storedFile(many.ws, files[i]!.uid), r.output).toBeDefined();
      });
      expect(storedInSeries(many, files)).toBe(20);
      await echo(many);
    } finally {
      await many.stop();
    }
  }, 180_000);

  it('with a limit of 5 associations: the 6th is rejected transiently; 20 at once are each stored or rejected, and a retry stores the rejected', async () => {
    const files = syntheticFiles(20, 20);
    const limited = await startDicomServer(join(dir, 'limited'), { maxAssociations: 5, associationTimeoutMs: 30_000, idleTimeoutMs: 60_000 });
    try {
      // With 5 associations held open, one more is rejected transiently (local limit exceeded).
      const held = await Promise.all(Array.from({ length: 5 }, () => associated(limited)));
      const refused = await runTool('storescu', ['-aec', limited.aeTitle, '127.0.0.1', String(limited.port), files[0]!.path], { timeoutMs: 60_000 });
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/Rejected Transient[\s\S]*Local Limit Exceeded/i);
      expect(storedFile(limited.ws, files[0]!.uid)).toBeUndefined();
      for (const h of held) h.socket.destroy();
      await until(() => limited.server.active === 0, 10_000);
      // 20 at once: each is acknowledged (and stored) or rejected transiently, nothing in between.
      const runs = await Promise.all(files.map((f) => runTool('storescu', ['-aec', limited.aeTitle, '127.0.0.1', String(limited.port), f.path], { timeoutMs: 90_000 })));
      const rejected = files.filter((f, i) => {
        const r = runs[i]!;
        if (r.code === 0) {
          expect(storedFile(limited.ws, f.uid), r.output).toBeDefined();
          return false;
        }
        expect(r.output).toMatch(/Local Limit Exceeded/i);
        expect(storedFile(limited.ws, f.uid)).toBeUndefined();
        return true;
      });
      expect(storedInSeries(limited, files)).toBe(20 - rejected.length);
      // A transient rejection is worth a retry: one at a time, each gets in.
      await until(() => limited.server.active === 0, 10_000);
      for (const f of rejected) {
        const retry = await runTool('storescu', ['-aec', limited.aeTitle, '127.0.0.1', String(limited.port), f.path], { timeoutMs: 60_000 });
        expect(retry.code, retry.output).toBe(0);
      }
      expect(storedInSeries(limited, files)).toBe(20);
      await echo(limited);
    } finally {
      await limited.stop();
    }
  }, 180_000);
});
