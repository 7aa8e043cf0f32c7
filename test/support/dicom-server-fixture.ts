import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { peer } from './peers.js';
import type { StoreOutcome } from '../../host/src/store/store-outcome.js';
import { RemoteAeTableImpl } from '../../host/src/net/config/index.js';
import { DicomServer, type ServerEvent } from '../../host/src/net/scp/dicom-server.js';
import { echoService } from '../../host/src/net/services/echo-service.js';
import { findService } from '../../host/src/net/services/find-service.js';
import { retrieveService } from '../../host/src/net/services/retrieve-service.js';
import { storeService } from '../../host/src/net/services/store-service.js';
import type { RemotePeer, ScuSettings } from '../../host/src/net/scu/open-scu.js';
import { openWorkstation, type Workstation } from '../../host/src/store/open-workstation.js';

/** Options of {@link startDicomServer}; every field has a test-friendly default. */
export interface DicomServerFixtureOptions {
  readonly aeTitle?: string;
  readonly maxPduLength?: number;
  readonly associationTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly maxAssociations?: number;
  readonly findLimit?: number;
  readonly findLimitAnswer?: 'refuse' | 'success';
  /** C-MOVE destinations by AE title (role `store`). */
  readonly destinations?: Readonly<Record<string, Omit<RemotePeer, 'title'>>>;
  /**
   * Calling AE titles registered in the AE table with role `call` at 127.0.0.1: the callers
   * that may query and retrieve (the default policy, as `atrium serve`).
   */
  readonly callers?: readonly string[];
}

/** Our DicomServer running in-process on a temporary workstation. */
export interface DicomServerFixture {
  readonly ws: Workstation;
  readonly aeTitle: string;
  readonly port: number;
  readonly server: DicomServer;
  /** Every server event so far. */
  readonly events: ServerEvent[];
  /** Every C-STORE outcome so far. */
  readonly stored: StoreOutcome[];
  /** Our SCU settings (C-MOVE sub-associations, tests that act as SCU). */
  readonly scu: ScuSettings;
  /** Closes the server (aborting what is left) and the workstation. */
  stop(): Promise<void>;
}

/**
 * Starts our SCP with all services (echo, store, find, move/get) on 127.0.0.1, port 0,
 * over `openWorkstation(root)`, with the default caller policy: anyone may store, only
 * `options.callers` (registered at 127.0.0.1) may query and retrieve.
 */
export async function startDicomServer(root: string, options: DicomServerFixtureOptions = {}): Promise<DicomServerFixture> {
  const ws = openWorkstation(root);
  const aeTitle = options.aeTitle ?? 'ATRIUM_TEST';
  const events: ServerEvent[] = [];
  const stored: StoreOutcome[] = [];
  const scu: ScuSettings = { aeTitle, maxPduLength: 65536, connectTimeoutMs: 5000, associationTimeoutMs: 5000, dimseTimeoutMs: 20_000 };
  const aes = new RemoteAeTableImpl(ws.database.remoteAes);
  for (const title of options.callers ?? []) aes.add({ title, host: '127.0.0.1', port: 104, roles: ['call'] });
  const server = new DicomServer({
    aeTitle, port: 0, bindAddress: '127.0.0.1',
    maxPduLength: options.maxPduLength ?? 65536,
    associationTimeoutMs: options.associationTimeoutMs ?? 5000,
    idleTimeoutMs: options.idleTimeoutMs ?? 20_000,
    maxAssociations: options.maxAssociations ?? 25,
    acceptUnknownCallingAe: true,
    acceptUnknownHosts: true,
    acceptUnknownQueryRetrieve: false,
    identifyCaller: (title, address) => aes.identifyCaller(title, address),
    services: [
      echoService(),
      storeService({ store: ws.store, onStored: (o) => stored.push(o) }),
      findService({ index: ws.index, aeTitle, limit: options.findLimit ?? 500, ...(options.findLimitAnswer ? { limitAnswer: options.findLimitAnswer } : {}) }),
      retrieveService({
        index: ws.index, files: ws.files, scu, sendLog: ws.database.sendLog,
        destination: (title) => {
          const d = options.destinations?.[title.trim()];
          return d ? { title: title.trim(), ...d } : undefined;
        },
      }),
    ],
    onEvent: (e) => events.push(e),
  });
  const port = await server.listen();
  return {
    ws, aeTitle, port, server, events, stored, scu,
    stop: async () => {
      await server.close(500);
      ws.close();
    },
  };
}

/**
 * The data set bytes of a Part 10 file: everything after the File Meta Information group
 * (found from its group length, or by walking the explicit VR group 0002 elements).
 */
export function datasetBytes(file: Uint8Array | string): Buffer {
  const b = typeof file === 'string' ? readFileSync(file) : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (b.toString('latin1', 128, 132) !== 'DICM') throw new Error('not a Part 10 file (no DICM at 128)');
  let at = 132;
  while (at + 8 <= b.length && b.readUInt16LE(at) === 0x0002) {
    const vr = b.toString('latin1', at + 4, at + 6);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR', 'OD', 'OL', 'OV'].includes(vr);
    const length = long ? b.readUInt32LE(at + 8) : b.readUInt16LE(at + 6);
    at += (long ? 12 : 8) + length;
  }
  return b.subarray(at);
}

/** The stored file of an instance (its bytes), or undefined when it is not in the index. */
export function storedFile(ws: Workstation, sopInstanceUid: string): Uint8Array | undefined {
  const [hit] = ws.index.getInstances({ SOPInstanceUID: sopInstanceUid });
  return hit ? ws.files.read(hit.file.path) : undefined;
}

/** The Transfer Syntax UID recorded in a Part 10 file's meta group. */
export function fileTransferSyntax(file: Uint8Array | string): string {
  const b = typeof file === 'string' ? readFileSync(file) : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  let at = 132;
  while (at + 8 <= b.length && b.readUInt16LE(at) === 0x0002) {
    const element = b.readUInt16LE(at + 2);
    const vr = b.toString('latin1', at + 4, at + 6);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR', 'OD', 'OL', 'OV'].includes(vr);
    const length = long ? b.readUInt32LE(at + 8) : b.readUInt16LE(at + 6);
    const start = at + (long ? 12 : 8);
    if (element === 0x0010) return b.toString('latin1', start, start + length).replace(/[\0 ]+$/, '');
    at = start + length;
  }
  throw new Error('no Transfer Syntax UID in the file meta group');
}

/** What a peer tool run by {@link runTool} did. */
export interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout + stderr. */
  readonly output: string;
}

/**
 * Runs a peer tool asynchronously (our in-process server keeps serving meanwhile), with
 * `TCP_NODELAY=1`; kills it by PID after `timeoutMs`.
 */
export function runTool(tool: string, args: readonly string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<ToolRun> {
  const path = peer(tool);
  if (!path) throw new Error(`peer tool "${tool}" is missing`);
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env: { ...process.env, TCP_NODELAY: '1' }, ...(options.cwd ? { cwd: options.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: stdout + stderr });
    });
  });
}
