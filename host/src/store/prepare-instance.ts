import { Tag } from '@atrium/sdk';
import type { InstanceRecord, RecordWarning } from '../db/instance-record.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { wrapDataset } from '../io/wrap-dataset.js';
import { recordFromDataset } from './record-from-dataset.js';
import { identityOf, type InstanceIdentity } from './validation/check-identity.js';
import { validateInstance, type ValidationPolicy } from './validate-instance.js';

/** Why an object cannot be stored, before anything was written. */
export interface Refusal {
  readonly code: string;
  readonly reason: string;
  readonly details: Record<string, unknown>;
  readonly SOPInstanceUID?: string;
}

/** An object ready to be written: its identity, the bytes to store and its index record. */
export interface PreparedInstance {
  readonly identity: InstanceIdentity;
  /** The received bytes; for a bare data set, those bytes behind a generated File Meta Information. */
  readonly bytes: Uint8Array;
  /** The index record (`file.sha256` still to be computed). */
  readonly record: InstanceRecord;
  readonly warnings: readonly RecordWarning[];
}

/** What {@link prepareInstance} checks besides validation. */
export interface PrepareOptions {
  readonly policy: ValidationPolicy;
  /** A C-STORE request's Affected SOP Class / Instance UIDs: the data set's own must equal them. */
  readonly expect?: { readonly SOPClassUID?: string; readonly SOPInstanceUID?: string };
  /** The store path of an identity. */
  readonly pathOf: (identity: InstanceIdentity) => string;
  readonly source: string;
}

/**
 * Everything about one received object that needs no disk: parse (a parser error is
 * the refusal), the request's UIDs, validation under the policy (identity UIDs first: no
 * path is ever built from a UID that failed), the bytes to store and the index record.
 * The data set bytes are never re-encoded: an object without File Meta Information gets
 * one generated in front of its bytes exactly as received.
 */
export function prepareInstance(bytes: Uint8Array, options: PrepareOptions): PreparedInstance | { readonly refusal: Refusal } {
  let file: DicomFile;
  try {
    file = parseDicom(bytes);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { refusal: { code: e.code, reason: e.message, details: { ...e.details } } };
  }
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
  const stored = file.meta ? bytes : wrapDataset(bytes, { ...identity, TransferSyntaxUID: file.transferSyntax.uid });
  const recorded = warnings.map((p) => ({ code: p.code, keyword: p.keyword, message: p.message }));
  const record = recordFromDataset(ds, file.transferSyntax.uid, { path: options.pathOf(identity), size: stored.length, sha256: 'pending', receivedFrom: options.source });
  return { identity, bytes: stored, record: { ...record, ...(recorded.length > 0 ? { warnings: recorded } : {}) }, warnings: recorded };
}
