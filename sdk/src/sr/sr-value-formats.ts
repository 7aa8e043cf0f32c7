/** Checks of the value representations an SR writes (PS3.5 §6.2); each returns a reason, or undefined when valid. */

const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/** UI: digits and dots, no leading zeros, at most 64 characters. */
export function uidProblem(uid: unknown): string | undefined {
  if (typeof uid !== 'string' || uid === '') return 'is empty';
  if (uid.length > 64) return `'${uid.slice(0, 20)}…' is longer than 64 characters`;
  return UID.test(uid) ? undefined : `'${uid}' is not a UID (numbers separated by dots, PS3.5 §9)`;
}

/** DA: YYYYMMDD, a real date. */
export function dateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{8}$/.test(value)) return `${JSON.stringify(value)} is not a date YYYYMMDD`;
  return calendarProblem(value);
}

/** TM: HH, HHMM, HHMMSS or HHMMSS.F to .FFFFFF. */
export function timeProblem(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,6})?)?)?$/.exec(value) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2] ?? 0) > 59 || Number(m[3] ?? 0) > 60) return `${JSON.stringify(value)} is not a time HHMMSS.FFFFFF`;
  return undefined;
}

/** DT: YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]. */
export function dateTimeProblem(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4})(?:(\d{2})(?:(\d{2})(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?)?)?([+-]\d{4})?$/.exec(value) : null;
  const bad = `${JSON.stringify(value)} is not a date-time YYYYMMDDHHMMSS.FFFFFF&ZZXX`;
  if (!m) return bad;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 12)) return bad;
  if (m[3] !== undefined && calendarProblem(`${m[1]}${m[2]}${m[3]}`)) return bad;
  if (m[4] !== undefined && timeProblem(m[4])) return bad;
  return undefined;
}

/** PN: up to 3 component groups (=) of up to 5 components (^), each group at most 64 characters, no backslash or control characters. */
export function personNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.replace(/[\^= ]/g, '') === '') return 'is empty';
  if (/[\\\x00-\x1f]/.test(value)) return `${JSON.stringify(value)} has a backslash or a control character`;
  const groups = value.split('=');
  if (groups.length > 3) return `${JSON.stringify(value)} has more than 3 component groups`;
  if (groups.some((g) => g.length > 64)) return `${JSON.stringify(value)} has a component group longer than 64 characters`;
  if (groups.some((g) => g.split('^').length > 5)) return `${JSON.stringify(value)} has more than 5 components`;
  return undefined;
}

/** A short string (SH 16, LO 64 characters): not empty, no backslash, not too long. */
export function textProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'is empty';
  if (value.includes('\\')) return `${JSON.stringify(value)} has a backslash`;
  return value.length > max ? `${JSON.stringify(value)} is longer than ${max} characters` : undefined;
}

function calendarProblem(yyyymmdd: string): string | undefined {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? undefined : `${yyyymmdd} is not a calendar date`;
}
