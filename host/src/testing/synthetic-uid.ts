import { createHash } from 'node:crypto';

/**
 * A deterministic UID for synthetic test data: `2.25.` followed by the decimal value of
 * the first 128 bits of SHA-256 over the given parts (the UUID-derived form of PS3.5
 * §B.2). At most 44 characters, digits and dots only, no leading zeros. The same parts
 * always give the same UID; different parts give different UIDs (barring a hash collision).
 */
export function syntheticUid(...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(`atrium-synthetic:${parts.join(':')}`).digest();
  const value = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  return `2.25.${value.toString(10)}`;
}
