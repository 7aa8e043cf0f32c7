/**
 * Turns DICOM DA / TM / DT values (PS3.5 §6.2) into comparable numbers for range matching
 * (PS3.4 §C.2.2.2.5). A partial value names an interval; `bound` chooses its first
 * (`'floor'`) or last (`'ceil'`) instant, so `"10"` is 10:00:00.000000 as a lower bound and
 * 10:59:59.999999 as an upper bound, and `"1030-1030"` matches every time in that minute.
 * Returns `undefined` for text that is not a valid value of the VR.
 */
export const dicomTime = {
  /** DA `YYYYMMDD` (or ACR-NEMA `YYYY.MM.DD`) → `YYYYMMDD`, validated. */
  date(value: string): string | undefined {
    const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
    if (!m) return undefined;
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    if (!validDay(Number(y), Number(mo), Number(d))) return undefined;
    return `${y}${mo}${d}`;
  },

  /**
   * TM `HH[MM[SS[.F{1,6}]]]` (or ACR-NEMA `HH:MM:SS.frac`) → microseconds since midnight.
   */
  time(value: string, bound: 'floor' | 'ceil'): number | undefined {
    const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(value.trim());
    if (!m) return undefined;
    const ceil = bound === 'ceil';
    const hh = Number(m[1]);
    const mm = m[2] === undefined ? (ceil ? 59 : 0) : Number(m[2]);
    const ss = m[3] === undefined ? (ceil ? 59 : 0) : Number(m[3]);
    if (hh > 23 || mm > 59 || ss > 60) return undefined;
    return ((hh * 60 + mm) * 60 + ss) * 1e6 + fraction(m[4], ceil);
  },

  /**
   * DT `YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]` → microseconds since 1970 UTC. A UTC
   * offset in the value is applied; a value without one is taken as UTC, so values with
   * and without offsets only compare correctly when the sender is consistent.
   */
  dateTime(value: string, bound: 'floor' | 'ceil'): number | undefined {
    const m =
      /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?)?)?)?([+-]\d{4})?$/.exec(
        value.trim(),
      );
    if (!m) return undefined;
    const ceil = bound === 'ceil';
    const part = (s: string | undefined, low: number, high: number): number =>
      s === undefined ? (ceil ? high : low) : Number(s);
    const y = Number(m[1]);
    const mo = part(m[2], 1, 12);
    if (mo < 1 || mo > 12) return undefined;
    const d = part(m[3], 1, daysInMonth(y, mo));
    const hh = part(m[4], 0, 23);
    const mi = part(m[5], 0, 59);
    const ss = part(m[6], 0, 59);
    if (!validDay(y, mo, d) || hh > 23 || mi > 59 || ss > 60) return undefined;
    let offsetMinutes = 0;
    if (m[8] !== undefined) {
      const sign = m[8].startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3, 5)));
    }
    const ms = Date.UTC(y, mo - 1, d, hh, mi, ss) - offsetMinutes * 60_000;
    return ms * 1000 + fraction(m[7], ceil);
  },
};

function fraction(digits: string | undefined, ceil: boolean): number {
  if (digits === undefined) return ceil ? 999_999 : 0;
  return Number(digits.padEnd(6, ceil ? '9' : '0'));
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function validDay(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
