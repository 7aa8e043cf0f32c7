import { expect, it } from 'vitest';
import { vmAllows } from './value-multiplicity.js';

it('vmAllows reads the VM notations of PS3.6', () => {
  const cases: [string, number, boolean][] = [
    ['1', 1, true], ['1', 2, false], ['3', 3, true], ['3', 2, false],
    ['1-3', 0, false], ['1-3', 2, true], ['1-3', 4, false],
    ['1-n', 1, true], ['1-n', 40, true], ['2-n', 1, false],
    ['2-2n', 4, true], ['2-2n', 3, false], ['3-3n', 6, true], ['3-3n', 7, false],
    ['1-n or 1', 5, true], ['', 9, true],
  ];
  for (const [vm, n, ok] of cases) expect(vmAllows(vm, n), `${vm} with ${n}`).toBe(ok);
});
