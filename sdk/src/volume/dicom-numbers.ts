import type { DicomItem, DicomValue } from '../app/dicom-value.js';

/** The numbers of a value as plugins see it (a number, numbers, or a backslash-separated text); [] otherwise. */
export function numbersOf(value: DicomValue | undefined): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return value.trim() === '' ? [] : value.split('\\').map((v) => Number(v.trim()));
  if (Array.isArray(value)) return (value as readonly unknown[]).flatMap((v) => (typeof v === 'number' ? [v] : typeof v === 'string' && v.trim() !== '' ? [Number(v.trim())] : []));
  return [];
}

/** The items of a sequence value; [] when the value is not a sequence. */
export function itemsOf(value: DicomValue | undefined): readonly DicomItem[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) ? (value as readonly DicomItem[]) : [];
}

/** First value of a text attribute (trimmed), or undefined. */
export function textOf(value: DicomValue | undefined): string | undefined {
  const first = Array.isArray(value) ? (value as readonly unknown[])[0] : value;
  const text = typeof first === 'string' ? first.trim() : typeof first === 'number' ? String(first) : undefined;
  return text === '' ? undefined : text;
}

/** `v` when it is a finite number above 0, else undefined. */
export function positive(v: number | undefined): number | undefined {
  return v !== undefined && v > 0 && Number.isFinite(v) ? v : undefined;
}
