/** One attribute of a DICOM JSON data set (PS3.18 Annex F.2). */
export interface JsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
export type JsonDataset = Record<string, JsonAttribute>;

/** The 8-hex key of a tag number as DICOM JSON spells it. */
export function key(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(8, '0');
}

/** The first value of an attribute: a string, a number, or a PN's alphabetic group. */
export function first(ds: JsonDataset | undefined, tag: number): string | number | undefined {
  const v = ds?.[key(tag)]?.Value?.[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && 'Alphabetic' in (v as object)) return (v as { Alphabetic?: string }).Alphabetic;
  return v as string | number;
}

export function str(ds: JsonDataset | undefined, tag: number): string {
  const v = first(ds, tag);
  return v === undefined ? '' : String(v);
}

export function num(ds: JsonDataset | undefined, tag: number): number | undefined {
  const v = first(ds, tag);
  const n = typeof v === 'number' ? v : Number(v);
  return v === undefined || v === '' || Number.isNaN(n) ? undefined : n;
}

export function nums(ds: JsonDataset | undefined, tag: number): number[] {
  return (ds?.[key(tag)]?.Value ?? []).map(Number);
}

/** A DICOM date (YYYYMMDD) as YYYY-MM-DD for display; other values unchanged. */
export function displayDate(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d;
}

/** A person name for display: components joined by spaces ("DOE^JANE" → "DOE JANE"). */
export function displayName(pn: string): string {
  return pn.replace(/\^+/g, ' ').trim();
}

