import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Index, StoredFile } from '../db/dicom-index.js';
import type { RecordWarning } from '../db/instance-record.js';
import { query } from '../db/query-engine.js';
import { AtriumError, isAtriumError, listedCode } from '../errors/atrium-error.js';
import { readStart, withRegularFile } from '../io/regular-file.js';
import { classificationRefusal } from './classification-refusal.js';
import { diskFullRefusal } from './disk-space.js';
import type { FileStore } from './file-store.js';
import { syncDirectory } from './file-store-impl.js';
import { GroupCommit } from './group-commit.js';
import { PlacingSeries } from './placing-series.js';
import { prepareSlices } from './prepare-slices.js';
import { concatBytes } from '../io/concat-bytes.js';
import { prepareInstance, prepareLargeObject, type Prepared, type PreparedInstance, type PrepareOptions, type Refusal } from './prepare-instance.js';
import { copyInto, IN_MEMORY_MAX_BYTES, receivedFile, tooLarge, type ReceivedFile } from './receive-large-object.js';
import { DEFAULT_STABLE_AGE_MS, SeriesCompletion } from './series-completion.js';
import { StoreEvents } from './store-events.js';
import type { StoreIntents } from './store-intents.js';
import type { StoreOutcome } from './store-outcome.js';
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './store-settings.js';
import type { ValidationPolicy } from './validate-instance.js';

/** Options of {@link InstanceStore.receive}. */
export interface ReceiveOptions {
  /** A C-STORE request's Affected SOP Class / Instance UIDs: an object whose own UIDs differ is refused. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** false: the file write skips its fsyncs (default true). */
  readonly sync?: boolean;
  /**
   * true: an object whose SOP Instance UID is stored in its series with the same bytes (the
   * index's sha256 and size) is not written again: the staged instance says it is `unchanged` (an
   * import of a file imported before). Default: it replaces the stored file (`replaced`).
   */
  readonly unchangedIfIdentical?: boolean;
}

/** How an {@link InstanceStore} behaves. */
export interface InstanceStoreOptions {
  /** What validation refuses (default `safety`). */
  readonly policy?: ValidationPolicy;
  /** A series is complete once nothing new arrived in it for this long (default 60 s). */
  readonly stableAgeMs?: number;
  /** Parse limits, largest object, free disk space kept (default {@link DEFAULT_STORE_LIMITS}). */
  readonly limits?: StoreLimits;
  /** The organisation UID root (`atrium config set uidRoot`) of the File Meta Information generated for an object that came without one. */
  readonly uidRoot?: string;
}

/** Options, or the function that reads them when first needed (so that opening a store never fails on its settings). */
export type InstanceStoreSettings = InstanceStoreOptions | (() => InstanceStoreOptions);

/** What {@link InstanceStore.stage} gives back: a refusal, or a written file to {@link commit}. */
export type StagedInstance =
  | { readonly refused: StoreOutcome }
  | {
      readonly path: string;
      readonly warnings: readonly RecordWarning[];
      /**
       * Set (with {@link ReceiveOptions.unchangedIfIdentical}) when the object is stored already with
       * the same bytes: nothing was written, and `commit` must not be called.
       */
      readonly unchanged?: UnchangedInstance;
      commit(): StoreOutcome;
    };

/** An object received again with the bytes of its stored file: its UIDs and that file's path. */
export interface UnchangedInstance {
  readonly SOPInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly StudyInstanceUID: string;
  readonly SOPClassUID: string;
  readonly path: string;
}

/** What a refusal keeps in quarantine: the bytes received, or a file too large to hold (copied in chunks). */
export type Received = Uint8Array | ReceivedFile | ReceivedSlices;

/** Bytes received as consecutive slices (a File Meta Information and a C-STORE data set's PDVs), joined only to be kept in quarantine. */
export interface ReceivedSlices {
  readonly slices: readonly Uint8Array[];
}

interface Resolved {
  readonly policy: ValidationPolicy;
  readonly limits: StoreLimits;
  readonly completion: SeriesCompletion;
  readonly uidRoot?: string;
}

/**
 * Receives DICOM objects into the store: the one path used by import, the C-STORE SCP
 * and derived series, and the one place that fires the store's events. A Level 2 (Full)
 * storage provider: the data set bytes are stored exactly as received (a File Meta
 * Information is generated only for an object that came without one); objects the
 * validation policy refuses, and anything that fails on the way, are refused with a
 * reason and their bytes kept in quarantine — a bad object never stops the next one.
 * Objects over 64 MiB (files only) are never held in memory: walked and their header
 * parsed in place, then copied in chunks.
 *
 * Order of a store (crash-safe; a stored file is only ever replaced by a validated
 * instance with the same identity, once the index agrees): parse and validate (size
 * limit first) → free disk space checked → write a temp file → index check (duplicate
 * series, path held by another instance) → record the intent → rename into place →
 * index in one transaction → forget the intent → `instanceStored`.
 */
