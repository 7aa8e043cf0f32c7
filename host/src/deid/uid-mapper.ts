import { createHmac } from 'node:crypto';
import { AtriumError } from '../errors/atrium-error.js';

/** A UID root: dot-separated decimal components without leading zeros, ending with a dot. */
const ROOT = /^(?:(?:0|[1-9][0-9]*)\.)+$/;
/** Longest root with its final dot: 64 − 20 digits of hash (a collision among a million UIDs: ~5·10⁻⁹). */
const MAX_ROOT = 44;

/**
 * Replace UIDs deterministically (PS3.15 action U): `root` + the decimal value of the first 128
 * bits of HMAC-SHA-256(secret, original UID). The same original always maps to the same UID, in
 * every file and at every depth; the number is reduced modulo 10^(64 − root length) when the root
 * leaves fewer than 39 digits (roots are
 * validated: at least 20 digits remain). Records every mapping made.
 */
export class UidMapper {
  readonly mapped = new Map<string, string>();
  private readonly root: string;

  constructor(private readonly secret: string, root = '2.25.') {
    const r = root.endsWith('.') ? root : `${root}.`;
    if (!ROOT.test(r) || r.length > MAX_ROOT) {
      throw new AtriumError('ATRIUM_ERR_DEID_UID_ROOT', `UID root '${root}' must be dot-separated numbers without leading zeros (e.g. 1.2.392.200036.9110.66), at most ${MAX_ROOT - 1} characters so that 20 digits fit within 64`, { root });
    }
    this.root = r;
  }

  /** The replacement of one UID (empty stays empty). */
  map(uid: string): string {
    if (uid === '') return '';
    const known = this.mapped.get(uid);
    if (known !== undefined) return known;
    const digest = createHmac('sha256', this.secret).update(uid, 'utf8').digest();
    let n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
    const room = 64 - this.root.length;
    if (room < 39) n %= 10n ** BigInt(room);
    const out = `${this.root}${n.toString(10)}`;
    this.mapped.set(uid, out);
    return out;
  }
}
