import { describe, expect, it } from 'vitest';
import { parseDicom } from '../io/parse-part10.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { checkLoadSpec } from './check-load-spec.js';
import { matchValue } from './match-value.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { selectorProblems, sourceSeriesOf } from './source-series-of.js';

const ct = (slices: number) => syntheticCtSeries({ slices, rows: 32, columns: 32, spacing: 2.5, sliceThickness: 2.5 }).map((b) => new SourceInstanceImpl(parseDicom(b)));

describe('sourceSeriesOf', () => {
  it('sorts slices along the normal whatever the order given, with the increment from positions', () => {
    const instances = ct(5);
    const series = sourceSeriesOf([instances[3]!, instances[0]!, instances[4]!, instances[2]!, instances[1]!]);
    expect(series.geometry?.sliceIncrement).toBe(2.5);
    expect(series.geometry?.problems).toEqual([]);
    const z = series.instances.map((i) => i.numbers('ImagePositionPatient')[2]);
    expect(z).toEqual([...z].sort((a, b) => a! - b!));
    expect(series.modality).toBe('CT');
  });

  it('gives SDK values by keyword and decoded frames in HU', async () => {
    const [inst] = ct(1);
    expect(inst!.attribute('Rows')).toBe(32);
    expect(inst!.attribute('ImageType')).toEqual(['ORIGINAL', 'PRIMARY', 'AXIAL']);
    expect(inst!.attribute('NoSuchKeyword')).toBeUndefined();
    const frame = await inst!.frame(0, { rescale: true });
    expect(frame.rows).toBe(32);
    expect(Math.min(...Array.from(frame.data))).toBe(-1000);
  });
});

describe('checkLoadSpec', () => {
  it('stops on a missing Mandatory attribute, naming it and the instance, and warns on unmet expectations', () => {
    const instances = ct(2);
    const check = checkLoadSpec(instances, {
      Rows: { usage: 'Mandatory', expect: 512 },
      PixelSpacing: { usage: 'Mandatory' },
      ContrastBolusAgent: { usage: 'Mandatory' },
      KVP: { usage: 'Used' },
    });
    expect(check.errors).toEqual([
      `Mandatory attribute ContrastBolusAgent (0018,0010) is missing on instance 1 (${instances[0]!.sopInstanceUID})`,
      `Mandatory attribute ContrastBolusAgent (0018,0010) is missing on instance 2 (${instances[1]!.sopInstanceUID})`,
    ]);
    expect(check.warnings).toEqual(['Rows (0028,0010) is 32 on 2 of 2 instance(s); the app expects 512']);
  });
});

describe('selector matching', () => {
  it('matches modality, SOP class and attribute predicates', () => {
    const series = sourceSeriesOf(ct(2));
    expect(selectorProblems(series, { modality: ['CT'], where: { ImageType: 'ORIGINAL' } })).toEqual([]);
    expect(selectorProblems(series, { modality: ['MR'] })).toEqual(['Modality is CT; the app accepts MR']);
    expect(selectorProblems(series, { minInstances: 3 })).toEqual(['the series has 2 instance(s); the app needs at least 3']);
  });

  it.each([
    [['20200115'], '20200101-20200131', true],
    [['20200215'], '20200101-20200131', false],
    [['20200215'], '-20200301', true],
    [['Doe^John'], 'Doe^*', true],
    [['Doe^John'], 'D?e^John', true],
    [['Doe^John'], 'Smith*', false],
    [['ORIGINAL', 'PRIMARY'], 'PRIMARY', true],
    [['a.b'], 'a?b', true],
    [['axb'], 'a.b', false],
  ] as const)('%j against %s → %s', (values, key, expected) => {
    expect(matchValue(values, key)).toBe(expected);
  });
});