export class InstanceStoreImpl {
  /** `instanceStored` for every instance stored; `seriesComplete` per series. */
  readonly events = new StoreEvents();
  private resolved?: Resolved;
  /** Files written by C-STORE receivers and imports made durable together. */
  readonly group = new GroupCommit((fn) => this.index.inTransaction(fn));
  private readonly placing = new PlacingSeries();

  constructor(
    private readonly files: FileStore,
    private readonly index: Index,
    private readonly intents: StoreIntents,
    private readonly settings: InstanceStoreSettings = {},
  ) {}

  /** The validation policy in force. */
  get validation(): ValidationPolicy {
    return this.resolve().policy;
  }

  /** The parse limits, largest object and free space kept in force: what every read of a stored file uses too. */
  get limits(): StoreLimits {
    return this.resolve().limits;
  }

  private resolve(): Resolved {
    if (!this.resolved) {
      const options = typeof this.settings === 'function' ? this.settings() : this.settings;
      const completion = new SeriesCompletion(options.stableAgeMs ?? DEFAULT_STABLE_AGE_MS, (study, series) => this.fireComplete(study, series));
      this.resolved = { policy: options.policy ?? 'safety', limits: options.limits ?? DEFAULT_STORE_LIMITS, completion, ...(options.uidRoot ? { uidRoot: options.uidRoot } : {}) };
    }
    return this.resolved;
  }

  /**
   * Receive one file (import): read into memory up to 64 MiB; larger objects (up to the
   * `maxObjectBytes` setting, past 2 GiB too) are walked and their header parsed in place,
   * then copied in chunks (see `readLargeObject`) — the same checks, index check and
   * events as {@link receive}. Throws as {@link receive}, and when the file cannot be read:
   * FileProblem for anything but a regular file (a FIFO is never waited on, a device never read).
   */
  receiveFile(path: string, source: string, options: ReceiveOptions = {}): StoreOutcome {
    const read = withRegularFile(path, (fd, size) => (size <= IN_MEMORY_MAX_BYTES ? readStart(fd, size) : size));
    if (typeof read !== 'number') return this.receive(read, source, options);
    const size = read;
    const { maxObjectBytes } = this.limits;
    if (size > maxObjectBytes) return tooLarge(size, maxObjectBytes);
    const kept = receivedFile(path, size);
    return this.finish(this.admit(kept, source, options, (prepare) => prepareLargeObject(path, size, prepare)));
  }

  /**
   * Receive one object (Part 10 file or bare dataset). Never throws for bad input: only
   * when the index fails after the file is in place (`ATRIUM_ERR_STORE_INDEX_FAILED`; the
   * file is kept and indexed by the next start's reconcile) or the bytes of a refusal
   * cannot be kept (the disk).
   * `options.expect` (a C-STORE request's Affected SOP Class / Instance UIDs) refuses an
   * object whose own UIDs differ (`ATRIUM_ERR_STORE_SOP_MISMATCH`); `options.sync: false`
   * skips the fsyncs of the file write (see {@link FileStore.writeAtomic}).
   */
  receive(bytes: Uint8Array, source: string, options: ReceiveOptions = {}): StoreOutcome {
    return this.finish(this.stage(bytes, source, options));
  }

  /**
   * The first half of {@link receive}, for a C-STORE SCP that answers before indexing:
   * everything up to the file in its place (with its intent recorded) — then either the
   * refusal, or `commit()`, which indexes the file (hash, index row, intent forgotten,
   * `instanceStored`). An object whose file is placed is in the store even if `commit`
   * never runs: the startup reconcile indexes every file with an intent left (see
   * `reconcileStore`). Call `commit` before staging another object of the same series.
   */
  stage(bytes: Uint8Array, source: string, options: ReceiveOptions = {}): StagedInstance {
    const { maxObjectBytes } = this.limits; // a setting that cannot be read fails the receive, it refuses no object
    if (bytes.length > maxObjectBytes) return { refused: tooLarge(bytes.length, maxObjectBytes) };
    return this.admit(bytes, source, options, (prepare) => prepareInstance(bytes, prepare));
  }

