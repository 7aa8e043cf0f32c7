import { describe, expect, it } from 'vitest';
import { cappedPath } from './capped-path.js';

describe('cappedPath', () => {
  it('prints a path of up to seven steps whole', () => {
    expect(cappedPath([])).toBe('');
    expect(cappedPath(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a > b > c > d > e > f > g');
  });

  it('prints a longer one as its first and last three steps, how many are left out and its depth', () => {
    const steps = Array.from({ length: 1024 }, (_, i) => `(0040,A730)#${i}`);
    expect(cappedPath(steps, '/')).toBe('(0040,A730)#0/(0040,A730)#1/(0040,A730)#2/… 1018 more …/(0040,A730)#1021/(0040,A730)#1022/(0040,A730)#1023 (1024 levels)');
  });
});
