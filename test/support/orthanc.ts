import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { peer } from './peers.js';
import { makeTempDir } from './temp-dir.js';

/** A remote DICOM node Orthanc may talk to (its `DicomModalities` entry). */
export interface OrthancModality {
  aet: string;
  host: string;
  port: number;
}

/** What {@link startOrthanc} may be told. */
export interface OrthancOptions {
  /** Orthanc's own AE title (default `ORTHANC`). */
  aet?: string;
  /** Known peers by symbolic name (become `DicomModalities`). */
  modalities?: Record<string, OrthancModality>;
  /** Extra configuration keys, merged last (override the defaults). */
  config?: Record<string, unknown>;
}

/** HTTP methods of Orthanc's REST API used by tests. */
export type OrthancMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A running Orthanc started by {@link startOrthanc}. Connect to 127.0.0.1 only. */
export interface OrthancPeer {
  pid: number;
  aet: string;
  dicomPort: number;
  httpPort: number;
  /** `http://127.0.0.1:<httpPort>` */
  url: string;
  storageDir: string;
  /**
   * Call the REST API. The body is sent as JSON unless it is a string or bytes. The answer is
   * parsed JSON for JSON answers, a string for text, otherwise the bytes (`Uint8Array`).
   * Throws on a non-2xx status with Orthanc's answer in the message.
   */
  rest<T = unknown>(method: OrthancMethod, path: string, body?: unknown): Promise<T>;
  /** `POST /instances` with one DICOM file; Orthanc's answer (`{ ID, Status, ... }`). */
  upload(bytes: Uint8Array): Promise<unknown>;
  /** Kill Orthanc (SIGTERM, SIGKILL after 5 s) and remove its temp dir. Idempotent. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const POLL_MS = 100;
const KILL_GRACE_MS = 5_000;
const STDERR_TAIL = 4_000;

/** Orthancs still running in this process: killed by the process 'exit' handler. */
const running = new Set<ChildProcess>();
let exitHandlerInstalled = false;

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/**
 * A watchdog outside this process: when the test process dies without running its 'exit'
 * handler (SIGKILL, a crashed worker), it kills Orthanc and removes its temp dir. A zombie
 * counts as dead (`kill -0` would still succeed on it). It exits by itself once Orthanc is
 * gone, and `stop()` kills it too.
 */
function spawnWatchdog(orthancPid: number, dir: string): ChildProcess {
  const script = `alive() { s=$(cut -d' ' -f3 /proc/$1/stat 2>/dev/null); [ -n "$s" ] && [ "$s" != Z ]; }
while alive ${process.pid} && alive ${orthancPid}; do sleep 1; done
if alive ${orthancPid}; then kill -TERM ${orthancPid}; sleep 5; alive ${orthancPid} && kill -KILL ${orthancPid}; fi
rm -rf '${dir}'; exit 0`;
  const dog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  dog.unref();
  return dog;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Start a private Orthanc (Debian's 1.10.1, `/usr/sbin/Orthanc`) on free ports with its
 * storage in a temp dir, and wait until `GET /system` answers (at most 20 s; on failure it
 * throws with the tail of Orthanc's stderr). Orthanc 1.10 listens on every interface and
 * cannot be told otherwise, so tests always connect to 127.0.0.1; remote HTTP access is off.
 * Throws when Orthanc is missing (and, through `peer`, fails under CI=true): callers that may
 * skip check `peer('Orthanc')` first.
 */
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancPeer> {
  const binary = peer('Orthanc');
  if (!binary) throw new Error('startOrthanc: peer tool "Orthanc" is missing');
  const aet = options.aet ?? 'ORTHANC';
  const dir = makeTempDir('atrium-orthanc-');
  const storageDir = join(dir, 'storage');
  mkdirSync(storageDir);
  const httpPort = await freePort();
  let dicomPort = await freePort();
  while (dicomPort === httpPort) dicomPort = await freePort();
  const modalities = Object.fromEntries(Object.entries(options.modalities ?? {}).map(([name, m]) => [name, [m.aet, m.host, m.port]]));
  const config = {
    Name: `atrium-test-${aet}`,
    StorageDirectory: storageDir,
    IndexDirectory: storageDir,
    HttpServerEnabled: true,
    HttpPort: httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [],
    DicomServerEnabled: true,
    DicomAet: aet,
    DicomPort: dicomPort,
    DicomCheckCalledAet: true,
    DicomModalities: modalities,
    DicomAlwaysAllowEcho: true,
    DicomAlwaysAllowStore: true,
    UnknownSopClassAccepted: false,
    DicomScuTimeout: 5,
    StableAge: 1,
    SaveJobs: false,
    ...options.config,
  };
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  installExitHandler();
  const child = spawn(binary, [configPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-STDERR_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      spawnError = err;
      exited = true;
      running.delete(child);
      resolve();
    });
  });
  if (child.pid !== undefined) running.add(child);
  const dog = child.pid !== undefined ? spawnWatchdog(child.pid, dir) : undefined;
  const url = `http://127.0.0.1:${httpPort}`;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const graceful = await Promise.race([exitPromise.then(() => true), sleep(KILL_GRACE_MS).then(() => false)]);
      if (!graceful && !exited) {
        child.kill('SIGKILL');
        await Promise.race([exitPromise, sleep(KILL_GRACE_MS)]);
      }
    }
    running.delete(child);
    if (dog?.pid !== undefined && isAlive(dog.pid)) {
      try {
        process.kill(-dog.pid, 'SIGKILL'); // its process group: sh and its sleep
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const rest = async <T = unknown>(method: OrthancMethod, path: string, body?: unknown): Promise<T> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      if (body instanceof Uint8Array) {
        init.body = body.slice(); // a copy backed by a plain ArrayBuffer (BodyInit)
        init.headers = { 'content-type': 'application/dicom' };
      } else if (typeof body === 'string') {
        init.body = body;
        init.headers = { 'content-type': 'text/plain' };
      } else {
        init.body = JSON.stringify(body);
        init.headers = { 'content-type': 'application/json' };
      }
    }
    const res = await fetch(url + path, init);
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok) throw new Error(`Orthanc ${method} ${path}: HTTP ${res.status}: ${(await res.text()).slice(0, 2000)}`);
    if (type.includes('json')) return (await res.json()) as T;
    if (type.startsWith('text/')) return (await res.text()) as T;
    return new Uint8Array(await res.arrayBuffer()) as T;
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`startOrthanc: Orthanc exited before answering GET /system${spawnError ? ` (${spawnError.message})` : ''}; output tail:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/system`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) {
        await res.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`startOrthanc: GET ${url}/system did not answer within ${START_TIMEOUT_MS} ms; output tail:\n${output}`);
    }
    await sleep(POLL_MS);
  }

  return {
    pid: child.pid!,
    aet,
    dicomPort,
    httpPort,
    url,
    storageDir,
    rest,
    upload: (bytes) => rest('POST', '/instances', bytes),
    stop,
  };
}
