import type { GeneratorName } from '@atrium/sdk';
import type { EngineGenerator } from '../action-rule.js';

/** One line per generator, for the legend of conformance statements. */
export const GENERATOR_DESCRIPTIONS: Readonly<Record<GeneratorName | EngineGenerator | 'Content', string>> = {
  SOPInstanceUID: 'deterministic UID from the output series UID, the source SOP Instance UIDs and the position in the series',
  SeriesInstanceUID: 'deterministic UID from the source series UID, plugin id, app id, app version, parameters and output name',
  SeriesNumber: 'next free series number in the study',
  InstanceNumber: '1, 2, ... in the order the app writes the objects',
  SeriesDate: 'date the run started', SeriesTime: 'time the run started',
  ContentDate: 'date the run started', ContentTime: 'time the run started',
  InstanceCreationDate: 'date the run started', InstanceCreationTime: 'time the run started',
  StationName: 'host name of the workstation', OperatorsName: 'user running the app',
  ImageType: 'DERIVED\\SECONDARY, then the app\'s value 3 (1:1 outputs: the source\'s)',
  ConversionType: 'WSD (workstation)',
  SecondaryCaptureDeviceManufacturer: 'plugin manufacturer (manifest), else the plugin id',
  SecondaryCaptureDeviceManufacturerModelName: 'app title',
  SecondaryCaptureDeviceSoftwareVersions: 'plugin version',
  BurnedInAnnotation: 'YES when the app draws text into the pixels, else NO (a copy of source pixels keeps the source\'s value)',
  DerivationDescription: 'the output\'s derivation description',
  DerivationCodeSequence: 'the output\'s derivation code (absent when the output declares none)',
  SourceImageSequence: 'the source images (purpose: source image for image processing operation)',
  ReferencedSeriesSequence: 'the source series and instances',
  ContributingEquipmentSequence: 'the app as processing equipment: manufacturer, title, version, date and time',
  SeriesDescription: 'the output\'s description',
  EncapsulatedDocumentLength: 'length in bytes of the encapsulated document, without its padding',
  Empty: 'present without a value',
  Content: 'the value the app computes',
  SOPClassUID: 'SOP class of the output IOD',
  SpecificCharacterSet: 'the sources\' character set when they all agree (absent when they use the default repertoire), else ISO_IR 192',
  Pixels: 'from the image the app computes (or, for a reduced copy, the source\'s pixels); absent when the pixels give no value',
};
