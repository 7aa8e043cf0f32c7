import type { LoadSpec, OutputDefinition } from '@atrium/sdk';
import { parseDicom } from '../../io/parse-part10.js';
import { syntheticCtSeries, type SyntheticCtSeriesOptions } from '../../testing/synthetic-ct-series.js';
import type { DeriveRequest } from '../derive-object.js';
import { Tag } from '@atrium/sdk';

/** Source instances of a small synthetic CT series, parsed as the engine receives them. */
export function ctSources(options: Partial<SyntheticCtSeriesOptions> = {}): DeriveRequest['sources'] {
  return syntheticCtSeries({ slices: 3, rows: 16, columns: 16, ...options }).map((bytes) => {
    const file = parseDicom(bytes);
    return { dataset: file.dataset, transferSyntaxUID: file.transferSyntax.uid };
  });
}

/** The fixed clock of the tests: 5 March 2024, 14:07:09 local time. */
export const NOW = new Date(2024, 2, 5, 14, 7, 9);

/** A request with the test app's identity, a fixed clock, station and operator. */
export function request(output: OutputDefinition, sources: DeriveRequest['sources'], rest: Partial<DeriveRequest> = {}): DeriveRequest {
  return {
    outputName: 'report',
    output,
    app: { pluginId: 'test.derive', appId: 'summary', title: 'Series Summary', version: '1.2.3', manufacturer: 'Atrium Tests' },
    parameters: { threshold: 130 },
    load: {},
    sources,
    request: {},
    index: 0,
    seriesNumber: 901,
    sourceSeriesInstanceUID: sources[0]?.dataset.string(Tag.SeriesInstanceUID) ?? '1.2.3',
    now: NOW,
    stationName: 'WS01',
    operatorsName: 'Doe^Jane',
    ...rest,
  };
}

/** A Secondary Capture report output (N:1) with no mapping: every rule is the engine default. */
export const SC_REPORT: OutputDefinition = {
  iod: 'secondary-capture-image',
  mapping: {},
  description: 'Summary report',
  cardinality: 'N:1',
  derivationDescription: 'Summary of the series',
  derivationCode: { value: '113076', scheme: 'DCM', meaning: 'Segmentation' },
};

/** A load specification marking Patient's Name Used and Slice Location Mandatory. */
export const LOAD: LoadSpec = { PatientName: { usage: 'Used' }, SliceLocation: { usage: 'Mandatory' }, ImagePositionPatient: { usage: 'Used' } };

/** Grey 8-bit pixels: value = (row * columns + column) mod 256, `frames` frames. */
export function grey8(rows: number, columns: number, frames = 1): Uint8Array {
  return Uint8Array.from({ length: rows * columns * frames }, (_, i) => i % 256);
}
