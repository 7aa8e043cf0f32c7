import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';
import { commonMapping } from './common-mapping.js';

/**
 * The iso-surface as an Encapsulated STL object (PS3.3 A.85.1): Modality M3D (Encapsulated
 * Document Series, PS3.3 A.85.1.4); the Frame of Reference of the source, which the model's
 * coordinates are in (mm, Measurement Units Code Sequence of the Manufacturing 3D Model Module);
 * Enhanced General Equipment is the workstation (manufacturer from the plugin manifest, the app,
 * its version, the station as device serial number); the document, its MIME type and title are the
 * app's, its length generated; Source Instance Sequence lists the source images.
 */
export const stlMapping: MappingTable = {
  ...commonMapping,
  Modality: Generated('Content'),
  SeriesDescription: Generated('Content'),
  // Not in the Encapsulated Document Series Module.
  OperatorsName: Removed,
  BodyPartExamined: Removed,
  PatientPosition: Removed,
  FrameOfReferenceUID: Copied,
  PositionReferenceIndicator: Copied,
  Manufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  ManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  DeviceSerialNumber: Generated('StationName'),
  SoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  InstitutionName: Removed,
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
};
