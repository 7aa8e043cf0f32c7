/**
 * The two nodes of the Orthanc DIMSE interop tests: our SCP running in this process on a
 * temporary store (port chosen at run time, bound to 127.0.0.1), an Orthanc that knows it as
 * the modality `atrium`, Orthanc in our AE table as `ORTHANC`, and the `atrium` CLI run as a
 * child process on the same store (so SCU operations go through the jobs path).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadNetworkConfig, RemoteAeTableImpl } from '../../host/src/net/config/index.js';
import { afterCommitmentReport } from '../../host/src/net/jobs/delete-committed.js';
import { DicomServer } from '../../host/src/net/scp/dicom-server.js';
import { commitmentReportService } from '../../host/src/net/services/commitment-report-service.js';
import { echoService } from '../../host/src/net/services/echo-service.js';
import { findService } from '../../host/src/net/services/find-service.js';
import { retrieveService } from '../../host/src/net/services/retrieve-service.js';
import { storeService } from '../../host/src/net/services/store-service.js';
import { openWorkstation, type Workstation } from '../../host/src/store/open-workstation.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

const CLI = join(REPO_ROOT, 'host/bin/atrium.js');
const CLI_TIMEOUT_MS = 30_000;

/** What one `atrium` run printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Our SCP + store, Orthanc, and the CLI bound to our store. */
export interface OrthancInterop {
  readonly ws: Workstation;
  readonly server: DicomServer;
  /** Our SCP's port (on 127.0.0.1). */
  readonly port: number;
  /** Our AE title. */
  readonly aet: string;
  readonly orthanc: OrthancPeer;
  /** Run `node host/bin/atrium.js --store <our store> ...args` (async: our SCP keeps serving). */
  cli(...args: string[]): Promise<CliRun>;
  /** Stop the CLI children left, our SCP, Orthanc; remove the store. */
  stop(): Promise<void>;
}

/** The part 10 data set: the bytes after the File Meta Information group. */
export function datasetOf(part10: Uint8Array): Uint8Array {
  const view = new DataView(part10.buffer, part10.byteOffset, part10.byteLength);
  const magic = String.fromCharCode(...part10.subarray(128, 132));
  if (magic !== 'DICM' || view.getUint16(132, true) !== 0x0002 || view.getUint16(134, true) !== 0x0000) throw new Error('datasetOf: not a Part 10 file with a File Meta group length');
  return part10.subarray(144 + view.getUint32(140, true));
}

/** Poll `probe` until it returns a value other than undefined, at most `ms`. */
export async function pollUntil<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`pollUntil: ${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts our SCP (in process: C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET, storage commitment
 * reports on a fresh store), then
 * Orthanc with `atrium` → 127.0.0.1:<our port> in its DicomModalities, then adds Orthanc to
 * our AE table (`atrium ae add ORTHANC --host 127.0.0.1 --port <its port>`, every role).
 * Needs the CLI built (`npx tsc -b`).
 */
export async function startOrthancInterop(): Promise<OrthancInterop> {
  requireBuiltCli();
  const dir = makeTempDir('atrium-orthanc-dimse-');
  const ws = openWorkstation(dir);
  const config = loadNetworkConfig(ws.database.settings);
  const aes = new RemoteAeTableImpl(ws.database.remoteAes);
  const server = new DicomServer({
    ...config,
    port: 0,
    bindAddress: '127.0.0.1',
    identifyCaller: (title, address) => aes.identifyCaller(title, address),
    services: [
      echoService(),
      storeService({ store: ws.store }),
      findService({ index: ws.index, aeTitle: config.aeTitle, limit: config.findLimit }),
      retrieveService({
        index: ws.index, files: ws.files,
        scu: { aeTitle: config.aeTitle, maxPduLength: config.maxPduLength, connectTimeoutMs: config.connectTimeoutMs, associationTimeoutMs: config.associationTimeoutMs, dimseTimeoutMs: config.dimseTimeoutMs },
        destination: (title) => {
          const ae = aes.find(title);
          return ae && ae.title === title.trim() && ae.roles.includes('store') ? ae : undefined;
        },
      }),
      commitmentReportService({ commitments: ws.database.commitments, onReport: afterCommitmentReport({ index: ws.index, files: ws.files, commitments: ws.database.commitments }, () => loadNetworkConfig(ws.database.settings).deleteCommitted, () => undefined) }),
    ],
  });
  const children = new Set<number>();
  let orthanc: OrthancPeer | undefined;
  const stop = async (): Promise<void> => {
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.close(1000);
    await orthanc?.stop();
    ws.close();
    removeTempDir(dir);
  };
  const cli = (...args: string[]): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, '--store', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' });
      if (child.pid !== undefined) children.add(child.pid);
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => {
        if (child.pid !== undefined) children.delete(child.pid);
        resolve({ code, out, err });
      });
    });
  try {
    const port = await server.listen();
    orthanc = await startOrthanc({ modalities: { atrium: { aet: config.aeTitle, host: '127.0.0.1', port } } });
    const added = await cli('ae', 'add', orthanc.aet, '--host', '127.0.0.1', '--port', String(orthanc.dicomPort));
    if (added.code !== 0) throw new Error(`atrium ae add failed (${added.code}): ${added.err}`);
    return { ws, server, port, aet: config.aeTitle, orthanc, cli, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
