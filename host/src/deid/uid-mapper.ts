import { createHmac } from 'node:crypto';
import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';

/** A UID root: dot-separated decimal components without leading zeros, ending with a dot. */
const ROOT = /^(?:(?:0|[1-9][0-9]*)\.)+$/;
/** Longest root with its final dot: 64 − 20 digits of hash (a collision among a million UIDs: ~5·10⁻⁹). */
const MAX_ROOT = 44;

/** Elements whose UIDs name an SOP Instance (its own, or one it references). */
const SOP_INSTANCE_UID_TAGS: ReadonlySet<number> = new Set([Tag.SOPInstanceUID, Tag.MediaStorageSOPInstanceUID, Tag.ReferencedSOPInstanceUID, Tag.ReferencedSOPInstanceUIDInFile]);

/** The root with its final dot, checked (ATRIUM_ERR_DEID_UID_ROOT otherwise). */
function checkedRoot(root: string): string {
  const r = root.endsWith('.') ? root : `${root}.`;
  if (!ROOT.test(r) || r.length > MAX_ROOT) {
    throw new AtriumError('ATRIUM_ERR_DEID_UID_ROOT', `UID root '${root}' must be dot-separated numbers without leading zeros (e.g. 1.2.392.200036.9110.66), at most ${MAX_ROOT - 1} characters so that 20 digits fit within 64`, { root });
  }
  return r;
}

/**
 * Replace UIDs deterministically (PS3.15 action U): `root` + the decimal value of the first 128
 * bits of HMAC-SHA-256(secret, original UID). The same original always maps to the same UID, in
 * every file and at every depth; the number is reduced modulo 10^(64 − root length) when the root
 * leaves fewer than 39 digits (roots are
 * validated: at least 20 digits remain). Records every mapping made.
 * With an `instanceRoot` (the Shimadzu DAR-9500f conformance statement §5.2.2: its anonymization
 * root applies to SOP Instance UIDs only), the UIDs of SOP Instances — an object's own and those it
 * references — are made under that root and every other UID (study, series, frame of reference …)
 * under `root`; references stay consistent, since a referenced instance's UID is mapped as its own is.
 */
export class UidMapper {
  readonly mapped = new Map<string, string>();
  private readonly root: string;
  private readonly instanceRoot: string;
  private readonly made = new Map<string, string>();

  constructor(private readonly secret: string, root = '2.25.', instanceRoot?: string) {
    this.root = checkedRoot(root);
    this.instanceRoot = instanceRoot === undefined ? this.root : checkedRoot(instanceRoot);
  }

  /** The replacement of one UID (empty stays empty); `tag`, the element it is the value of, chooses the root. */
  map(uid: string, tag?: number): string {
    if (uid === '') return '';
    const root = tag !== undefined && SOP_INSTANCE_UID_TAGS.has(tag) ? this.instanceRoot : this.root;
    const key = `${root}\u0000${uid}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const digest = createHmac('sha256', this.secret).update(uid, 'utf8').digest();
    let n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
    const room = 64 - root.length;
    if (room < 39) n %= 10n ** BigInt(room);
    const out = `${root}${n.toString(10)}`;
    this.made.set(key, out);
    this.mapped.set(uid, out);
    return out;
  }
}
