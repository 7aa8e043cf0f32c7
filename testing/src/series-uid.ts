import { createHash } from 'node:crypto';

/**
 * A UID for test data: `2.25.` and the decimal value of the first 128 bits of SHA-256 over the
 * parts (the UUID-derived form of PS3.5 §B.2), so the same parts always give the same UID.
 */
export function seriesUid(...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(`atrium-testing:${parts.join(':')}`).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(10)}`;
}
