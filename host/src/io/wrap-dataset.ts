import { Tag } from '@atrium/sdk';
import { DataSet } from './data-set.js';
import { stringElement } from './element-factory.js';
import { EXPLICIT_LE } from './transfer-syntax.js';
import { writeDataset } from './write-dataset.js';
import { DICM, buildFileMeta } from './write-part10.js';

/** What the generated File Meta Information of {@link wrapDataset} says. */
export interface WrapIdentity {
  readonly SOPClassUID: string;
  readonly SOPInstanceUID: string;
  /** The transfer syntax the data set bytes are encoded in. */
  readonly TransferSyntaxUID: string;
  /** Source Application Entity Title (0002,0016), e.g. the calling AE of a C-STORE. */
  readonly sourceAet?: string;
  /** The organisation UID root (`atrium config set uidRoot`) of its Implementation Class UID; absent: Atrium's own 2.25 one. */
  readonly uidRoot?: string;
}

/**
 * What a Part 10 file (PS3.10 §7.1) puts before the data set: a zero preamble, "DICM" and
 * File Meta Information built for `identity` (see `buildFileMeta`).
 */
export function part10Header(identity: WrapIdentity): Uint8Array {
  const ids = new DataSet([stringElement(Tag.SOPClassUID, 'UI', identity.SOPClassUID), stringElement(Tag.SOPInstanceUID, 'UI', identity.SOPInstanceUID)], EXPLICIT_LE);
  const meta = writeDataset(buildFileMeta(ids, identity.TransferSyntaxUID, identity.sourceAet, identity.uidRoot), EXPLICIT_LE);
  const out = Buffer.alloc(132 + meta.length);
  out.set(DICM, 128);
  out.set(meta, 132);
  return out;
}

/**
 * A Part 10 file around data set bytes that are kept exactly as they are: the
 * {@link part10Header} of `identity`, then the data set bytes — given as one array or as
 * the slices they arrived in — copied once into one allocation. Nothing of the data set
 * is re-encoded.
 */
export function wrapDataset(dataset: Uint8Array | readonly Uint8Array[], identity: WrapIdentity): Uint8Array {
  const header = part10Header(identity);
  const parts = dataset instanceof Uint8Array ? [dataset] : dataset;
  const out = Buffer.allocUnsafe(header.length + parts.reduce((n, p) => n + p.length, 0));
  out.set(header, 0);
  let at = header.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
