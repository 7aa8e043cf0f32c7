import type { DicomItem, DicomValue } from '@atrium/sdk';

/** The numbers of a value as plugins see it (a number, numbers, or numeric text); [] otherwise. */
export function numbersOf(value: DicomValue | undefined): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return value.trim() === '' ? [] : value.split('\\').map((v) => Number(v.trim()));
  if (Array.isArray(value)) return (value as readonly unknown[]).flatMap((v) => (typeof v === 'number' ? [v] : typeof v === 'string' && v.trim() !== '' ? [Number(v.trim())] : []));
  return [];
}

/** The first number of a value, or undefined. */
export function numberOf(value: DicomValue | undefined): number | undefined {
  const n = numbersOf(value)[0];
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

/** The items of a sequence value; [] when the value is not a sequence. */
export function itemsOf(value: DicomValue | undefined): readonly DicomItem[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) ? (value as readonly DicomItem[]) : [];
}

/** The text values of a value (trimmed), [] when absent. */
export function textsOf(value: DicomValue | undefined): string[] {
  if (typeof value === 'string') return value.split('\\').map((v) => v.trim());
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return (value as readonly unknown[]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim());
  return [];
}

/** The first text value (trimmed), or undefined when absent or empty. */
export function textOf(value: DicomValue | undefined): string | undefined {
  const t = textsOf(value)[0];
  return t === undefined || t === '' ? undefined : t;
}
