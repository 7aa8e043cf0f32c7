import type { Migration } from './migrations.js';

/**
 * Schema step 11: the send log, one row per instance a C-STORE SCU sent (a send job, or a
 * C-MOVE / C-GET sub-operation of our SCP): to which AE, when, and the outcome. An app re-run
 * asks it whether the outputs it replaces were sent (IHE IOCM: a rejection note is then written).
 */
export const SEND_LOG_MIGRATION: Migration = {
  version: 11,
  description: 'send log: instances sent by C-STORE, their destination AE, time and outcome',
  sql: `
-- status: 'success', 'warning' (B0xx: stored by the peer) or 'failure'; status_code the
-- DIMSE status (0 for success); via 'send' (a send job), 'move' or 'get' (sub-operations).
CREATE TABLE send_log (
  id INTEGER PRIMARY KEY,
  sop_instance_uid TEXT NOT NULL CHECK (length(sop_instance_uid) BETWEEN 1 AND 64),
  ae TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('success', 'warning', 'failure')),
  status_code INTEGER NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('send', 'move', 'get'))
) STRICT;
CREATE INDEX send_log_instance ON send_log (sop_instance_uid);
`,
};
