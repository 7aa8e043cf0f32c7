import { createHmac } from 'node:crypto';
import { AtriumError } from '../errors/atrium-error.js';

/** A UID root: dot-separated decimal components without leading zeros, ending with a dot. */
const ROOT = /^(?:(?:0|[1-9][0-9]*)\.)+$/;

/**
 * Replace UIDs deterministically (PS3.15 action U): `root` + the decimal value of the first 128
 * bits of HMAC-SHA-256(secret, original UID). The same original always maps to the same UID, in
 * every file and at every depth; the number is reduced modulo 10^(64 − root length) when the root
 * leaves fewer than 39 digits. Records every mapping made.
 */
export class UidMapper {
  readonly mapped = new Map<string, string>();
  private readonly root: string;

  constructor(private readonly secret: string, root = '2.25.') {
    const r = root.endsWith('.') ? root : `${root}.`;
    if (!ROOT.test(r) || r.length > 54) {
      throw new AtriumError('ATRIUM_ERR_DEID_UID_ROOT', `UID root '${root}' must be dot-separated numbers without leading zeros, at most 53 characters`, { root });
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
