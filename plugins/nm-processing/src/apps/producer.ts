import type { SourceInstance } from '@atrium/sdk';

/** Name and version printed on the pages and in Image Comments. */
export const PRODUCER = 'Atrium NM processing 0.1.0';
export const NOT_FOR_CLINICAL_USE = 'NOT FOR CLINICAL USE';

/** "Name (ID), study date" of the source, for the pages. */
export function patientLine(instance: SourceInstance): string {
  const name = (instance.string('PatientName') ?? '').replace(/\^+/g, ' ').trim() || '(no name)';
  const id = instance.string('PatientID') ?? '';
  const date = instance.string('StudyDate') ?? '';
  return `${name}${id ? ` (${id})` : ''}${date ? `, study ${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : ''}`;
}
