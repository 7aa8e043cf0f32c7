/**
 * In-memory DICOM matching of one attribute value against a key (PS3.4 C.2.2.2):
 * empty key → universal; `*` / `?` wildcards; a range `a-b`, `-b`, `a-` (compared as
 * text, which is correct for DA, TM, DT and fixed-width values); otherwise single value.
 * A multi-valued attribute matches when any of its values does.
 */
export function matchValue(values: readonly string[], key: string): boolean {
  if (key === '' || key === '*') return true;
  if (/[*?]/.test(key)) {
    const re = new RegExp(`^${key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    return values.some((v) => re.test(v));
  }
  const dash = key.indexOf('-');
  if (dash >= 0 && /^[\d.:+ -]*$/.test(key)) {
    const lo = key.slice(0, dash);
    const hi = key.slice(dash + 1);
    return values.some((v) => (lo === '' || v >= lo) && (hi === '' || v.slice(0, hi.length) <= hi));
  }
  return values.includes(key);
}
