import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Tag } from '@atrium/sdk';
import type { Index } from '../db/dicom-index.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import type { FileStore } from './file-store.js';
import { recordFromDataset } from './record-from-dataset.js';
import type { StoreIntents } from './store-intents.js';
import type { StoreOutcome } from './store-outcome.js';
import { validateInstance, type ValidationPolicy } from './validate-instance.js';
import { diskFullRefusal } from './disk-space.js';
import { indexWritten } from './index-written.js';
import { copyInto, fileSha256, IN_MEMORY_MAX_BYTES, readLargeObject, streamedContent, tooLarge } from './receive-large-object.js';
import { inMemoryContent, type StoredContent } from './stored-content.js';
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from './store-settings.js';

/** Options of {@link InstanceStore.receive}. */
export interface ReceiveOptions {
  /** A C-STORE request's Affected SOP Class / Instance UIDs: an object whose own UIDs differ is refused. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** false: the file write skips its fsyncs (default true). */
  readonly sync?: boolean;
}

/** What {@link InstanceStore.stage} gives: the refusal, or the written file and how to index it. */
export type Staged = { readonly refused: StoreOutcome } | { readonly path: string; commit(): StoreOutcome };

/** What a refusal keeps in quarantine: the bytes received, or a large object's file (copied). */
type Kept = Uint8Array | { readonly path: string; readonly size: number; sha256(): string };

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
    private readonly settings: StoreSettings = DEFAULT_STORE_SETTINGS,
  ) {}

  /**
   * Receive one file (import): read into memory up to 64 MiB, larger objects (up to the
   * `maxObjectBytes` setting, past 2 GiB too) stored by streaming — see
   * {@link readLargeObject}. Throws only when the file cannot be read at all.
   */
  receiveFile(path: string, source: string): StoreOutcome {
    const size = statSync(path).size;
    if (size <= IN_MEMORY_MAX_BYTES) return this.receive(readFileSync(path), source);
    if (size > this.settings.maxObjectBytes) return tooLarge(size, this.settings.maxObjectBytes);
    const ref = { path, size, sha256: () => fileSha256(path) };
    let file: DicomFile;
    try {
      file = readLargeObject(path, size, this.settings);
    } catch (e) {
      if (!isAtriumError(e)) throw e;
      return this.reject(ref, source, 'rejected', e.code, e.message, { ...e.details });
    }
    const staged = this.admit(file, ref, () => streamedContent(path, file, size), source, {});
    return 'refused' in staged ? staged.refused : staged.commit();
  }

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
  stage(bytes: Uint8Array, source: string, options: ReceiveOptions = {}): Staged {
    if (bytes.length > this.settings.maxObjectBytes) return { refused: tooLarge(bytes.length, this.settings.maxObjectBytes) };
    let file: DicomFile;
    try {
      file = parseDicom(bytes, { limits: this.settings });
    } catch (e) {
      if (!isAtriumError(e)) throw e;
      return { refused: this.reject(bytes, source, 'rejected', e.code, e.message, { ...e.details }) };
    }
    return this.admit(file, bytes, () => inMemoryContent(file, bytes), source, options);
  }

  /**
   * Validate and classify a parsed object, then write what `content` makes of it: the
   * common part of {@link stage} (bytes in memory) and {@link receiveFile} (a large object
   * copied from its file). `bytes` is what a refusal keeps in quarantine.
   */
  private admit(file: DicomFile, bytes: Kept, content: () => StoredContent, source: string, options: ReceiveOptions): Staged {
    const expect = options.expect;
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
    const stored = content();
    const path = this.files.instancePath(StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID);
    // The hash is computed in commit(); classify only needs the record's UIDs and identity.
    const record = recordFromDataset(ds, file.transferSyntax.uid, { path, size: stored.size, sha256: 'pending', receivedFrom: source });
    const decision = this.index.classify(record);
    if (decision.action === 'quarantine-duplicate-series') {
      const held = decision.existing.StudyInstanceUID;
      return { refused: this.reject(bytes, source, 'duplicate', 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
        `Series Instance UID ${SeriesInstanceUID} is already stored in study ${held}; this instance belongs to study ${StudyInstanceUID} (seed 001 §4.1.3.3.3: kept aside for administrative clean-up)`,
        { SeriesInstanceUID, StudyInstanceUID, heldByStudy: held }, SOPInstanceUID) };
    }
    const noSpace = diskFullRefusal(this.files, stored.size, this.settings.minFreeBytes, SOPInstanceUID);
    if (noSpace) return { refused: noSpace };
    this.intents.begin(path);
    stored.write(this.files, path, options.sync ?? true);
    return {
      path,
      commit: () => indexWritten({ index: this.index, intents: this.intents, files: this.files }, record, stored.sha256(), { SOPInstanceUID, SeriesInstanceUID, StudyInstanceUID, SOPClassUID }),
    };
  }

  private reject(
    bytes: Kept,
    source: string,
    status: 'duplicate' | 'rejected',
    code: string,
    reason: string,
    details: Record<string, unknown>,
    SOPInstanceUID?: string,
  ): StoreOutcome {
    const inMemory = bytes instanceof Uint8Array;
    const sha256 = inMemory ? createHash('sha256').update(bytes).digest('hex') : bytes.sha256();
    // With the disk (nearly) full the bytes cannot be kept: the refusal says so, the sender or the original keeps them.
    const noSpace = diskFullRefusal(this.files, inMemory ? bytes.length : bytes.size, this.settings.minFreeBytes);
    if (noSpace) return { status, code, reason: `${reason} (not kept in quarantine: ${noSpace.reason})`, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) };
    const quarantinePath = this.files.quarantine(inMemory ? bytes : (fd) => copyInto(fd, bytes.path), { code, reason, source, details, sha256 });
    this.index.addQuarantine({ reasonCode: code, reason, details, path: quarantinePath, sha256, source });
    return { status, code, reason, quarantinePath, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) };
  }
}
