import { createHash } from 'node:crypto';
import type { Classification, Index } from '../db/dicom-index.js';
import type { RecordWarning } from '../db/instance-record.js';
import { query } from '../db/query-engine.js';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import type { FileStore } from './file-store.js';
import { prepareInstance, type PreparedInstance, type Refusal } from './prepare-instance.js';
import { DEFAULT_STABLE_AGE_MS, SeriesCompletion } from './series-completion.js';
import { StoreEvents } from './store-events.js';
import type { StoreIntents } from './store-intents.js';
import type { StoreOutcome } from './store-outcome.js';
import type { ValidationPolicy } from './validate-instance.js';

/** Options of {@link InstanceStore.receive}. */
export interface ReceiveOptions {
  /** A C-STORE request's Affected SOP Class / Instance UIDs: an object whose own UIDs differ is refused. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** false: the file write skips its fsyncs (default true). */
  readonly sync?: boolean;
}

/** How an {@link InstanceStore} behaves. */
export interface InstanceStoreOptions {
  /** What validation refuses (default `safety`). */
  readonly policy?: ValidationPolicy;
  /** A series is complete once nothing new arrived in it for this long (default 60 s). */
  readonly stableAgeMs?: number;
}

/** Options, or the function that reads them when first needed (so that opening a store never fails on its settings). */
export type InstanceStoreSettings = InstanceStoreOptions | (() => InstanceStoreOptions);

/** What {@link InstanceStore.stage} gives back: a refusal, or a written file to {@link commit}. */
export type StagedInstance =
  | { readonly refused: StoreOutcome }
  | { readonly path: string; readonly warnings: readonly RecordWarning[]; commit(): StoreOutcome };

/**
 * Receives DICOM objects into the store: the one path used by import, the C-STORE SCP
 * and derived series, and the one place that fires the store's events. A Level 2 (Full)
 * storage provider: the data set bytes are stored exactly as received (a File Meta
 * Information is generated only for an object that came without one); objects the
 * validation policy refuses, and anything that fails on the way, are refused with a
 * reason and their bytes kept in quarantine — a bad object never stops the next one.
 *
 * Order of a store (crash-safe; a stored file is only ever replaced by a validated
 * instance with the same identity, once the index agrees): parse and validate in memory
 * → write a temp file → index check (duplicate series, path held by another instance) →
 * record the intent → rename into place → index in one transaction → forget the intent
 * → `instanceStored`.
 */
export class InstanceStore {
  /** `instanceStored` for every instance stored; `seriesComplete` per series. */
  readonly events = new StoreEvents();
  private resolved?: { readonly policy: ValidationPolicy; readonly completion: SeriesCompletion };

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

  private resolve(): { readonly policy: ValidationPolicy; readonly completion: SeriesCompletion } {
    if (!this.resolved) {
      const options = typeof this.settings === 'function' ? this.settings() : this.settings;
      const completion = new SeriesCompletion(options.stableAgeMs ?? DEFAULT_STABLE_AGE_MS, (study, series) => this.fireComplete(study, series));
      this.resolved = { policy: options.policy ?? 'safety', completion };
    }
    return this.resolved;
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
    const staged = this.stage(bytes, source, options);
    if ('refused' in staged) return staged.refused;
    try {
      return staged.commit();
    } catch (e) {
      throw new AtriumError('ATRIUM_ERR_STORE_INDEX_FAILED', `${staged.path} was written but indexing it failed (${(e as Error).message}); the next start's reconcile indexes it`, { path: staged.path }, { cause: e });
    }
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
    const policy = this.validation; // a setting that cannot be read fails the receive, it refuses no object
    let prepared: PreparedInstance | { readonly refusal: Refusal };
    try {
      prepared = prepareInstance(bytes, { policy, source, pathOf: (id) => this.files.instancePath(id.StudyInstanceUID, id.SeriesInstanceUID, id.SOPInstanceUID), ...(options.expect ? { expect: options.expect } : {}) });
    } catch (e) {
      return { refused: this.refuseFailure(bytes, source, e) };
    }
    if ('refusal' in prepared) return { refused: this.refuse(bytes, source, prepared.refusal) };
    return this.place(prepared, bytes, source, options.sync ?? true);
  }

