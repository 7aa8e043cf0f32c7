import type { SqlDatabase } from './sql-database.js';
import { classifyRecord } from './classify-record.js';
import type {
  Classification,
  Index,
  InstanceFilter,
  NewQuarantineEntry,
  QuarantineEntry,
  RemovalResult,
  StoredInstance,
  UpsertResult,
} from './dicom-index.js';
import type { InstanceRecord, SeriesFields } from './instance-record.js';
import { RECORD_FIELDS } from './record-fields.js';
import type { PatientIdentity } from './patient-key.js';
import type { QueryLevel } from './query-keys.js';
import { queryIndex, type QueryOptions, type QueryResult } from './query-engine.js';
import { quarantineTable } from './quarantine-table.js';
import { readInstances } from './read-instances.js';
import { removeEntities } from './remove-entities.js';
import { upsertInstance } from './upsert-instance.js';

/**
 * {@link Index} over a migrated connection with the query engine's SQL functions (see
 * `openDatabase`: better-sqlite3, or PostgreSQL through `openPostgresDatabase`). Every
 * writing method runs in one IMMEDIATE transaction, so a failure leaves no partial rows
 * and concurrent writers wait for the write lock instead of failing mid-way.
 */
export class IndexImpl implements Index {
  constructor(readonly db: SqlDatabase) {}

  classify(record: InstanceRecord): Classification {
    // One snapshot for its several reads: another process (another host, on PostgreSQL) may
    // store the same instance in between, which would read as a path held by another instance.
    return this.db.transaction(() => classifyRecord(this.db, record).classification)();
  }

  upsertInstance(record: InstanceRecord): UpsertResult {
    return this.write(() => upsertInstance(this.db, record));
  }

  inTransaction<T>(fn: () => T): T {
    return this.write(fn);
  }

  removeInstance(ref: { SOPInstanceUID: string; SeriesInstanceUID?: string }): RemovalResult {
    return this.write(() => removeEntities.instance(this.db, ref));
  }

  removeSeries(SeriesInstanceUID: string): RemovalResult {
    return this.write(() => removeEntities.series(this.db, SeriesInstanceUID));
  }

  removeStudy(StudyInstanceUID: string): RemovalResult {
    return this.write(() => removeEntities.study(this.db, StudyInstanceUID));
  }

  removePatient(identity: PatientIdentity): RemovalResult {
    return this.write(() => removeEntities.patient(this.db, identity));
  }

  getInstance(SeriesInstanceUID: string, SOPInstanceUID: string): StoredInstance | undefined {
    return readInstances.one(this.db, SeriesInstanceUID, SOPInstanceUID);
  }

  getInstances(filter: InstanceFilter): StoredInstance[] {
    return readInstances.many(this.db, filter);
  }

  listInstancePaths(): string[] {
    return readInstances.paths(this.db);
  }

  fillSeries(SeriesInstanceUID: string, fields: Readonly<Partial<Omit<SeriesFields, 'SeriesInstanceUID'>>>): boolean {
    const given: Readonly<Partial<SeriesFields>> = fields;
    const cols = RECORD_FIELDS.SERIES.filter((c) => c !== 'SeriesInstanceUID' && given[c] !== undefined);
    if (cols.length === 0) return this.db.prepare('SELECT 1 FROM series WHERE "SeriesInstanceUID" = ?').get(SeriesInstanceUID) !== undefined;
    // Column names come from the constant field list, values are bound.
    const sql = `UPDATE series SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE "SeriesInstanceUID" = ?`;
    return this.write(() => this.db.prepare(sql).run(...cols.map((c) => given[c] ?? null), SeriesInstanceUID).changes > 0);
  }

  seriesSource(SeriesInstanceUID: string): string | undefined {
    return readInstances.seriesSource(this.db, SeriesInstanceUID);
  }

  query(level: QueryLevel, keys: Readonly<Record<string, string | undefined>>, options?: QueryOptions): QueryResult[] {
    return queryIndex(this.db, level, keys, options);
  }

  addQuarantine(entry: NewQuarantineEntry): number {
    return this.write(() => quarantineTable.add(this.db, entry));
  }

  listQuarantine(): QuarantineEntry[] {
    return quarantineTable.list(this.db);
  }

  removeQuarantine(id: number): QuarantineEntry | undefined {
    return this.write(() => quarantineTable.remove(this.db, id));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
