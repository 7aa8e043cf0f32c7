import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync, readFileSync, existsSync, rmdirSync, statfsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AtriumError } from '../errors/atrium-error.js';
import { uidProblem } from '../io/uid-problem.js';
import { tempFileName, tempFileOwner } from '../core/temp-file-name.js';
import type { StoreOwner } from '../db/host-liveness.js';
import { TempFilePool } from './temp-file-pool.js';
import { writevAllAsync } from './stored-content.js';

/**
 * Files under a data root. Layout:
 * - `files/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm` — stored instances
 * - `quarantine/<YYYY-MM-DD>/<id>.dcm` + `<id>.json` — rejected bytes with the reason
 * - `tmp/` — files being written, named `<host>@<pid>-<random>.part` (removed at startup once
 *   their writer is gone: see `HostLiveness`)
 *
 * Every write is atomic: a temp file is written and fsync'd, renamed into place, and the
 * directory fsync'd, so a crash leaves either the old file or the new one, never half.
 */
export class FileStoreImpl {
  readonly filesDir: string;
  readonly quarantineDir: string;
  readonly tmpDir: string;

  /** Temp files made ahead for receivers (see {@link writeTempOpen}). */
  private readonly temps = new TempFilePool(() => this.tempName());

  constructor(readonly root: string) {
    this.filesDir = join(root, 'files');
    this.quarantineDir = join(root, 'quarantine');
    this.tmpDir = join(root, 'tmp');
    for (const d of [root, this.filesDir, this.quarantineDir, this.tmpDir]) mkdirSync(d, { recursive: true });
  }

  /**
   * Relative path (with `/`) of an instance file. The UIDs must be validated identity
   * UIDs (digits and dots); anything else is a programming error, refused before it can
   * name a path outside the store.
   */
  instancePath(studyUid: string, seriesUid: string, sopInstanceUid: string): string {
    for (const uid of [studyUid, seriesUid, sopInstanceUid]) {
      if (uidProblem(uid) !== undefined) throw new AtriumError('ATRIUM_ERR_STORE_BAD_PATH', `${JSON.stringify(uid)} cannot name a stored file: it is not a valid UID`, { uid });
    }
    return `files/${studyUid}/${seriesUid}/${sopInstanceUid}.dcm`;
  }

  absolute(relPath: string): string {
    return join(this.root, ...relPath.split('/'));
  }

  exists(relPath: string): boolean {
    return existsSync(this.absolute(relPath));
  }

  read(relPath: string): Buffer {
    return readFileSync(this.absolute(relPath));
  }

  /**
   * Write `bytes` at `relPath` atomically (temp + fsync + rename + directory fsync).
   * With `sync: false` the fsyncs are skipped: the file is still complete or absent after
   * a crash of this process (temp + rename), but not necessarily after a power loss.
   */
  writeAtomic(relPath: string, bytes: Uint8Array, options: { sync?: boolean } = {}): void {
    this.place(this.writeTemp(bytes, options), relPath, options);
  }

  /** {@link writeAtomic} of what `fill` writes to the file's descriptor (an object copied from a file in chunks, never held whole). */
  writeAtomicWith(relPath: string, fill: (fd: number) => void, options: { sync?: boolean } = {}): void {
    this.place(this.writeTempWith(fill, options), relPath, options);
  }

  /**
   * The first half of {@link writeAtomic}: `bytes` in a new temp file under `tmp/`
   * (fsync'd unless `sync: false`). Returns its absolute path, for {@link place} or
   * {@link discard}; a temp file left by a crash is removed at the next start.
   */
  writeTemp(bytes: Uint8Array, options: { sync?: boolean } = {}): string {
    return this.writeTempWith((fd) => writeAll(fd, bytes), options);
  }