  /**
   * Keep bytes that cannot be stored in quarantine, with the reason beside them and a row
   * in the index (`atrium quarantine`); returns the refusal. `status` `duplicate` is for a
   * Series Instance UID held by another study.
   */
  refuse(bytes: Uint8Array, source: string, refusal: Refusal, status: 'duplicate' | 'rejected' = 'rejected'): StoreOutcome {
    const { code, reason, details, SOPInstanceUID } = refusal;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const quarantinePath = this.files.quarantine(bytes, { code, reason, source, details, sha256 });
    this.index.addQuarantine({ reasonCode: code, reason, details, path: quarantinePath, sha256, source });
    return { status, code, reason, quarantinePath, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) };
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
  }

  /** Temp file → index check → intent → rename; refusals discard the temp file. */
  private place(prepared: PreparedInstance, received: Uint8Array, source: string, sync: boolean): StagedInstance {
    const { record, identity } = prepared;
    const path = record.file.path;
    let tmp: string | undefined;
    try {
      tmp = this.files.writeTemp(prepared.bytes, { sync });
      const decision = this.index.classify(record);
      const refusal = classificationRefusal(decision, identity, path);
      if (refusal) {
        this.files.discard(tmp);
        return { refused: this.refuse(received, source, refusal, decision.action === 'quarantine-duplicate-series' ? 'duplicate' : 'rejected') };
      }
      this.intents.begin(path);
      this.files.place(tmp, path, { sync });
    } catch (e) {
      if (tmp !== undefined) this.files.discard(tmp);
      return { refused: this.refuseFailure(received, source, e, identity.SOPInstanceUID) };
    }
    return { path, warnings: prepared.warnings, commit: () => this.commit(prepared, source) };
  }

  /**
   * Index a placed file. An index failure here is thrown and leaves the file and its
   * intent in place: the object may already be acknowledged (C-STORE), and the next
   * start's reconcile indexes it.
   */
  private commit(prepared: PreparedInstance, source: string): StoreOutcome {
    const { record, identity, warnings } = prepared;
    const path = record.file.path;
    record.file.sha256 = createHash('sha256').update(prepared.bytes).digest('hex');
    const result = this.index.upsertInstance(record);
    this.intents.end(path);
    if (result.previousFile && result.previousFile.path !== path) this.files.remove(result.previousFile.path);
    const outcome: StoreOutcome = { status: result.action, ...identity, path, changes: result.changes, ...(warnings.length > 0 ? { warnings } : {}) };
    this.events.instanceStored({ ...outcome, source });
    this.resolve().completion.touch(identity.StudyInstanceUID, identity.SeriesInstanceUID);
    return outcome;
  }

  /** Anything that went wrong with one object becomes its refusal (an AtriumError keeps its code). */
  private refuseFailure(bytes: Uint8Array, source: string, error: unknown, SOPInstanceUID?: string): StoreOutcome {
    const code = isAtriumError(error) ? error.code : 'ATRIUM_ERR_STORE_FAILED';
    const reason = isAtriumError(error) ? error.message : `storing failed: ${(error as Error)?.message ?? String(error)}`;
    return this.refuse(bytes, source, { code, reason, details: isAtriumError(error) ? { ...error.details } : {}, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) });
  }

  private fireComplete(StudyInstanceUID: string, SeriesInstanceUID: string): void {
    const [row] = query(this.index, 'SERIES', { SeriesInstanceUID, NumberOfSeriesRelatedInstances: '' });
    const instances = Number(row?.NumberOfSeriesRelatedInstances ?? 0);
    if (instances > 0) this.events.seriesComplete({ StudyInstanceUID, SeriesInstanceUID, instances });
  }
}

/** The refusal an index check makes, if any. */
function classificationRefusal(decision: Classification, id: { StudyInstanceUID: string; SeriesInstanceUID: string; SOPInstanceUID: string }, path: string): Refusal | undefined {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = id;
  if (decision.action === 'quarantine-duplicate-series') {
    const held = decision.existing.StudyInstanceUID;
    return {
      code: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
      reason: `Series Instance UID ${SeriesInstanceUID} is already stored in study ${held}; this instance belongs to study ${StudyInstanceUID} (Canon GCA-9300R conformance statement §4.1.3.3.3: kept aside for administrative clean-up)`,
      details: { SeriesInstanceUID, StudyInstanceUID, heldByStudy: held },
      SOPInstanceUID,
    };
  }
  if (decision.action === 'path-in-use') {
    return {
      code: 'ATRIUM_ERR_INDEX_PATH_IN_USE',
      reason: `${path} is indexed for instance ${decision.existing.SOPInstanceUID} of series ${decision.existing.SeriesInstanceUID}; it is not replaced by another instance`,
      details: { path, heldBy: decision.existing },
      SOPInstanceUID,
    };
  }
  return undefined;
}
