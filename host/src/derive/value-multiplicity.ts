/**
 * Whether `count` values satisfy a Value Multiplicity as PS3.6 writes it: `1`, `3`, `1-3`,
 * `1-n`, `2-n`, `2-2n` (a multiple of 2), `3-3n`, `1-n or 1`. An empty or unknown VM allows
 * anything.
 */
export function vmAllows(vm: string, count: number): boolean {
  const text = vm.split(' or ')[0]?.trim() ?? '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)$/.exec(text))) return count === Number(m[1]);
  if ((m = /^(\d+)-(\d+)$/.exec(text))) return count >= Number(m[1]) && count <= Number(m[2]);
  if ((m = /^(\d+)-n$/.exec(text))) return count >= Number(m[1]);
  if ((m = /^(\d+)-(\d+)n$/.exec(text))) return count >= Number(m[1]) && count % Number(m[2]) === 0;
  return true;
}
