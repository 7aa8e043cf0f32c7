import { Tag } from '@atrium/sdk';
import type { DataSet } from '../io/data-set.js';
import type { InstanceRecord } from '../db/instance-record.js';
import { RECORD_FIELDS } from '../db/record-fields.js';

/** Record fields that hold integers (IS / US values). */
const INTEGER_FIELDS = new Set(['SeriesNumber', 'InstanceNumber', 'Rows', 'Columns', 'BitsAllocated', 'NumberOfFrames']);

/**
 * The index record of a received instance: every demographic / matching attribute the
 * index keeps, read from the dataset. Absent attributes are `undefined` (the stored value
 * is kept), present-but-empty ones `''` (the stored value is cleared), as
 * {@link InstanceRecord} specifies. Integers that are not valid are left out.
 */
export function recordFromDataset(
  ds: DataSet,
  transferSyntaxUID: string,
  file: InstanceRecord['file'],
): InstanceRecord {
  const pick = (keywords: readonly string[]): Record<string, string | number | undefined> => {
    const out: Record<string, string | number | undefined> = {};
    for (const keyword of keywords) {
      const tag = (Tag as Readonly<Record<string, number>>)[keyword];
      if (tag === undefined || !ds.has(tag)) continue;
      if (INTEGER_FIELDS.has(keyword)) {
        const n = ds.number(tag);
        if (n !== undefined && Number.isInteger(n)) out[keyword] = n;
      } else {
        out[keyword] = ds.text(tag) ?? '';
      }
    }
    return out;
  };
  // Validation guarantees the unique keys are present before a record is built.
  return {
    patient: pick(RECORD_FIELDS.PATIENT),
    study: pick(RECORD_FIELDS.STUDY) as unknown as InstanceRecord['study'],
    series: pick(RECORD_FIELDS.SERIES) as unknown as InstanceRecord['series'],
    instance: { ...pick(RECORD_FIELDS.IMAGE), TransferSyntaxUID: transferSyntaxUID } as unknown as InstanceRecord['instance'],
    file,
  };
}