  /** {@link writeTemp} of what `fill` writes to the temp file's descriptor; a temp file whose `fill` throws is removed. */
  writeTempWith(fill: (fd: number) => void, options: { sync?: boolean; ahead?: boolean } = {}): string {
    const { tmp, fd } = this.writeTempOpen(fill, options);
    try {
      if (options.sync ?? true) fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    return tmp;
  }

  /**
   * {@link writeTempWith} without the fsync, its descriptor left open: for a group commit
   * that makes several files durable together (see GroupCommit), which closes it. With
   * `ahead`, a temp file made ahead is used when one is ready (see TempFilePool): for
   * receivers that write one file after another.
   */
  writeTempOpen(fill: (fd: number) => void, options: { ahead?: boolean } = {}): { readonly tmp: string; readonly fd: number } {
    const ready = options.ahead ? this.temps.take() : undefined;
    const tmp = ready?.tmp ?? this.tempName();
    const fd = ready?.fd ?? openSync(tmp, 'w');
    try {
      fill(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    return { tmp, fd };
  }

  /**
   * A new temp file written off the event loop (created ahead, see TempFilePool; `slices`
   * written with writev on the thread pool), its descriptor left open for the group commit;
   * a temp file whose write fails is removed.
   */
  async writeTempAsync(slices: readonly Uint8Array[]): Promise<{ readonly tmp: string; readonly fd: number }> {
    const { tmp, fd } = await this.temps.next();
    try {
      await writevAllAsync(fd, slices);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    return { tmp, fd };
  }

  /** A new temp file path under `tmp/`: `<host>@<pid>-<random>.part` (see tempFileName). */
  private tempName(): string {
    return join(this.tmpDir, tempFileName('', { sequential: true }));
  }

  /** Removes the temp files made ahead and not used (the store is closing). */
  closeTemps(): void {
    this.temps.close();
  }

  /** The second half of {@link writeAtomic}: rename a temp file to `relPath` (replacing what is there), then fsync the directories. */
  place(tmp: string, relPath: string, options: { sync?: boolean } = {}): void {
    const dirs = this.rename(tmp, relPath);
    if (options.sync ?? true) for (const d of dirs) syncDirectory(d);
  }

  /**
   * Rename a temp file (already durable) to `relPath`; returns the directories whose fsync
   * makes the new entry durable: its own, and — for directories made just now (a new study
   * or series) — those holding their entries, up to the first pre-existing one.
   */
  rename(tmp: string, relPath: string): string[] {
    const target = this.absolute(relPath);
    const dir = dirname(target);
    const created = mkdirSync(dir, { recursive: true });
    renameSync(tmp, target);
    const dirs = [dir];
    if (created !== undefined) {
      for (let d = dirname(dir), top = dirname(created); ; d = dirname(d)) {
        dirs.push(d);
        if (d === top || d === dirname(d)) break;
      }
    }
    return dirs;
  }

  /** Remove a temp file of {@link writeTemp} that is not to be placed. */
  discard(tmp: string): void {
    rmSync(tmp, { force: true });
  }

  /** Bytes free for this process on the store's file system (the probe tests replace to simulate a full disk). */
  freeBytes(): number {
    const stats = statfsSync(this.root);
    return stats.bavail * stats.bsize;
  }

  /** Remove a stored file and the directories it leaves empty (up to `files/`). */
  remove(relPath: string): void {
    const abs = this.absolute(relPath);
    rmSync(abs, { force: true });
    let dir = dirname(abs);
    while (dir.startsWith(this.filesDir + sep) || dir.startsWith(this.quarantineDir + sep)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
      dir = dirname(dir);
    }
  }

  /**
   * Keep rejected bytes with their reason: `quarantine/<date>/<id>.dcm` and `<id>.json`;
   * `bytes` may be a function writing them (a large object copied from its file).
   * Returns the relative path of the kept bytes.
   */
  quarantine(bytes: Uint8Array | ((fd: number) => void), reason: Readonly<Record<string, unknown>>, now = new Date()): string {
    const day = now.toISOString().slice(0, 10);
    const id = `${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(6).toString('hex')}`;
    const rel = `quarantine/${day}/${id}.dcm`;
    if (typeof bytes === 'function') this.writeAtomicWith(rel, bytes);
    else this.writeAtomic(rel, bytes);
    this.writeAtomic(`quarantine/${day}/${id}.json`, new TextEncoder().encode(JSON.stringify({ ...reason, keptAt: now.toISOString() }, null, 2) + '\n'));
    return rel;
  }

  /**
   * Remove leftovers of interrupted writes; files of another live process (still being
   * written) are left alone. Returns how many were removed.
   */
  cleanTmp(liveness: { mayBeWriting(owner: StoreOwner): boolean }): number {
    const names = readdirSync(this.tmpDir).filter((n) => !liveness.mayBeWriting(tempFileOwner(n)));
    for (const n of names) rmSync(join(this.tmpDir, n), { force: true, recursive: true });
    return names.length;
  }

  /** Every stored instance file, as relative paths. */
  listInstanceFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const ent of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (ent.isFile() && ent.name.endsWith('.dcm')) out.push(relative(this.root, p).split(sep).join('/'));
      }
    };
    walk(this.filesDir);
    return out;
  }
}

/** Writes all of `bytes` at the descriptor's position. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** fsync of a directory (its entries made durable). */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
