import { MPPS_NO_LONGER_UPDATABLE, MppsStatus, type DimseStatus } from '../../errors/dimse-statuses.js';
import type { MppsState } from '../../db/mpps-table.js';
import { itemsOf, textOf, type AttributeList } from '../dimse/attribute-list.js';

/** Why a request breaks the rules: the status to answer and its Error Comment. */
export interface MppsProblem {
  readonly status: DimseStatus;
  readonly comment: string;
  readonly errorId?: number;
}

/** N-CREATE, Type 1: present with a value (PS3.4 Table F.7.2-1, "N-CREATE Req. Type SCU/SCP" 1). */
const CREATE_TYPE_1 = ['PerformedStationAETitle', 'PerformedProcedureStepStartDate', 'PerformedProcedureStepStartTime', 'PerformedProcedureStepStatus', 'PerformedProcedureStepID', 'Modality', 'ScheduledStepAttributesSequence'];
/** N-CREATE, Type 2: present, maybe empty. */
const CREATE_TYPE_2 = [
  'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'ReferencedPatientSequence', 'PerformedStationName', 'PerformedLocation',
  'PerformedProcedureStepEndDate', 'PerformedProcedureStepEndTime', 'PerformedProcedureStepDescription', 'PerformedProcedureTypeDescription',
  'ProcedureCodeSequence', 'StudyID', 'PerformedProtocolCodeSequence', 'PerformedSeriesSequence',
];
/** Attributes an N-SET may not change (PS3.4 Table F.7.2-1, "N-SET Req. Type SCU" Not allowed). */
const NOT_SETTABLE = new Set([
  'ScheduledStepAttributesSequence', 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'ReferencedPatientSequence', 'PerformedStationAETitle',
  'PerformedStationName', 'PerformedLocation', 'PerformedProcedureStepStartDate', 'PerformedProcedureStepStartTime', 'PerformedProcedureStepID', 'Modality', 'StudyID',
]);
const STATES: readonly MppsState[] = ['IN PROGRESS', 'COMPLETED', 'DISCONTINUED'];

const missing = (keyword: string, why: string): MppsProblem => ({ status: MppsStatus.MissingAttribute, comment: `${keyword} missing: ${why}` });
const empty = (keyword: string, why: string): MppsProblem => ({ status: MppsStatus.MissingAttributeValue, comment: `${keyword} empty: ${why}` });

/**
 * What is wrong with an N-CREATE's attribute list (undefined: nothing): a Type 1 attribute
 * absent (0120) or empty (0121), a Type 2 absent (0120), a Scheduled Step item without Study
 * Instance UID (0121), a status other than IN PROGRESS (0106) — PS3.4 §F.7.2.1.
 */
export function createProblem(list: AttributeList): MppsProblem | undefined {
  for (const k of CREATE_TYPE_1) {
    if (!(k in list)) return missing(k, 'Type 1 in N-CREATE');
    if (list[k] === null || list[k] === '' || (Array.isArray(list[k]) && (list[k] as unknown[]).length === 0)) return empty(k, 'Type 1 in N-CREATE');
  }
  for (const k of CREATE_TYPE_2) if (!(k in list)) return missing(k, 'Type 2 in N-CREATE');
  if (itemsOf(list, 'ScheduledStepAttributesSequence').some((i) => !textOf(i, 'StudyInstanceUID'))) return empty('StudyInstanceUID', 'Type 1 in each Scheduled Step Attributes item');
  const state = textOf(list, 'PerformedProcedureStepStatus');
  if (state !== 'IN PROGRESS') return { status: MppsStatus.InvalidAttributeValue, comment: `Performed Procedure Step Status "${state}": N-CREATE must be IN PROGRESS` };
  return undefined;
}

/**
 * The state after an N-SET of `modifications` on a step in `current` with `stored`
 * attributes, or the problem: the step is final (0110, Error ID A710), an attribute that
 * may not be set (0106), an unknown status (0106), a final state without End Date / Time
 * (0121) or, when COMPLETED, without a Performed Series item (0121) — PS3.4 §F.7.2.2, §F.7.3.
 */
export function setOutcome(current: MppsState, stored: AttributeList, modifications: AttributeList): { state: MppsState; attributes: AttributeList } | MppsProblem {
  if (current !== 'IN PROGRESS') return { status: MppsStatus.MayNoLongerBeUpdated, comment: `The step is ${current}: it may no longer be updated`, errorId: MPPS_NO_LONGER_UPDATABLE };
  const fixed = Object.keys(modifications).find((k) => NOT_SETTABLE.has(k));
  if (fixed) return { status: MppsStatus.InvalidAttributeValue, comment: `${fixed} may not be changed by N-SET` };
  const attributes = { ...stored, ...modifications };
  const state = textOf(attributes, 'PerformedProcedureStepStatus') as MppsState | undefined;
  if (!state || !STATES.includes(state)) return { status: MppsStatus.InvalidAttributeValue, comment: `Performed Procedure Step Status "${state ?? ''}" is not IN PROGRESS, COMPLETED or DISCONTINUED` };
  if (state !== 'IN PROGRESS') {
    for (const k of ['PerformedProcedureStepEndDate', 'PerformedProcedureStepEndTime']) if (!textOf(attributes, k)) return empty(k, `required to set ${state}`);
    if (state === 'COMPLETED' && itemsOf(attributes, 'PerformedSeriesSequence').length === 0) return empty('PerformedSeriesSequence', 'COMPLETED needs one item or more');
  }
  return { state, attributes };
}
