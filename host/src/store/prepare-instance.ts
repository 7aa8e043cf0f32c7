import { Tag } from '@atrium/sdk';
import type { InstanceRecord, RecordWarning } from '../db/instance-record.js';
import { isAtriumError, listedCode } from '../errors/atrium-error.js';
import type { ParseLimits } from '../io/parse-limits.js';
import { parseDicomBounded } from '../io/deflated-object.js';
import type { DicomFile } from '../io/parse-part10.js';
import { part10Header, wrapDataset } from '../io/wrap-dataset.js';
import { readLargeObject, streamedContent } from './receive-large-object.js';
import { recordFromDataset } from './record-from-dataset.js';
import { inMemoryContent, type StoredContent } from './stored-content.js';
import { identityOf, type InstanceIdentity } from './validation/check-identity.js';
import { validateInstance, type ValidatedFile, type ValidationPolicy } from './validate-instance.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/** Why an object cannot be stored, before anything was written. */
export interface Refusal {
  readonly code: AtriumErrorCode;
  readonly reason: string;
  readonly details: Record<string, unknown>;
  readonly SOPInstanceUID?: string;
}

/** An object ready to be written: its identity, what to store and its index record. */
export interface PreparedInstance {
  readonly identity: InstanceIdentity;
  /** The received bytes; for a bare data set, those bytes behind a generated File Meta Information. */
  readonly content: StoredContent;
  /** The index record (`file.sha256` still to be computed). */
  readonly record: InstanceRecord;
  readonly warnings: readonly RecordWarning[];
}

/** What {@link prepareInstance} checks besides validation. */
export interface PrepareOptions {
  readonly policy: ValidationPolicy;
  /** What the parse may build in memory. */
  readonly limits: ParseLimits;
  /** A C-STORE request's Affected SOP Class / Instance UIDs: the data set's own must equal them. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** The store path of an identity. */
  readonly pathOf: (identity: InstanceIdentity) => string;
  /** Where a deflated data set too large to inflate in memory is inflated to (the store's `tmp/`). */
  readonly tempDir?: string;
  readonly source: string;
  /** The organisation UID root (`atrium config set uidRoot`) of a generated File Meta Information's Implementation Class UID. */
  readonly uidRoot?: string;
}

/** What {@link prepareInstance} and {@link prepareLargeObject} give: the prepared object or its refusal. */
export type Prepared = PreparedInstance | { readonly refusal: Refusal };

/**
 * Everything about one received object that needs no disk but the inflate of a large
 * deflated data set (see parseDicomBounded): parse (a parser error is the refusal), the request's UIDs, validation under the policy (identity UIDs first: no
 * path is ever built from a UID that failed), the bytes to store and the index record.
 * The data set bytes are never re-encoded: an object without File Meta Information gets
 * one generated in front of its bytes exactly as received.
 */
export function prepareInstance(bytes: Uint8Array, options: PrepareOptions): Prepared {
  let file: DicomFile;
  try {
    file = parseDicomBounded(bytes, { limits: options.limits, ...(options.tempDir ? { tempDir: options.tempDir } : {}) });
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { refusal: { code: listedCode(e, 'ATRIUM_ERR_PARSE_MALFORMED'), reason: e.message, details: { ...e.details } } };
  }
  return prepareParsed(file, options, (identity) => inMemoryContent(file.meta ? bytes : wrapDataset(bytes, { ...identity, TransferSyntaxUID: file.transferSyntax.uid, ...(options.uidRoot ? { uidRoot: options.uidRoot } : {}) })));
}

/**
 * {@link prepareInstance} of a file too large to hold in memory: walked to its end and its
 * header parsed in place (see `readLargeObject`), the same checks, and content that copies
 * the file in chunks when written.
 */
export function prepareLargeObject(path: string, size: number, options: PrepareOptions): Prepared {
  let file: DicomFile;
  try {
    file = readLargeObject(path, size, options.limits, options.tempDir);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { refusal: { code: listedCode(e, 'ATRIUM_ERR_PARSE_MALFORMED'), reason: e.message, details: { ...e.details } } };
  }
  const header = (identity: InstanceIdentity): Uint8Array => (file.meta ? new Uint8Array(0) : part10Header({ ...identity, TransferSyntaxUID: file.transferSyntax.uid, ...(options.uidRoot ? { uidRoot: options.uidRoot } : {}) }));
  return prepareParsed(file, options, (identity) => streamedContent(path, size, header(identity)));
}

/** The checks of a parsed object, then its content (`contentOf` its identity) and index record. */
export function prepareParsed(file: DicomFile & Pick<ValidatedFile, 'nativePixelDataLength'>, options: PrepareOptions, contentOf: (identity: InstanceIdentity) => StoredContent): Prepared {
  const ds = file.dataset;
  for (const key of ['SOPClassUID', 'SOPInstanceUID'] as const) {
    const want = options.expect?.[key];
    const have = ds.text(Tag[key]);
    if (want !== undefined && have !== want) {
      return { refusal: { code: 'ATRIUM_ERR_STORE_SOP_MISMATCH', reason: `${key} of the data set (${have ?? 'absent'}) differs from the request's Affected ${key} (${want})`, details: { [key]: have, expected: want } } };
    }
  }
  const { refusals, warnings } = validateInstance(file, options.policy);
  const SOPInstanceUID = ds.text(Tag.SOPInstanceUID);
  if (refusals.length > 0) {
    const problems = refusals.map((p) => ({ code: p.code, keyword: p.keyword, message: p.message }));
    return { refusal: { code: refusals[0]!.code, reason: refusals.map((p) => p.message).join('; '), details: { problems }, ...(SOPInstanceUID ? { SOPInstanceUID } : {}) } };
  }
  const identity = identityOf(ds);
  const content = contentOf(identity);
  const recorded = warnings.map((p) => ({ code: p.code, keyword: p.keyword, message: p.message }));
  const record = recordFromDataset(ds, file.transferSyntax.uid, { path: options.pathOf(identity), size: content.size, sha256: 'pending', receivedFrom: options.source });
  return { identity, content, record: { ...record, ...(recorded.length > 0 ? { warnings: recorded } : {}) }, warnings: recorded };
}
