import { createHash } from 'node:crypto';
import { AtriumError } from '../errors/atrium-error.js';

/** A UID root: dot-separated decimal components without leading zeros, ending with a dot. */
const ROOT = /^(?:(?:0|[1-9][0-9]*)\.)+$/;

/** The default UID root: UUID-derived UIDs (PS3.5 §B.2). */
export const DEFAULT_UID_ROOT = '2.25.';

/**
 * A deterministic UID: `root` followed by the decimal value of the first 128 bits of the
 * SHA-256 digest of `parts` (joined with NUL, which none of them contains), so equal parts
 * give the same UID and any change gives another. When root + 39 digits would exceed the
 * 64 characters of a UI value, the number is reduced modulo 10^(64 − root length).
 * The number has no leading zero (PS3.5 §9.1). The root may be given without its final dot.
 * Throws ATRIUM_ERR_DERIVE_UID_ROOT for a malformed root or one longer than 54 characters.
 */
export function deriveUid(root: string, parts: readonly string[]): string {
  const r = root.endsWith('.') ? root : `${root}.`;
  if (!ROOT.test(r) || r.length > 54) {
    throw new AtriumError('ATRIUM_ERR_DERIVE_UID_ROOT', `UID root '${root}' must be dot-separated numbers without leading zeros, at most 53 characters (e.g. '2.25' or '1.2.826.0.1.3680043.10.1234')`, { root });
  }
  const digest = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest();
  let n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  const room = 64 - r.length;
  if (room < 39) n %= 10n ** BigInt(room);
  return `${r}${n.toString(10)}`;
}
