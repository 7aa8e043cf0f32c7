import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';

/**
 * The Patient, study, series, equipment and SOP Common rules every output of the 3-D apps shares:
 * patient and study copied (derived series land in the source study), series identity, dates,
 * numbering generated, performed procedure step references removed (the reconstruction is not
 * part of the acquisition's procedure step), the workstation as Station Name and as Contributing
 * Equipment.
 */
export const commonMapping: MappingTable = {
  // Patient
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  OtherPatientIDsSequence: Copied,
  PatientComments: Removed,
  // General Study
  StudyInstanceUID: Copied,
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  // Patient Study
  PatientAge: Copied,
  PatientSize: Copied,
  PatientWeight: Copied,
  // General Series
  Modality: Copied,
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  SeriesDescription: Generated('SeriesDescription'),
  OperatorsName: Generated('OperatorsName'),
  BodyPartExamined: Copied,
  PatientPosition: Copied,
  ReferencedPerformedProcedureStepSequence: Removed,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
  RequestAttributesSequence: Removed,
  // General Equipment: the modality's, with the workstation's station name
  Manufacturer: Copied,
  InstitutionName: Copied,
  ManufacturerModelName: Copied,
  DeviceSerialNumber: Copied,
  StationName: Generated('StationName'),
  // SOP Common
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  InstanceNumber: Generated('InstanceNumber'),
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
};
