import type { SourceSeries } from '@atrium/sdk';

/**
 * The text lines of a series summary (pure): patient, study, series, instance and frame
 * counts, matrix and pixel spacing, and the slice increment from the series geometry (from
 * Image Position (Patient), not Slice Thickness) with the number of geometry problems.
 * Patient and study values come from the first instance; absent values print as "-".
 */
export function describeSeries(input: SourceSeries): string[] {
  const first = input.instances[0];
  const text = (keyword: string): string => first?.string(keyword)?.replace(/\^+/g, ' ').trim() || '-';
  const num = (keyword: string): string => {
    const v = first?.number(keyword);
    return v === undefined ? '-' : formatNumber(v);
  };
  const frames = input.instances.reduce((n, i) => n + i.numberOfFrames, 0);
  const spacing = first?.numbers('PixelSpacing') ?? [];
  const lines = [
    `Patient: ${text('PatientName')}`,
    `ID: ${text('PatientID')}  Sex: ${text('PatientSex')}  Born: ${formatDate(first?.string('PatientBirthDate'))}`,
    `Study: ${formatDate(first?.string('StudyDate'))}  ${text('StudyDescription')}`,
    `Series ${num('SeriesNumber')}: ${input.modality ?? '-'}  ${text('SeriesDescription')}`,
    `${count(input.instances.length, 'instance')}, ${count(frames, 'frame')}`,
    `Matrix: ${num('Rows')} x ${num('Columns')}` + (spacing.length === 2 ? `, ${formatNumber(spacing[0]!)} x ${formatNumber(spacing[1]!)} mm` : ''),
  ];
  const increment = input.geometry?.sliceIncrement;
  if (increment !== undefined) lines.push(`Slice increment: ${formatNumber(increment)} mm`);
  const problems = input.geometry?.problems.length ?? 0;
  if (problems > 0) lines.push(`Geometry: ${count(problems, 'problem')}`);
  return lines;
}

/** `YYYYMMDD` → `YYYY-MM-DD`; anything else as given, or "-" when absent. */
export function formatDate(da: string | undefined): string {
  if (da === undefined || da === '') return '-';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : da;
}

/** A number with at most 3 decimals, trailing zeros dropped: 2.5 → "2.5", 0.703125 → "0.703". */
export function formatNumber(v: number): string {
  return String(Number(v.toFixed(3)));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