  /**
   * {@link stage} of a C-STORE data set as it arrived (its PDV slices, behind the File Meta
   * Information `header`), never joined: header-only parse of the slices (see
   * prepareSlices), the file written with `writev`, and — with sync — made durable by the
   * group commit together with the files of other associations; the promise resolves once
   * the file is in place (and durable). The hash is computed by `commit`, after the answer.
   */
  stageSlices(header: Uint8Array, dataset: readonly Uint8Array[], source: string, options: ReceiveOptions = {}): Promise<StagedInstance> {
    const slices = [header, ...dataset];
    const size = slices.reduce((n, s) => n + s.length, 0);
    const { maxObjectBytes } = this.limits;
    if (size > maxObjectBytes) return Promise.resolve({ refused: tooLarge(size, maxObjectBytes) });
    return this.admitGrouped({ slices }, source, options, (prepare) => prepareSlices(slices, prepare));
  }

  /**
   * {@link receiveFile} through the group commit (import): the file read and written now,
   * made durable with the other files in flight; then `commit` indexes it.
   */
  stageFile(path: string, source: string, options: ReceiveOptions = {}): Promise<StagedInstance> {
    const read = withRegularFile(path, (fd, size) => (size <= IN_MEMORY_MAX_BYTES ? readStart(fd, size) : size));
    if (typeof read !== 'number') {
      const { maxObjectBytes } = this.limits;
      if (read.length > maxObjectBytes) return Promise.resolve({ refused: tooLarge(read.length, maxObjectBytes) });
      return this.admitGrouped(read, source, options, (prepare) => prepareInstance(read, prepare));
    }
    const size = read;
    const { maxObjectBytes } = this.limits;
    if (size > maxObjectBytes) return Promise.resolve({ refused: tooLarge(size, maxObjectBytes) });
    return this.admitGrouped(receivedFile(path, size), source, options, (prepare) => prepareLargeObject(path, size, prepare));
  }

  /**
   * Keep what cannot be stored in quarantine, with the reason beside it and a row in the
   * index (`atrium quarantine`); returns the refusal. `status` `duplicate` is for a Series
   * Instance UID held by another study. On a disk too full to keep them (`minFreeBytes`)
   * nothing is written and the reason says so: the sender or the original keeps the bytes.
   */
  refuse(kept: Received, source: string, refusal: Refusal, status: 'duplicate' | 'rejected' = 'rejected'): StoreOutcome {
    const { code, reason, details, SOPInstanceUID } = refusal;
    const received = 'slices' in kept ? concatBytes(kept.slices) : kept;
    const inMemory = received instanceof Uint8Array;
    const id = SOPInstanceUID ? { SOPInstanceUID } : {};
    const noSpace = this.checkFreeSpace(inMemory ? received.length : received.size);
    if (noSpace) return { status, code, reason: `${reason} (not kept in quarantine: ${noSpace.reason})`, ...id };
    const sha256 = inMemory ? createHash('sha256').update(received).digest('hex') : received.sha256();
    const quarantinePath = this.files.quarantine(inMemory ? received : (fd) => copyInto(fd, received.path), { code, reason, source, details, sha256 });
    this.index.addQuarantine({ reasonCode: code, reason, details, path: quarantinePath, sha256, source });
    return { status, code, reason, quarantinePath, ...id };
  }

  /**
   * The free space check every store makes before writing (`ATRIUM_ERR_STORE_DISK_FULL`
   * when `size` bytes would leave less than `minFreeBytes`), for a receiver that checks
   * before it builds the object (the C-STORE SCP); undefined when there is room.
   */
  checkFreeSpace(size: number, SOPInstanceUID?: string): Extract<StoreOutcome, { code: unknown }> | undefined {
    return diskFullRefusal(this.files, size, this.limits.minFreeBytes, SOPInstanceUID);
  }

  /**
   * Complete these series now — the end of an import or of an app run — instead of
   * waiting for their stable age: `seriesComplete` fires for each that received an
   * instance since it last fired.
   */
  completeSeries(seriesUids: Iterable<string>): void {
    this.resolved?.completion.complete(seriesUids);
  }

  /** Stop the stable-age timers (the workstation is closing); pending series do not fire. */
  close(): void {
    this.resolved?.completion.dispose();
    this.files.closeTemps();
  }

