/** Segmented palette LUT expansion vs pydicom's `_expand_segmented_lut` (PS3.3 C.7.9.2). */
import { expect, it } from 'vitest';
import { describeWithPeers, pydicom } from '../test-support/peer-tools.js';
import { expandSegmentedLut } from './expand-segmented-lut.js';

const CASES: ReadonlyArray<{ name: string; words: number[]; wordBytes: 1 | 2 }> = [
  { name: '16-bit discrete only', words: [0, 4, 1, 2, 3, 65535], wordBytes: 2 },
  { name: '16-bit linear ramps (rounding ties)', words: [0, 1, 0, 1, 255, 65535, 1, 3, 0, 1, 7, 7, 1, 6, 10, 1, 4, 20], wordBytes: 2 },
  { name: '16-bit long ramp', words: [0, 1, 100, 1, 4095, 60000, 1, 1000, 0], wordBytes: 2 },
  { name: '16-bit indirect', words: [0, 2, 5, 6, 1, 3, 9, 2, 2, 0, 0, 0, 1, 0], wordBytes: 2 },
  { name: '8-bit linear ramps', words: [0, 1, 0, 1, 255, 255, 1, 7, 3, 0, 2, 9, 9], wordBytes: 1 },
  { name: '8-bit indirect', words: [0, 3, 1, 2, 3, 1, 2, 7, 2, 1, 0, 0, 0, 0], wordBytes: 1 },
];

describeWithPeers('segmented palette LUTs vs pydicom', ['pydicom'], () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const [ref] = pydicom<{ lut: number[] }>([{ mode: 'segmented', words: c.words, fmt: c.wordBytes === 2 ? '<H' : '<B' }]);
    expect(expandSegmentedLut(c.words, c.wordBytes)).toEqual(ref!.lut);
  });
});
