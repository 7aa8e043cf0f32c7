import type { DicomValue, TransferPoint } from '@atrium/sdk';
import { decimal } from '../geometry/dicom-values.js';
import { VIEW_CREATOR } from '../score3d-private-block.js';

/** What the private block of a 3-D view records (see `viewPrivateBlock`). */
export interface ViewRecord {
  readonly mode: 'VOLUME' | 'SURFACE' | 'MIP' | 'MINIP' | 'MEAN';
  /** Azimuth, elevation (degrees), zoom. */
  readonly camera: readonly [number, number, number];
  readonly window?: { readonly center: number; readonly width: number };
  readonly isoValue?: number;
  readonly sourceSeriesInstanceUID: string;
  /** Every parameter of the view (recorded as JSON). */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly transfer?: readonly TransferPoint[];
}

/** The request's `privateData` for a view: the SCORE 3D layout under our creator. */
export function viewPrivateData(view: ViewRecord): Record<string, Record<string, DicomValue>> {
  const values: Record<string, DicomValue> = {
    viewParameters: new TextEncoder().encode(JSON.stringify({ ...view.parameters, mode: view.mode, camera: view.camera, window: view.window, isoValue: view.isoValue })),
    camera: view.camera.map(decimal),
    sourceSeries: view.sourceSeriesInstanceUID,
    renderingMode: view.mode,
  };
  if (view.window) values.window = [decimal(view.window.center), decimal(view.window.width)];
  if (view.isoValue !== undefined) values.isoValue = decimal(view.isoValue);
  if (view.transfer) {
    const floats = new Float32Array(view.transfer.flatMap((p) => [p.value, ...p.colour, p.opacity]));
    values.transferFunction = new Uint8Array(floats.buffer);
  }
  return { [VIEW_CREATOR]: values };
}
