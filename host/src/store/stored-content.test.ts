import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inMemoryContent, slicedContent } from './stored-content.js';

const sha256 = (parts: readonly Uint8Array[]): string => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

/** Deterministic bytes, different for each seed. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('StoredContent.hashAhead (the digest on the thread pool)', () => {
  it('gives the SHA-256 of the joined slices, for objects hashed ahead at once through the one reused buffer', async () => {
    const objects = [1, 2, 3, 4].map((seed) => [bytes(132, seed), bytes(65536, seed + 10), bytes(1, seed + 20), bytes(200_003 * seed, seed + 30)]);
    const contents = objects.map((slices) => slicedContent(slices));
    await Promise.all(contents.map((c) => c.hashAhead!()));
    contents.forEach((c, i) => expect(c.sha256()).toBe(sha256(objects[i]!)));
  });

  it('hashes an object on demand without hashAhead, and one held whole the same way', async () => {
    const whole = bytes(300_000, 9);
    expect(slicedContent([whole.subarray(0, 7), whole.subarray(7)]).sha256()).toBe(sha256([whole]));
    const held = inMemoryContent(whole);
    await held.hashAhead!();
    expect(held.sha256()).toBe(sha256([whole]));
  });

  it('an object over 4 MiB: hashAhead leaves it to sha256, which gives the same digest', async () => {
    const big = [bytes(3 * 1024 * 1024, 5), bytes(1024 * 1024 + 1, 6)];
    const content = slicedContent(big);
    await content.hashAhead!();
    expect(content.sha256()).toBe(sha256(big));
  });
});
