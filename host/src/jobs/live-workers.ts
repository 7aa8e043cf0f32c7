import type { Disposable } from '@atrium/sdk';
import type { HostLiveness } from '../db/host-liveness.js';
import type { SettingTable } from '../db/setting-table.js';

/** A worker that said it runs jobs: its host id, process id and job types. */
export interface WorkerEntry {
  readonly host: string;
  readonly pid: number;
  readonly types: readonly string[];
}

const PREFIX = 'jobs.worker.';

/**
 * The `atrium worker` processes sharing a store: each one records itself (a `jobs.worker.<host>:<pid>`
 * setting) while it runs and removes it when it stops; it is alive while its heartbeat is
 * (`HostLiveness`: its process on this host, its last beat within `store.hostTimeout` on another),
 * so that one killed counts no more once its heartbeat is stale.
 */
export class LiveWorkers {
  constructor(
    private readonly settings: SettingTable,
    private readonly liveness: HostLiveness,
  ) {}

  /** Record this process as a worker of `types` until the result is disposed. */
  register(types: readonly string[]): Disposable {
    const { host, pid } = this.liveness.self;
    const key = `${PREFIX}${host}:${pid}`;
    this.settings.set(key, JSON.stringify({ host, pid, types } satisfies WorkerEntry));
    return { dispose: () => this.settings.unset(key) };
  }

  /** The workers alive now (of `type`, when given); the records of dead ones are removed. */
  alive(type?: string): WorkerEntry[] {
    const alive: WorkerEntry[] = [];
    for (const [key, text] of this.settings.list(PREFIX)) {
      const entry = parse(text);
      if (entry === undefined || !this.liveness.mayBeWriting({ host: entry.host, pid: entry.pid })) {
        this.settings.unset(key);
        continue;
      }
      if (type === undefined || entry.types.includes(type)) alive.push(entry);
    }
    return alive;
  }
}

function parse(text: string): WorkerEntry | undefined {
  try {
    const v = JSON.parse(text) as Partial<WorkerEntry>;
    return typeof v.host === 'string' && typeof v.pid === 'number' && Array.isArray(v.types) ? (v as WorkerEntry) : undefined;
  } catch {
    return undefined;
  }
}
