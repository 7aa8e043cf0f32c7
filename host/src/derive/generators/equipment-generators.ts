import type { DicomValue } from '@atrium/sdk';
import { dicomDateTime } from './date-time-generators.js';
import type { Generator } from './generator.js';

const upTo = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);
const nonEmpty = (s: string): string | undefined => (s.trim() === '' ? undefined : s);

/** Station Name (SH, 16 characters): the host name of the workstation running the app. */
export const stationName: Generator = (ctx) => nonEmpty(upTo(ctx.request.stationName, 16));

/** Operators' Name: the user running the app. */
export const operatorsName: Generator = (ctx) => nonEmpty(upTo(ctx.request.operatorsName, 64));

/** Conversion Type: WSD (workstation), PS3.3 C.8.6.1. */
export const conversionType: Generator = () => 'WSD';

/** Secondary Capture Device Manufacturer: the plugin manifest's manufacturer, else the plugin id. */
export const scDeviceManufacturer: Generator = (ctx) => upTo(ctx.request.app.manufacturer ?? ctx.request.app.pluginId, 64);

/** Secondary Capture Device Manufacturer's Model Name: the app's title. */
export const scDeviceModelName: Generator = (ctx) => upTo(ctx.request.app.title, 64);

/** Secondary Capture Device Software Versions: the plugin version. */
export const scDeviceSoftwareVersions: Generator = (ctx) => upTo(ctx.request.app.version, 64);

/**
 * Contributing Equipment Sequence: one item describing the app as processing equipment
 * (DCM 109102 "Processing Equipment"), with its version, the station and the time.
 */
export const contributingEquipment: Generator = (ctx) => {
  const { app, now, stationName: station } = ctx.request;
  const item: Record<string, DicomValue> = {
    PurposeOfReferenceCodeSequence: [{ CodeValue: '109102', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Processing Equipment' }],
    Manufacturer: upTo(app.manufacturer ?? app.pluginId, 64),
    ManufacturerModelName: upTo(app.title, 64),
    SoftwareVersions: upTo(app.version, 64),
    ContributionDateTime: dicomDateTime(now),
    ContributionDescription: upTo(`${app.title} ${app.version} (${app.pluginId}.${app.appId})`, 64),
  };
  if (station.trim() !== '') item.StationName = upTo(station, 16);
  return [item];
};