  /** Prepare (with the policy and limits in force) and place an object; any failure is its refusal. */
  private admit(received: Received, source: string, options: ReceiveOptions, prepare: (options: PrepareOptions) => Prepared, ahead = false): StagedInstance {
    const prepared = this.prepare(received, source, options, prepare);
    if ('refused' in prepared) return prepared;
    const sync = options.sync ?? true;
    const noSpace = this.checkFreeSpace(prepared.content.size, prepared.identity.SOPInstanceUID);
    if (noSpace) return { refused: noSpace };
    let tmp: string;
    try {
      tmp = this.files.writeTempWith((fd) => prepared.content.fill(fd), { sync, ahead });
    } catch (e) {
      return { refused: this.refuseFailure(received, source, e, prepared.identity.SOPInstanceUID) };
    }
    const { value, dirs } = this.placeWritten(prepared, received, source, tmp, options.unchangedIfIdentical ?? false);
    if (sync) for (const d of dirs) syncDirectory(d);
    return value;
  }

  /**
   * {@link admit} with the file made durable by the group commit (see GroupCommit): the
   * temp file is written now, synced with the files of other receivers and imports, placed,
   * its directory synced — and only then does the promise resolve.
   */
  private admitGrouped(received: Received, source: string, options: ReceiveOptions, prepare: (options: PrepareOptions) => Prepared): Promise<StagedInstance> {
    if (options.sync === false) return Promise.resolve(this.admit(received, source, options, prepare, true));
    const prepared = this.prepare(received, source, options, prepare);
    if ('refused' in prepared) return Promise.resolve(prepared);
    const noSpace = this.checkFreeSpace(prepared.content.size, prepared.identity.SOPInstanceUID);
    if (noSpace) return Promise.resolve({ refused: noSpace });
    return this.writeGrouped(prepared, received, source, options.unchangedIfIdentical ?? false);
  }

  /** The temp file written (off the event loop when the bytes are in memory), then made durable and placed by the group commit. */
  private async writeGrouped(prepared: PreparedInstance, received: Received, source: string, ifIdentical: boolean): Promise<StagedInstance> {
    let open: { readonly tmp: string; readonly fd: number };
    try {
      const { slices } = prepared.content;
      open = slices ? await this.files.writeTempAsync(slices) : this.files.writeTempOpen((fd) => prepared.content.fill(fd), { ahead: true });
    } catch (e) {
      return { refused: this.refuseFailure(received, source, e, prepared.identity.SOPInstanceUID) };
    }
    return this.group
      .durable<StagedInstance>({
        fd: open.fd,
        admit: () => this.admitWritten(prepared, received, source, open.tmp, ifIdentical),
        failed: (e) => {
          this.files.discard(open.tmp);
          return { refused: this.refuseFailure(received, source, e, prepared.identity.SOPInstanceUID) };
        },
      })
      .catch((e: unknown) => {
        // The group's index transaction failed (the index unreachable): not placed, not kept.
        this.files.discard(open.tmp);
        throw e;
      });
  }

  /** Parse, check and validate an object under the policy and limits in force; any failure is its refusal. */
  private prepare(received: Received, source: string, options: ReceiveOptions, prepare: (options: PrepareOptions) => Prepared): PreparedInstance | { refused: StoreOutcome } {
    const { policy, limits, uidRoot } = this.resolve();
    let prepared: Prepared;
    try {
      const pathOf: PrepareOptions['pathOf'] = (id) => this.files.instancePath(id.StudyInstanceUID, id.SeriesInstanceUID, id.SOPInstanceUID);
      prepared = prepare({ policy, limits, source, pathOf, tempDir: this.files.tmpDir, ...(options.expect ? { expect: options.expect } : {}), ...(uidRoot ? { uidRoot } : {}) });
    } catch (e) {
      return { refused: this.refuseFailure(received, source, e) };
    }
    if ('refusal' in prepared) return { refused: this.refuse(received, source, prepared.refusal) };
    return prepared;
  }

  /** {@link admitWritten} and its rename at once (the single-file path). */
  private placeWritten(prepared: PreparedInstance, received: Received, source: string, tmp: string, ifIdentical: boolean): { value: StagedInstance; dirs: readonly string[] } {
    const admitted = this.admitWritten(prepared, received, source, tmp, ifIdentical);
    return 'place' in admitted ? admitted.place() : { value: admitted.value, dirs: [] };
  }

