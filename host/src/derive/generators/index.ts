import type { GeneratorName } from '@atrium/sdk';
import { nowDate, nowTime } from './date-time-generators.js';
import {
  contributingEquipment, conversionType, operatorsName, scDeviceManufacturer, scDeviceModelName, scDeviceSoftwareVersions, stationName,
} from './equipment-generators.js';
import type { Generator } from './generator.js';
import { encapsulatedDocumentLength } from './document-generators.js';
import { burnedInAnnotation, derivationCodeSequence, derivationDescription, empty, imageType, seriesDescription } from './image-generators.js';
import { instanceNumber, seriesNumber } from './numbering-generators.js';
import { referencedSeriesSequence, sourceImageSequence } from './reference-generators.js';
import { seriesInstanceUid, sopInstanceUid } from './uid-generators.js';

export type { Generator, GeneratorContext } from './generator.js';

/** The named generators of the SDK's {@link GeneratorName}, one file per family. */
export const GENERATORS: Readonly<Record<GeneratorName, Generator>> = {
  SOPInstanceUID: sopInstanceUid,
  SeriesInstanceUID: seriesInstanceUid,
  SeriesNumber: seriesNumber,
  InstanceNumber: instanceNumber,
  SeriesDate: nowDate,
  SeriesTime: nowTime,
  ContentDate: nowDate,
  ContentTime: nowTime,
  InstanceCreationDate: nowDate,
  InstanceCreationTime: nowTime,
  StationName: stationName,
  OperatorsName: operatorsName,
  ImageType: imageType,
  ConversionType: conversionType,
  SecondaryCaptureDeviceManufacturer: scDeviceManufacturer,
  SecondaryCaptureDeviceManufacturerModelName: scDeviceModelName,
  SecondaryCaptureDeviceSoftwareVersions: scDeviceSoftwareVersions,
  BurnedInAnnotation: burnedInAnnotation,
  DerivationDescription: derivationDescription,
  DerivationCodeSequence: derivationCodeSequence,
  SourceImageSequence: sourceImageSequence,
  ReferencedSeriesSequence: referencedSeriesSequence,
  ContributingEquipmentSequence: contributingEquipment,
  SeriesDescription: seriesDescription,
  EncapsulatedDocumentLength: encapsulatedDocumentLength,
  Empty: empty,
};
