import { DEID_OPTIONS, type DeidOption, type DeidentifyRequest, type SourceInstance } from '@atrium/sdk';
import { parseMaskRegions } from './parse-mask-regions.js';

/** The validated parameters of the deidentify app (see deidentify-app.ts). */
export type DeidentifyParams = Readonly<Record<DeidOption, boolean>> & {
  readonly secret: string;
  readonly keyFile: string;
  readonly uidRoot: string;
  readonly PatientName: string;
  readonly PatientID: string;
  readonly dateShiftDays: string;
  readonly pixelMaskRegions: string;
};

/** The request for one instance: selected options in the standard's column order, user values only when given. */
export function deidentifyRequestOf(source: SourceInstance, params: DeidentifyParams): DeidentifyRequest {
  const options = DEID_OPTIONS.filter((o) => params[o]);
  const replacements = {
    ...(params.PatientName !== '' ? { PatientName: params.PatientName } : {}),
    ...(params.PatientID !== '' ? { PatientID: params.PatientID } : {}),
  };
  const regions = parseMaskRegions(params.pixelMaskRegions);
  return {
    source,
    ...(params.keyFile !== '' ? { keyFile: params.keyFile } : { secret: params.secret }),
    uidRoot: params.uidRoot,
    ...(options.length > 0 ? { options } : {}),
    ...(Object.keys(replacements).length > 0 ? { replacements } : {}),
    ...(params.dateShiftDays !== 'auto' ? { dateShiftDays: Number(params.dateShiftDays) } : {}),
    ...(regions.length > 0 ? { pixelMaskRegions: regions } : {}),
  };
}
