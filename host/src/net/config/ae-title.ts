/**
 * Normalises an AE title as PS3.5 defines the AE value representation: leading and trailing
 * spaces are not significant, so they are removed.
 */
export function normalizeAeTitle(raw: string): string {
  return raw.replace(/^ +| +$/g, '');
}

/**
 * What is wrong with `title` as an AE title (PS3.5 Table 6.2-1, AE), or `undefined` when
 * it is valid: 1–16 characters once leading/trailing spaces are removed, printable
 * characters of the default repertoire (ISO-IR 6, 20H–7EH) only, no backslash.
 */
export function aeTitleProblem(title: string): string | undefined {
  const t = normalizeAeTitle(title);
  if (t.length === 0) return 'an AE title must not be empty or all spaces';
  if (t.length > 16) return `an AE title has at most 16 characters, "${t}" has ${t.length}`;
  if (t.includes('\\')) return 'an AE title must not contain a backslash';
  const bad = /[^\x20-\x7e]/.exec(t);
  if (bad) return `an AE title holds printable ASCII characters only, not ${JSON.stringify(bad[0])} (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  return undefined;
}
