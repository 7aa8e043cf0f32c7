import type { DicomValue, LoadSpec, SourceInstance } from '@atrium/sdk';

/**
 * The expectations of a load specification the sources do not meet (pure), one line per
 * attribute, e.g. `Rows is 256 on 20 of 20 slices (expected 512)`. An absent value does
 * not meet an expectation. Values compare as text (numbers as written by `String`).
 */
export function unmetExpectations(load: LoadSpec, instances: readonly SourceInstance[]): string[] {
  const lines: string[] = [];
  for (const [keyword, rule] of Object.entries(load)) {
    if (rule.expect === undefined) continue;
    const expected = text(rule.expect);
    const seen = new Map<string, number>();
    for (const instance of instances) {
      const v = instance.attribute(keyword);
      const got = v === undefined ? '(absent)' : text(v);
      if (got !== expected) seen.set(got, (seen.get(got) ?? 0) + 1);
    }
    for (const [got, n] of seen) lines.push(`${keyword} is ${got} on ${n} of ${instances.length} slices (expected ${expected})`);
  }
  return lines;
}

function text(v: DicomValue): string {
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? '(item)' : String(x).trim())).join('\\');
  return String(v).trim();
}
