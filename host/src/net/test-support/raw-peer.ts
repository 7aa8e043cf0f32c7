import { connect, createServer, type Server, type Socket } from 'node:net';
import { encodeAssociateRq } from '../ul/encode-pdu.js';
import { DICOM_APPLICATION_CONTEXT, PduType, type ProposedContext, type RoleSelection } from '../ul/pdu.js';

/** Test helpers that speak the Upper Layer byte by byte, as a careless or hostile peer would. */

/** One PDU as it arrived: type and the body after the 6-byte header. */
export interface RawPdu {
  readonly type: number;
  readonly body: Buffer;
}

/** A TCP connection that records what the other side sends and when it ends the connection. */
export interface RawConnection {
  readonly socket: Socket;
  /** Every byte received so far. */
  received(): Buffer;
  /** The whole PDUs received so far. */
  pdus(): RawPdu[];
  /** Resolves with the ms from the start to the end of the connection (FIN or close). */
  readonly ended: Promise<number>;
  /** Waits (at most `ms`) until `n` whole PDUs have arrived or the connection ended. */
  waitForPdus(n: number, ms: number): Promise<RawPdu[]>;
}

function cut(bytes: Buffer): RawPdu[] {
  const out: RawPdu[] = [];
  for (let at = 0; at + 6 <= bytes.length;) {
    const length = bytes.readUInt32BE(at + 2);
    if (at + 6 + length > bytes.length) break;
    out.push({ type: bytes[at]!, body: bytes.subarray(at + 6, at + 6 + length) });
    at += 6 + length;
  }
  return out;
}

function record(socket: Socket): RawConnection {
  const chunks: Buffer[] = [];
  const start = performance.now();
  let ended = false;
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  const end = new Promise<number>((resolve) => {
    const done = (): void => {
      ended = true;
      resolve(performance.now() - start);
    };
    socket.once('end', done);
    socket.once('close', done);
  });
  const received = (): Buffer => Buffer.concat(chunks);
  return {
    socket, received, ended: end,
    pdus: () => cut(received()),
    async waitForPdus(n, ms) {
      const deadline = Date.now() + ms;
      while (cut(received()).length < n && !ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return cut(received());
    },
  };
}

/** Connects to 127.0.0.1:`port` (from `localAddress`, another loopback address such as 127.0.0.2, when given). */
export async function rawClient(port: number, localAddress?: string): Promise<RawConnection> {
  const socket = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return record(socket);
}

/** A TCP server on 127.0.0.1 (port 0) that hands each connection, recorded, to `onConnection`. */
export async function rawServer(onConnection: (c: RawConnection) => void): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(record(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const VERIFICATION = '1.2.840.10008.1.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

/** An A-ASSOCIATE-RQ; by default one Verification context (ID 1), Maximum Length 16384. */
export function associateRqBytes(options: { called: string; calling?: string; contexts?: readonly ProposedContext[]; maxPduLength?: number; roleSelections?: readonly RoleSelection[] }): Buffer {
  return encodeAssociateRq({
    type: PduType.AssociateRq, protocolVersion: 1, calledAeTitle: options.called, callingAeTitle: options.calling ?? 'RAW_CLIENT', applicationContext: DICOM_APPLICATION_CONTEXT,
    contexts: options.contexts ?? [{ id: 1, abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }],
    userInformation: { maxPduLength: options.maxPduLength ?? 16384, implementationClassUid: '1.2.3.4', roleSelections: options.roleSelections ?? [] },
  });
}
