/** Render rows as an aligned text table with the given columns (header first). */
export function printTable(rows: readonly object[], columns: readonly string[]): string {
  const cell = (r: object, c: string): string => {
    const v = (r as Record<string, unknown>)[c];
    return v === undefined || v === null ? '' : String(v);
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (vals: readonly string[]): string => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r, c))))].join('\n');
}
