/**
 * DICOM Wild Card Matching (PS3.4 §C.2.2.2.4): in a key value `*` matches any sequence of
 * characters (including none) and `?` matches exactly one character. DICOM has no escape
 * for them; every other character is literal.
 */
export const wildcard = {
  /** True when the value contains `*` or `?`. */
  has(value: string): boolean {
    return /[*?]/.test(value);
  },

  /**
   * SQLite GLOB pattern for a DICOM wildcard value. GLOB is case-sensitive and treats `%`
   * and `_` literally; its only other metacharacter, `[`, is escaped as `[[]`.
   */
  toGlob(value: string): string {
    return value.replace(/\[/g, '[[]');
  },

  /**
   * SQL `LIKE ... ESCAPE '\'` pattern for a DICOM wildcard value (PostgreSQL, whose LIKE is
   * case-sensitive like SQLite's GLOB): `%`, `_` and the escape character are escaped.
   */
  toLike(value: string): string {
    return value.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%').replace(/\?/g, '_');
  },

  /** The condition `target` matches the wildcard value `value`, in the SQL dialect `dialect`. */
  condition(target: string, value: string, dialect: 'sqlite' | 'postgres'): { sql: string; params: unknown[] } {
    return dialect === 'postgres'
      ? { sql: `${target} LIKE ? ESCAPE '\\'`, params: [wildcard.toLike(value)] }
      : { sql: `${target} GLOB ?`, params: [wildcard.toGlob(value)] };
  },

  /** Anchored regular expression for a DICOM wildcard value (code-point aware). */
  toRegExp(value: string): RegExp {
    let source = '';
    for (const ch of value) {
      if (ch === '*') source += '[\\s\\S]*';
      else if (ch === '?') source += '[\\s\\S]';
      else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    }
    return new RegExp(`^${source}$`, 'u');
  },
};
