import { createHmac } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * The default date shift of a patient: between −3650 and −1 days, from HMAC-SHA-256(secret,
 * 'date-shift' NUL patientID), so all objects of one patient move by the same number of days.
 */
export function defaultDateShiftDays(secret: string, patientID: string): number {
  const digest = createHmac('sha256', secret).update(`date-shift\u0000${patientID}`, 'utf8').digest();
  return -(1 + (digest.readUInt32BE(0) % 3650));
}

/** Shift a DA value (YYYYMMDD) by whole days; undefined when it is not a full valid date. */
export function shiftDate(da: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  const s = new Date(t + days * DAY_MS);
  const y = s.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}${String(s.getUTCMonth() + 1).padStart(2, '0')}${String(s.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Shift a DT value (YYYYMMDD[HHMMSS[.F]][&ZZXX]) by whole days, keeping time and offset;
 * undefined when it has no full date.
 */
export function shiftDateTime(dt: string, days: number): string | undefined {
  const date = shiftDate(dt.slice(0, 8), days);
  return date === undefined ? undefined : `${date}${dt.slice(8)}`;
}
