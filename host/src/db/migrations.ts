import { SEND_LOG_MIGRATION } from './send-log-migration.js';

/**
 * One schema step. `version` is the schema version the database has after it (`PRAGMA
 * user_version` on SQLite, table `atrium_schema` on PostgreSQL).
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** The step in SQLite's SQL; on PostgreSQL, `schemaToPostgres` of it unless `postgres` is given. */
  readonly sql: string;
  /** The step's PostgreSQL text, for a step that `schemaToPostgres` does not express. */
  readonly postgres?: string;
}

/**
 * The schema history of the index, oldest first, for both engines. Never edit a published
 * step: append a new one. A new table is one new step here: its SQLite text, which
 * `schemaToPostgres` turns into PostgreSQL's (INTEGER PRIMARY KEY → identity, TEXT →
 * byte-order text, STRICT dropped), or a `postgres` text beside it when that is not enough;
 * the tables then use the SQL both engines read (see `SqlDatabase`). The SQL is written out literally (not generated from `RECORD_FIELDS`) so that
 * a step means the same thing forever.
 *
 * Column names are DICOM keywords (PS3.6); internal columns are snake_case. Tables are
 * STRICT so an IS/US value that is not an integer is refused instead of silently kept.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'patient / study / series / instance tables',
    sql: `
CREATE TABLE patient (
  pk INTEGER PRIMARY KEY,
  patient_key TEXT NOT NULL UNIQUE,
  "PatientName" TEXT,
  "PatientID" TEXT,
  "IssuerOfPatientID" TEXT,
  "PatientBirthDate" TEXT,
  "PatientBirthTime" TEXT,
  "PatientSex" TEXT,
  "OtherPatientIDs" TEXT,
  "OtherPatientNames" TEXT,
  "PatientAge" TEXT,
  "PatientSize" TEXT,
  "PatientWeight" TEXT,
  "EthnicGroup" TEXT,
  "Occupation" TEXT,
  "AdditionalPatientHistory" TEXT,
  "PatientComments" TEXT
) STRICT;

CREATE TABLE study (
  pk INTEGER PRIMARY KEY,
  patient_pk INTEGER NOT NULL REFERENCES patient(pk),
  "StudyInstanceUID" TEXT NOT NULL UNIQUE,
  "StudyDate" TEXT,
  "StudyTime" TEXT,
  "AccessionNumber" TEXT,
  "ReferringPhysicianName" TEXT,
  "NameOfPhysiciansReadingStudy" TEXT,
  "AdmittingDiagnosesDescription" TEXT,
  "StudyDescription" TEXT,
  "StudyID" TEXT,
  "OtherStudyNumbers" TEXT
) STRICT;

CREATE TABLE series (
  pk INTEGER PRIMARY KEY,
  study_pk INTEGER NOT NULL REFERENCES study(pk),
  "SeriesInstanceUID" TEXT NOT NULL UNIQUE,
  "SeriesDate" TEXT,
  "SeriesTime" TEXT,
  "Modality" TEXT,
  "Manufacturer" TEXT,
  "InstitutionName" TEXT,
  "SeriesDescription" TEXT,
  "ManufacturerModelName" TEXT,
  "BodyPartExamined" TEXT,
  "ScanOptions" TEXT,
  "ProtocolName" TEXT,
  "SeriesNumber" INTEGER
) STRICT;

CREATE TABLE instance (
  pk INTEGER PRIMARY KEY,
  series_pk INTEGER NOT NULL REFERENCES series(pk),
  "SOPInstanceUID" TEXT NOT NULL,
  "SOPClassUID" TEXT NOT NULL,
  "InstanceNumber" INTEGER,
  "Rows" INTEGER,
  "Columns" INTEGER,
  "BitsAllocated" INTEGER,
  "NumberOfFrames" INTEGER,
  "TransferSyntaxUID" TEXT,
  "SpecificCharacterSet" TEXT,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  received_from TEXT,
  UNIQUE (series_pk, "SOPInstanceUID")
) STRICT;
`,
  },
  {
    version: 2,
    description: 'indexes for the C-FIND matching keys of seed Table 4-26 and the parent links',
    sql: `
CREATE INDEX patient_PatientID ON patient ("PatientID");
CREATE INDEX patient_PatientName ON patient ("PatientName");
CREATE INDEX patient_PatientBirthDate ON patient ("PatientBirthDate");
CREATE INDEX patient_PatientSex ON patient ("PatientSex");

CREATE INDEX study_patient_pk ON study (patient_pk);
CREATE INDEX study_StudyDate ON study ("StudyDate");
CREATE INDEX study_StudyTime ON study ("StudyTime");
CREATE INDEX study_AccessionNumber ON study ("AccessionNumber");
CREATE INDEX study_ReferringPhysicianName ON study ("ReferringPhysicianName");
CREATE INDEX study_StudyDescription ON study ("StudyDescription");
CREATE INDEX study_StudyID ON study ("StudyID");

CREATE INDEX series_study_pk_Modality ON series (study_pk, "Modality");
CREATE INDEX series_SeriesDate ON series ("SeriesDate");
CREATE INDEX series_SeriesTime ON series ("SeriesTime");
CREATE INDEX series_Modality ON series ("Modality");
CREATE INDEX series_SeriesDescription ON series ("SeriesDescription");
CREATE INDEX series_ProtocolName ON series ("ProtocolName");
CREATE INDEX series_SeriesNumber ON series ("SeriesNumber");

CREATE INDEX instance_SOPInstanceUID ON instance ("SOPInstanceUID");
CREATE INDEX instance_SOPClassUID ON instance ("SOPClassUID");
CREATE INDEX instance_InstanceNumber ON instance ("InstanceNumber");
`,
  },
  {
    version: 3,
    description: 'quarantine of received objects that were kept but not indexed',
    sql: `
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  reason TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  path TEXT,
  sha256 TEXT,
  source TEXT
) STRICT;

CREATE INDEX quarantine_received_at ON quarantine (received_at);
`,
  },
  {
    version: 4,
    description: 'persistent job queue (interactive runs, batches, outbound network operations)',
    sql: `
CREATE TABLE job (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  key TEXT,
  label TEXT,
  payload TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(payload)),
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'running', 'completed', 'failed', 'retrying', 'cancelled')),
  progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  next_run_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  result TEXT CHECK (result IS NULL OR json_valid(result)),
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  owner_pid INTEGER
) STRICT;

-- Due work: claimNext picks the oldest due pending/retrying job.
CREATE INDEX job_state_next_run_at ON job (state, next_run_at);
CREATE INDEX job_type ON job (type);
-- At most one live (or completed) job per idempotency key; a failed or cancelled job
-- leaves the key free so that a resumed batch runs that item again.
CREATE UNIQUE INDEX job_live_key ON job (key)
  WHERE key IS NOT NULL AND state IN ('pending', 'running', 'retrying', 'completed');
`,
  },
  {
    version: 5,
    description: 'settings (network configuration) and the remote AE table',
    sql: `
-- Key/value settings; network settings are 'network.<NetworkConfig field>' with the text form of the value.
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Remote DICOM application entities. title: AE title without leading/trailing spaces;
-- roles: JSON array of 'store' (we send to it), 'query' (we query/retrieve it), 'call' (it may call us).
CREATE TABLE remote_ae (
  title TEXT PRIMARY KEY CHECK (length(title) BETWEEN 1 AND 16),
  host TEXT NOT NULL CHECK (length(host) >= 1),
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  alias TEXT UNIQUE CHECK (alias IS NULL OR length(alias) >= 1),
  roles TEXT NOT NULL DEFAULT '["store","query","call"]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
  updated_at TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 6,
    description: 'case-folded Patient Name, indexed (C-FIND PN matching without a table scan)',
    // atrium_fold is registered before the migrations run (open-index.ts); it is used
    // here only to fill the column, never in the schema.
    sql: `
ALTER TABLE patient ADD COLUMN patient_name_fold TEXT;
UPDATE patient SET patient_name_fold = atrium_fold("PatientName");
CREATE INDEX patient_name_fold ON patient (patient_name_fold);
`,
  },
  {
    version: 7,
    description: 'validation warnings of stored instances; the reconcile log (what start-up passes repaired)',
    sql: `
-- JSON array of {code, keyword, message}: what receive validation found but did not refuse.
ALTER TABLE instance ADD COLUMN warnings TEXT CHECK (warnings IS NULL OR json_valid(warnings));
CREATE INDEX instance_warnings ON instance (series_pk) WHERE warnings IS NOT NULL;

-- One row per reconcile that found something: kind 'startup' (the quiet pass at every
-- start) or 'full' (atrium reconcile --full); shown = 1 once atrium reconcile reported it.
CREATE TABLE reconcile_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('startup', 'full')),
  report TEXT NOT NULL CHECK (json_valid(report)),
  shown INTEGER NOT NULL DEFAULT 0 CHECK (shown IN (0, 1))
) STRICT;
`,
  },
  {
    version: 8,
    description: 'the host that runs a job (several hosts share one index on PostgreSQL)',
    sql: `
-- A process id means something only on its own host: start-up recovery leaves the running
-- jobs of other hosts alone. NULL for jobs claimed before hosts were recorded (this host's).
ALTER TABLE job ADD COLUMN owner_host TEXT;
`,
  },
  {
    version: 9,
    description: 'storage commitment transactions and their per-instance results; performed procedure steps',
    sql: `
-- A Storage Commitment Push Model request (PS3.4 Annex J) we sent: its Transaction UID, the
-- AE asked, the job that asked; state 'requested' until the N-EVENT-REPORT, then 'reported'.
CREATE TABLE commitment (
  id INTEGER PRIMARY KEY,
  transaction_uid TEXT NOT NULL UNIQUE CHECK (length(transaction_uid) BETWEEN 1 AND 64),
  ae TEXT NOT NULL,
  job_id INTEGER,
  state TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'reported')),
  requested_at TEXT NOT NULL,
  reported_at TEXT
) STRICT;

-- One row per instance of a request: 'pending', 'committed', or 'failed' with the
-- Failure Reason (0008,1197) the peer gave.
CREATE TABLE commitment_item (
  id INTEGER PRIMARY KEY,
  transaction_uid TEXT NOT NULL REFERENCES commitment (transaction_uid) ON DELETE CASCADE,
  sop_instance_uid TEXT NOT NULL,
  sop_class_uid TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'committed', 'failed')),
  failure_reason INTEGER,
  UNIQUE (transaction_uid, sop_instance_uid)
) STRICT;
CREATE INDEX commitment_item_instance ON commitment_item (sop_instance_uid);

-- Modality Performed Procedure Steps (PS3.4 Annex F): 'received' by our MPPS SCP from the
-- calling AE, or 'sent' by our SCU to the called AE; attributes: the step's attribute list
-- (JSON, keyword → value) as created and then set.
CREATE TABLE mpps (
  id INTEGER PRIMARY KEY,
  sop_instance_uid TEXT NOT NULL CHECK (length(sop_instance_uid) BETWEEN 1 AND 64),
  direction TEXT NOT NULL CHECK (direction IN ('received', 'sent')),
  ae TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('IN PROGRESS', 'COMPLETED', 'DISCONTINUED')),
  attributes TEXT NOT NULL CHECK (json_valid(attributes)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (sop_instance_uid, direction)
) STRICT;
`,
  },
  {
    version: 10,
    description: 'series-level Station Name and Performing Physician\'s Name (C-FIND keys); C-ECHO before sending, per remote AE',
    sql: `
-- Series-level matching keys of the Shimadzu DAR-9500f conformance statement, Table 4.
ALTER TABLE series ADD COLUMN "StationName" TEXT;
ALTER TABLE series ADD COLUMN "PerformingPhysicianName" TEXT;
-- Series indexed before this step get both values from one of their stored files at the
-- next start (the start-up reconcile reads the marker and removes it when done).
INSERT INTO setting (key, value) SELECT 'index.backfill.seriesStation', 'pending' WHERE EXISTS (SELECT 1 FROM series);

-- 1: every association that sends to the AE starts with a C-ECHO (TigerView conformance
-- statement: Verification before Storage); 0: it does not.
ALTER TABLE remote_ae ADD COLUMN verify_before_send INTEGER NOT NULL DEFAULT 1 CHECK (verify_before_send IN (0, 1));
`,
  },
  SEND_LOG_MIGRATION,
  {
    version: 12,
    description: 'the host that owns a store intent; a heartbeat per process of every host (several hosts on one store)',
    sql: `
-- The write-ahead intents, made by earlier versions when first needed: now a step, so that the
-- owner's host can be added. A process id means something only on its own host.
CREATE TABLE IF NOT EXISTS store_intent (path TEXT PRIMARY KEY, created_at TEXT NOT NULL, owner_pid INTEGER) STRICT;
ALTER TABLE store_intent ADD COLUMN owner_host TEXT;

-- One row per running process that opened the store: its host id and process id, and when it
-- last said it is alive (beat_at, milliseconds since 1970 by its own clock). A process whose row
-- is older than the store setting hostTimeout is dead: its intents and temp files are recovered.
CREATE TABLE host_heartbeat (
  host_id TEXT NOT NULL CHECK (length(host_id) >= 1),
  pid INTEGER NOT NULL CHECK (pid > 0),
  started_at INTEGER NOT NULL,
  beat_at INTEGER NOT NULL,
  PRIMARY KEY (host_id, pid)
) STRICT;

-- The host that sent a storage commitment request (its job waits for the report); NULL for
-- requests made before hosts were recorded. Any host of the cluster's one AE title may receive
-- the N-EVENT-REPORT: it records the results here, where the owner sees them.
ALTER TABLE commitment ADD COLUMN owner_host TEXT;
`,
  },
];
