import { AtriumError } from '../errors/atrium-error.js';
import type { FieldChange, RecordLevel } from './dicom-index.js';
import type { InstanceRecord } from './instance-record.js';

/** A value as stored in a column (`null` = no value). */
export type ColumnValue = string | number | null;
/** A table row read with `SELECT *`. */
export type Row = Record<string, ColumnValue>;

/** Value helpers shared by the index writers. */
export const recordValues = {
  /**
   * Checks what the index relies on: the unique keys (type 1 UIDs, seed §4.1.3.3.1), the
   * SOP Class UID, and the file facts.
   * @throws AtriumError `ATRIUM_ERR_INDEX_BAD_RECORD`
   */
  validate(record: InstanceRecord): void {
    const required: [string, unknown][] = [
      ['StudyInstanceUID', record.study.StudyInstanceUID],
      ['SeriesInstanceUID', record.series.SeriesInstanceUID],
      ['SOPInstanceUID', record.instance.SOPInstanceUID],
      ['SOPClassUID', record.instance.SOPClassUID],
      ['file.path', record.file.path],
      ['file.sha256', record.file.sha256],
    ];
    for (const [name, v] of required) {
      if (typeof v !== 'string' || v.trim() === '') {
        throw new AtriumError(
          'ATRIUM_ERR_INDEX_BAD_RECORD',
          `Cannot index instance ${String(record.instance.SOPInstanceUID)}: ${name} is missing or empty`,
          { field: name, path: record.file.path },
        );
      }
    }
    if (!Number.isSafeInteger(record.file.size) || record.file.size < 0) {
      throw new AtriumError(
        'ATRIUM_ERR_INDEX_BAD_RECORD',
        `Cannot index ${record.file.path}: file.size ${record.file.size} is not a non-negative integer`,
        { field: 'file.size', path: record.file.path },
      );
    }
  },

  /**
   * Record value → column value: `undefined` stays `undefined` (absent: keep the stored
   * value), `''` becomes `null` (present but empty: clear), integers pass.
   * @throws AtriumError `ATRIUM_ERR_INDEX_BAD_RECORD` for a number that is not an integer.
   */
  toColumn(field: string, v: unknown): ColumnValue | undefined {
    if (v === undefined) return undefined;
    if (v === null || v === '') return null;
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) {
        throw new AtriumError(
          'ATRIUM_ERR_INDEX_BAD_RECORD',
          `${field} must be an integer (IS/US), got ${v}`,
          { field, value: v },
        );
      }
      return v;
    }
    return String(v);
  },

  /** New column values of a level: record values where present, stored ones otherwise. */
  merge(fields: readonly string[], part: object, stored: Row | undefined): Row {
    const out: Row = {};
    for (const f of fields) {
      const v = recordValues.toColumn(f, (part as Record<string, unknown>)[f]);
      out[f] = v === undefined ? (stored?.[f] ?? null) : v;
    }
    return out;
  },

  /** Fields whose value differs between `before` and `after`. */
  diff(level: RecordLevel, fields: readonly string[], before: Row, after: Row): FieldChange[] {
    const changes: FieldChange[] = [];
    for (const f of fields) {
      const o = before[f] ?? undefined;
      const n = after[f] ?? undefined;
      if (o !== n) changes.push({ level, field: f, old: o, new: n });
    }
    return changes;
  },
};
