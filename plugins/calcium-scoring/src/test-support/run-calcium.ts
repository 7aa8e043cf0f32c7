import type { DicomItem } from '@atrium/sdk';
import { testPlugin, type TestRunOptions, type TestSeries } from '@atrium/testing';
import plugin from '../index.js';

/** The parts of a run's result data the tests read. */
export interface CalciumRunData {
  readonly scored: boolean;
  readonly unverified: boolean;
  readonly reading: Readonly<Record<string, unknown>>;
  readonly method: Readonly<Record<string, unknown>>;
  readonly protocol: { readonly sliceThickness: number; readonly increment: number; readonly nonStandard: readonly string[] };
  readonly arteries: readonly { readonly artery: string; readonly agatston: number; readonly volumeMm3: number; readonly massMg?: number; readonly lesions: number }[];
  readonly total?: { readonly agatston: number; readonly volumeMm3: number; readonly massMg?: number; readonly lesions: number };
  readonly riskCategory?: string;
  readonly cacDrs?: string;
  readonly lesions: readonly { readonly artery?: string; readonly excluded?: boolean; readonly scored: boolean; readonly instanceNumber: number; readonly areaMm2: number; readonly peakHu: number; readonly weight: number; readonly agatston: number }[];
  readonly regions: readonly { readonly artery?: string; readonly excluded?: boolean }[];
  readonly warnings: readonly string[];
}

/** The plugin as the host loads it (manifest checked, code joined with it). */
export const calciumKit = testPlugin(new URL('../..', import.meta.url), plugin);

/** A run of the app on the host engine, in process: the result data and the derived objects by output. */
export async function runCalcium(input: TestSeries, raw: Record<string, unknown>, options: TestRunOptions = {}) {
  const r = await calciumKit.run('calcium-scoring', input, raw, options);
  return { ...r, data: r.result.data as unknown as CalciumRunData, reduced: r.output('reduced-ct'), reports: r.output('report'), saves: r.output('screen-saves'), sr: r.output('sr')[0]! };
}

/** The NUM values of an SR content tree: `<container concept>/<NUM concept>` → value. */
export function srNumbers(content: readonly DicomItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  const code = (i: DicomItem): string => (i.ConceptNameCodeSequence as DicomItem[])[0]!.CodeValue as string;
  for (const c of content) {
    if (c.ValueType !== 'CONTAINER') continue;
    for (const n of (c.ContentSequence as DicomItem[] | undefined) ?? []) {
      if (n.ValueType === 'NUM') out[`${code(c)}/${code(n)}`] = Number((n.MeasuredValueSequence as DicomItem[])[0]!.NumericValue);
    }
  }
  return out;
}
