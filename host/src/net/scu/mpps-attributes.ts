import type { StoredInstance } from '../../db/dicom-index.js';
import type { AttributeList } from '../dimse/attribute-list.js';

/** A DICOM DA and TM of `at`, local time (PS3.5 §6.2). */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return { date: `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`, time: `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}` };
}

/** What the N-CREATE says about who performs the step. */
export interface MppsStation {
  /** Performed Station AE Title: ours. */
  readonly aeTitle: string;
  /** Performed Procedure Step ID (SH, ≤ 16 characters). */
  readonly stepId: string;
  readonly start: Date;
}

/**
 * The N-CREATE attribute list of a step IN PROGRESS on the study of `instance`, as the
 * Shimadzu DAR-9500f conformance statement, Table 13 lists it: patient and Scheduled Step
 * Attributes from the stored study (no worklist: Requested Procedure and Scheduled Step
 * values empty), station and start from `station`, the end and the performed series empty.
 */
export function mppsCreateAttributes(instance: StoredInstance, station: MppsStation): AttributeList {
  const { patient, study, series } = instance;
  const start = dicomDateTime(station.start);
  return {
    ReferencedPatientSequence: [],
    PatientName: patient.PatientName ?? '',
    PatientID: patient.PatientID ?? '',
    PatientBirthDate: patient.PatientBirthDate ?? '',
    PatientSex: patient.PatientSex ?? '',
    ScheduledStepAttributesSequence: [{
      AccessionNumber: study.AccessionNumber ?? '',
      ReferencedStudySequence: [],
      StudyInstanceUID: study.StudyInstanceUID,
      RequestedProcedureDescription: study.StudyDescription ?? '',
      ScheduledProcedureStepDescription: '',
      ScheduledProtocolCodeSequence: [],
      ScheduledProcedureStepID: '',
      RequestedProcedureID: '',
    }],
    PerformedStationAETitle: station.aeTitle,
    PerformedStationName: '',
    PerformedLocation: '',
    PerformedProcedureStepStartDate: start.date,
    PerformedProcedureStepStartTime: start.time,
    PerformedProcedureStepEndDate: '',
    PerformedProcedureStepEndTime: '',
    PerformedProcedureStepStatus: 'IN PROGRESS',
    PerformedProcedureStepID: station.stepId,
    PerformedProcedureStepDescription: '',
    PerformedProcedureTypeDescription: '',
    ProcedureCodeSequence: [],
    Modality: series.Modality ?? 'OT',
    StudyID: study.StudyID ?? '',
    PerformedProtocolCodeSequence: [],
    PerformedSeriesSequence: [],
  };
}

/**
 * The Performed Series Sequence of `instances` (DAR-9500f Table 16): per series its
 * Retrieve AE Title (ours), description, protocol, UID and Referenced Image Sequence;
 * Performing Physician's and Operators' Name empty (not kept in the index).
 */
export function performedSeries(instances: readonly StoredInstance[], retrieveAeTitle: string): AttributeList[] {
  const bySeries = new Map<string, StoredInstance[]>();
  for (const i of instances) bySeries.set(i.series.SeriesInstanceUID, [...(bySeries.get(i.series.SeriesInstanceUID) ?? []), i]);
  return [...bySeries.values()].map((list) => ({
    RetrieveAETitle: retrieveAeTitle,
    SeriesDescription: list[0]!.series.SeriesDescription ?? '',
    PerformingPhysicianName: '',
    OperatorsName: '',
    ReferencedImageSequence: list.map((i) => ({ ReferencedSOPClassUID: i.instance.SOPClassUID, ReferencedSOPInstanceUID: i.instance.SOPInstanceUID })),
    ProtocolName: list[0]!.series.ProtocolName ?? '',
    SeriesInstanceUID: list[0]!.series.SeriesInstanceUID,
    ReferencedNonImageCompositeSOPInstanceSequence: [],
  }));
}

/**
 * The N-SET attribute list that ends a step (DAR-9500f Table 16): end date and time, the
 * final status, the performed series; for DISCONTINUED the Discontinuation Reason Code
 * Sequence empty (no reason coded), for COMPLETED zero length as the statement says.
 */
export function mppsFinalAttributes(status: 'COMPLETED' | 'DISCONTINUED', end: Date, series: readonly AttributeList[]): AttributeList {
  const at = dicomDateTime(end);
  return {
    PerformedProcedureStepEndDate: at.date,
    PerformedProcedureStepEndTime: at.time,
    PerformedProcedureStepStatus: status,
    PerformedProcedureStepDiscontinuationReasonCodeSequence: [],
    PerformedSeriesSequence: [...series],
  };
}
