import { appEquipmentMapping, Copied, Generated, Removed, sopCommonMapping, type MappingTable } from '@atrium/sdk';
import { score3dPatientStudyMapping } from './score3d-patient-study-mapping.js';

/**
 * The iso-surface as an Encapsulated STL object (PS3.3 A.85.1): the patient and study as every 3-D
 * output ({@link score3dPatientStudyMapping}); the Encapsulated Document Series module (not the
 * General Series module the SDK's series fragment is for: no dates, operator, body part or
 * position) with Modality M3D (PS3.3 A.85.1.4.1) and a new series; the Frame of Reference of the
 * source, which the model's coordinates are in (mm, Measurement Units Code Sequence of the
 * Manufacturing 3D Model module); General and Enhanced General Equipment name the workstation
 * ({@link appEquipmentMapping}: manufacturer from the plugin manifest, the app, its version) with
 * the station as Device Serial Number, which Enhanced General Equipment requires (Type 1, PS3.3
 * C.7.5.2) and the fragment removes; the document, its MIME type and title are the app's, its
 * length generated; Source Instance Sequence lists the source images; SOP Common as the fragment.
 */
export const stlMapping: MappingTable = {
  ...score3dPatientStudyMapping,
  // Encapsulated Document Series
  Modality: Generated('Content'),
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  SeriesDescription: Generated('Content'),
  ReferencedPerformedProcedureStepSequence: Removed,
  RequestAttributesSequence: Removed,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
  CommentsOnThePerformedProcedureStep: Removed,
  // Frame of Reference
  FrameOfReferenceUID: Copied,
  PositionReferenceIndicator: Copied,
  // General and Enhanced General Equipment: the workstation
  ...appEquipmentMapping,
  DeviceSerialNumber: Generated('StationName'),
  // Encapsulated Document
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  AcquisitionDateTime: Generated('Empty'),
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  DocumentTitle: Generated('Content'),
  ConceptNameCodeSequence: Generated('Empty'),
  SourceInstanceSequence: Generated('SourceImageSequence'),
  MIMETypeOfEncapsulatedDocument: Generated('Content'),
  EncapsulatedDocument: Generated('Content'),
  EncapsulatedDocumentLength: Generated('EncapsulatedDocumentLength'),
  // Manufacturing 3D Model: the units; the model is not modified, mirrored or grouped
  MeasurementUnitsCodeSequence: Generated('Content'),
  ModelModification: Removed,
  ModelMirroring: Removed,
  ModelUsageCodeSequence: Removed,
  ModelGroupUID: Removed,
  // SOP Common
  ...sopCommonMapping,
};
