import { createHash } from 'node:crypto';
import { Tag } from '@atrium/sdk';
import type { Index } from '../db/dicom-index.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import type { FileStore } from './file-store.js';
import { recordFromDataset } from './record-from-dataset.js';
import type { StoreIntents } from './store-intents.js';
import type { StoreOutcome } from './store-outcome.js';
import { validateInstance, type ValidationPolicy } from './validate-instance.js';

/** Options of {@link InstanceStore.receive}. */
export interface ReceiveOptions {
  /** A C-STORE request's Affected SOP Class / Instance UIDs: an object whose own UIDs differ is refused. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** false: the file write skips its fsyncs (default true). */
  readonly sync?: boolean;
}

/**
 * Receives DICOM objects into the store: the one path used by import, the C-STORE SCP
 * and derived series. A Level 2 (Full) storage provider: bytes are stored exactly as
 * received (a file meta is generated only when the object came without one); invalid
 * objects are refused with a reason and their bytes kept in quarantine.
 *
 * Order of a store (crash-safe): validate in memory → record the intent → write the file
 * atomically → index it in one transaction → forget the intent.
 */
export class InstanceStore {
  constructor(
    private readonly files: FileStore,
    private readonly index: Index,
    private readonly intents: StoreIntents,
    private readonly policy: ValidationPolicy = 'safety',
  ) {}

  /**
   * Receive one object (Part 10 file or bare dataset). Never throws for bad input.
   * `options.expect` (a C-STORE request's Affected SOP Class / Instance UIDs) refuses an
   * object whose own UIDs differ (`ATRIUM_ERR_STORE_SOP_MISMATCH`); `options.sync: false`
   * skips the fsyncs of the file write (see {@link FileStore.writeAtomic}).
   */
  receive(bytes: Uint8Array, source: string, options: ReceiveOptions = {}): StoreOutcome {
    const staged = this.stage(bytes, source, options);
    return 'refused' in staged ? staged.refused : staged.commit();
  }

  /**
   * The first half of {@link receive}, for a C-STORE SCP that answers before indexing:
   * parse, validate, classify and write the file (with its intent recorded) — then either
   * the refusal, or `commit()`, which indexes the file (hash, index row, intent forgotten).
   * An object whose file is written is in the store even if `commit` never runs: the
   * startup reconcile indexes every file with an intent left (see `reconcileStore`).
   * Call `commit` before staging another object of the same series.
   */
  stage(bytes: Uint8Array, source: string, options: ReceiveOptions = {}): { readonly refused: StoreOutcome } | { readonly path: string; commit(): StoreOutcome } {
    const expect = options.expect;
    let file: DicomFile;
    try {
      file = parseDicom(bytes);
    } catch (e) {
      if (!isAtriumError(e)) throw e;
      return { refused: this.reject(bytes, source, 'rejected', e.code, e.message, { ...e.details }) };
    }
    const ds = file.dataset;
    for (const key of ['SOPClassUID', 'SOPInstanceUID'] as const) {
      const want = expect?.[key];
      const have = ds.string(Tag[key]);
      if (want !== undefined && have !== want) {
        return { refused: this.reject(bytes, source, 'rejected', 'ATRIUM_ERR_STORE_SOP_MISMATCH',
          `${key} of the data set (${have ?? 'absent'}) differs from the request's Affected ${key} (${want})`, { [key]: have, expected: want }, ds.string(Tag.SOPInstanceUID)) };
      }
    }
    const problems = validateInstance(ds, this.policy);
    const first = problems[0];
    if (first) {
      return { refused: this.reject(bytes, source, 'rejected', first.code, problems.map((p) => p.message).join('; '), {
        problems: problems.map((p) => ({ code: p.code, keyword: p.keyword, message: p.message })),
      }, ds.string(Tag.SOPInstanceUID)) };
    }
    const StudyInstanceUID = ds.string(Tag.StudyInstanceUID) as string;
    const SeriesInstanceUID = ds.string(Tag.SeriesInstanceUID) as string;
    const SOPInstanceUID = ds.string(Tag.SOPInstanceUID) as string;
    const SOPClassUID = ds.string(Tag.SOPClassUID) as string;
    const stored = file.meta ? bytes : writePart10(file);
    const path = this.files.instancePath(StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID);
    // The hash is computed in commit(); classify only needs the record's UIDs and identity.
    const record = recordFromDataset(ds, file.transferSyntax.uid, { path, size: stored.length, sha256: 'pending', receivedFrom: source });
    const decision = this.index.classify(record);
    if (decision.action === 'quarantine-duplicate-series') {
      const held = decision.existing.StudyInstanceUID;
      return { refused: this.reject(bytes, source, 'duplicate', 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
        `Series Instance UID ${SeriesInstanceUID} is already stored in study ${held}; this instance belongs to study ${StudyInstanceUID} (seed 001 §4.1.3.3.3: kept aside for administrative clean-up)`,
        { SeriesInstanceUID, StudyInstanceUID, heldByStudy: held }, SOPInstanceUID) };
    }
    this.intents.begin(path);
    this.files.writeAtomic(path, stored, { sync: options.sync ?? true });
    return {
      path,
      commit: () => {
        record.file.sha256 = createHash('sha256').update(stored).digest('hex');
        const result = this.index.upsertInstance(record);
        this.intents.end(path);
        if (result.previousFile && result.previousFile.path !== path) this.files.remove(result.previousFile.path);
        return { status: result.action, SOPInstanceUID, SeriesInstanceUID, StudyInstanceUID, SOPClassUID, path, changes: result.changes };
      },
    };
  }

  private reject(
    bytes: Uint8Array,
    source: string,
    status: 'duplicate' | 'rejected',
    code: string,
    reason: string,
    details: Record<string, unknown>,
    SOPInstanceUID?: string,
  ): StoreOutcome {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const quarantinePath = this.files.quarantine(bytes, { code, reason, source, details, sha256 });
    this.index.addQuarantine({ reasonCode: code, reason, details, path: quarantinePath, sha256, source });
    return { status, code, reason, quarantinePath, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) };
  }
}