  /**
   * A written (and, with sync, durable) temp file: index check (duplicate series — also
   * against objects placed but not yet indexed —, path held by another instance) → intent;
   * then, once the intent is committed, `place` renames it and returns the staged instance
   * and the directories to fsync for the rename to be durable. A refusal discards the temp file.
   */
  private admitWritten(prepared: PreparedInstance, received: Received, source: string, tmp: string, ifIdentical: boolean): { value: StagedInstance } | { place: () => { value: StagedInstance; dirs: readonly string[] } } {
    const { record, identity } = prepared;
    const path = record.file.path;
    const failed = (e: unknown): { value: StagedInstance } => {
      this.files.discard(tmp);
      return { value: { refused: this.refuseFailure(received, source, e, identity.SOPInstanceUID) } };
    };
    let release: () => void;
    try {
      const decision = this.placing.check(identity) ?? this.index.classify(record);
      const refusal = classificationRefusal(decision, identity, path);
      if (refusal) {
        this.files.discard(tmp);
        return { value: { refused: this.refuse(received, source, refusal, decision.action === 'quarantine-duplicate-series' ? 'duplicate' : 'rejected') } };
      }
      if (ifIdentical && decision.action === 'replace' && this.isStoredAs(decision.existing, path, prepared)) {
        this.files.discard(tmp);
        const unchanged: UnchangedInstance = { ...identity, path };
        return {
          value: {
            path, warnings: [], unchanged,
            commit: () => {
              throw new Error(`${path} is stored unchanged: there is nothing to commit`);
            },
          },
        };
      }
      this.intents.begin(path);
      release = this.placing.hold(identity);
    } catch (e) {
      return failed(e);
    }
    const commit = (): StoreOutcome => {
      try {
        return this.commit(prepared, source);
      } finally {
        release();
      }
    };
    return {
      place: () => {
        try {
          const dirs = this.files.rename(tmp, path);
          return { value: { path, warnings: prepared.warnings, commit }, dirs };
        } catch (e) {
          release();
          return { ...failed(e), dirs: [] };
        }
      },
    };
  }

  /** True when the stored file at `path` is what `prepared` would write: the same sha256 (as indexed) and size (on disk). */
  private isStoredAs(existing: StoredFile, path: string, prepared: PreparedInstance): boolean {
    if (existing.path !== path || existing.size !== prepared.content.size || existing.sha256 !== prepared.content.sha256()) return false;
    return statSync(this.files.absolute(path), { throwIfNoEntry: false })?.size === existing.size;
  }

  /** The refusal, or the committed outcome; an index failure after the file is placed is `ATRIUM_ERR_STORE_INDEX_FAILED`. */
  private finish(staged: StagedInstance): StoreOutcome {
    if ('refused' in staged) return staged.refused;
    try {
      return staged.commit();
    } catch (e) {
      throw new AtriumError('ATRIUM_ERR_STORE_INDEX_FAILED', `${staged.path} was written but indexing it failed (${(e as Error).message}); the next start's reconcile indexes it`, { path: staged.path }, { cause: e });
    }
  }

  /**
   * Index a placed file. An index failure here is thrown and leaves the file and its
   * intent in place: the object may already be acknowledged (C-STORE), and the next
   * start's reconcile indexes it.
   */
  private commit(prepared: PreparedInstance, source: string): StoreOutcome {
    const { record, identity, warnings } = prepared;
    const path = record.file.path;
    record.file.sha256 = prepared.content.sha256();
    // The row and the end of the intent in one transaction: both, or the intent stays for the reconcile.
    const result = this.index.inTransaction(() => {
      const upserted = this.index.upsertInstance(record);
      this.intents.end(path);
      return upserted;
    });
    if (result.previousFile && result.previousFile.path !== path) this.files.remove(result.previousFile.path);
    const outcome: StoreOutcome = { status: result.action, ...identity, path, changes: result.changes, ...(warnings.length > 0 ? { warnings } : {}) };
    this.events.instanceStored({ ...outcome, source });
    this.resolve().completion.touch(identity.StudyInstanceUID, identity.SeriesInstanceUID);
    return outcome;
  }

  /** Anything that went wrong with one object becomes its refusal (an AtriumError keeps its code). */
  private refuseFailure(received: Received, source: string, error: unknown, SOPInstanceUID?: string): StoreOutcome {
    const code = isAtriumError(error) ? listedCode(error, 'ATRIUM_ERR_STORE_FAILED') : 'ATRIUM_ERR_STORE_FAILED';
    const reason = isAtriumError(error) ? error.message : `storing failed: ${(error as Error)?.message ?? String(error)}`;
    return this.refuse(received, source, { code, reason, details: isAtriumError(error) ? { ...error.details } : {}, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) });
  }

  private fireComplete(StudyInstanceUID: string, SeriesInstanceUID: string): void {
    const [row] = query(this.index, 'SERIES', { SeriesInstanceUID, NumberOfSeriesRelatedInstances: '' });
    const instances = Number(row?.NumberOfSeriesRelatedInstances ?? 0);
    if (instances > 0) this.events.seriesComplete({ StudyInstanceUID, SeriesInstanceUID, instances });
  }
}
