import { close, fdatasync, fsync, open } from 'node:fs';

/** One file of a {@link GroupCommit}: its open temp file, and what is done once its data is durable. */
export interface GroupEntry<T> {
  /** The temp file's open descriptor (closed by the group). */
  readonly fd: number;
  /**
   * Runs once the data is durable (in group order, the group's together in one database
   * transaction): the index check and the intent. Returns the value, or — for a file to be
   * placed — the rename to run once the intents are committed, which returns the value and
   * the directories to fsync.
   */
  admit(): { readonly value: T } | { readonly place: () => { readonly value: T; readonly dirs: readonly string[] } };
  /** The value when the data could not be made durable (the temp file is to be discarded). */
  failed(error: unknown): T;
}

interface Pending {
  readonly entry: GroupEntry<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of the store's files: files written while the previous group was being
 * synced are made durable together — `fdatasync` of each (in parallel, on libuv's thread
 * pool, so the file system commits its journal once for many), then the index check and
 * intent of each, in order, in one database transaction, then the renames, then one fsync
 * per directory the group touched — and only then do their promises resolve (a C-STORE answered, an import
 * counted). The durability per file is that of the single-file path (data synced before
 * the rename, the directory after it); what is shared is the waiting.
 */
export class GroupCommit {
  private waiting: Pending[] = [];
  private running = false;
  /** Groups committed and files in them (for the bench and tests). */
  readonly stats = { groups: 0, files: 0 };

  /** @param inTransaction runs the group's index checks and intents in one database transaction. */
  constructor(private readonly inTransaction: (fn: () => void) => void = (fn) => fn()) {}

  /** Make `entry`'s file durable with the next group; resolves once it and its directory are. */
  durable<T>(entry: GroupEntry<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ entry, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Let I/O already received (other associations' data) join this group.
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.commit(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    this.stats.groups++;
    this.stats.files += group.length;
    const synced = await Promise.all(group.map((p) => syncAndClose(p.entry.fd).then(() => undefined, (e: unknown) => ({ error: e }))));
    const renames: { p: Pending; place: () => { value: unknown; dirs: readonly string[] } }[] = [];
    const admit = (): void => {
      group.forEach((p, i) => {
        const failure = synced[i];
        if (failure) return p.resolve(p.entry.failed(failure.error));
        try {
          const admitted = p.entry.admit();
          if ('place' in admitted) renames.push({ p, place: admitted.place });
          else p.resolve(admitted.value);
        } catch (e) {
          p.reject(e);
        }
      });
    };
    try {
      this.inTransaction(admit);
    } catch (e) {
      // The intents were not committed (or the transaction never began: the index is
      // unreachable): nothing of the group is placed, and every file not yet answered fails
      // with it (a settled one stays as it is), none is left waiting.
      renames.splice(0);
      for (const p of group) p.reject(e);
    }
    const placed: { p: Pending; value: unknown }[] = [];
    const dirs = new Set<string>();
    for (const { p, place } of renames) {
      try {
        const { value, dirs: touched } = place();
        for (const d of touched) dirs.add(d);
        placed.push({ p, value });
      } catch (e) {
        p.reject(e);
      }
    }
    const dirErrors = await Promise.all([...dirs].map((d) => syncDirectory(d).then(() => undefined, (e: unknown) => e as Error)));
    const dirError = dirErrors.find((e) => e !== undefined);
    for (const { p, value } of placed) {
      if (dirError) p.reject(dirError);
      else p.resolve(value);
    }
  }
}

function syncAndClose(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fdatasync(fd, (error) => close(fd, (closeError) => (error ?? closeError ? reject(error ?? closeError) : resolve())));
  });
}

function syncDirectory(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(dir, 'r', (error, fd) => {
      if (error) return reject(error);
      fsync(fd, (syncError) => close(fd, (closeError) => (syncError ?? closeError ? reject(syncError ?? closeError) : resolve())));
    });
  });
}
