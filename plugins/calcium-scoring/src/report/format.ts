/** A number with one decimal: 12.345 → "12.3", 0 → "0.0". */
export function fixed1(v: number): string {
  return v.toFixed(1);
}

/** A number with at most 3 decimals, trailing zeros dropped: 2.5 → "2.5", 0.703125 → "0.703". */
export function formatNumber(v: number): string {
  return String(Number(v.toFixed(3)));
}

/** `YYYYMMDD` → `YYYY-MM-DD`; anything else as given, or "-" when absent. */
export function formatDate(da: string | undefined): string {
  if (da === undefined || da === '') return '-';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : da;
}

/** `HHMMSS[.ffffff]` (or `HHMM`) → `HH:MM`; anything else as given, or "-" when absent. */
export function formatTime(tm: string | undefined): string {
  if (tm === undefined || tm === '') return '-';
  const m = /^(\d{2})(\d{2})/.exec(tm);
  return m ? `${m[1]}:${m[2]}` : tm;
}

/** A person name with its `^` separators as spaces, or "-". */
export function formatName(pn: string | undefined): string {
  return pn?.replace(/\^+/g, ' ').trim() || '-';
}

/** A date and time as `YYYY-MM-DD HH:MM` (local time). */
export function formatDateTime(d: Date): string {
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
