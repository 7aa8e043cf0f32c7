import { dciodvfy } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import { calciumPhantomSeries } from './calcium-phantom.js';

const phantom = calciumPhantomSeries();
/** Slice k of the phantom (files are written in slice order k = 0, 1, …; the source series is sorted along the normal). */
const slice = (k: number) => phantom.source.instances.find((i) => i.number('InstanceNumber') === k + 1)!;

describe('calciumPhantomSeries', () => {
  it('returns the hand-computed expected scores (3 mm increment)', () => {
    expect(phantom.expected).toEqual({
      perArtery: { LM: 48, LAD: 244, LCX: 45, RCA: 480, PDA: 0 },
      total: 817,
      volumeMm3: { LM: 72, LAD: 327, LCX: 45, RCA: 390, PDA: 0 },
      totalVolumeMm3: 834,
      lesions: { LM: 1, LAD: 2, LCX: 1, RCA: 1, PDA: 0 },
      riskCategory: '>400',
    });
    // 1.5 mm increment: the same boxes are half as thick, and Agatston scales by 1.5/3.
    expect(calciumPhantomSeries({ increment: 1.5 }).expected.perArtery).toEqual({ LM: 24, LAD: 122, LCX: 22.5, RCA: 240, PDA: 0 });
  });

  it('has one seed per scored region, at a pixel centre inside it, in mm and in pixels', () => {
    expect(phantom.seeds).toEqual([
      { artery: 'LM', at: [8.75, -26.75, -24] },
      { artery: 'LAD', at: [23.25, -35.75, -36] },
      { artery: 'LAD', at: [33.75, -41.25, -51] },
      { artery: 'LCX', at: [43.25, -6.75, -36] },
      { artery: 'RCA', at: [-45.75, -25.25, -45] },
    ]);
    // Pixel (row, column) is the point (−127.75 + 0.5·column, −127.75 + 0.5·row, −3·(instance − 1)) mm.
    expect(phantom.pixelSeeds.map((p) => [-127.75 + 0.5 * p.column, -127.75 + 0.5 * p.row, -3 * (p.instanceNumber - 1)])).toEqual(phantom.seeds.map((s) => s.at));
    expect(phantom.pixelSeeds).toEqual([
      { artery: 'LM', instanceNumber: 9, row: 202, column: 273 },
      { artery: 'LAD', instanceNumber: 13, row: 184, column: 302 },
      { artery: 'LAD', instanceNumber: 18, row: 173, column: 323 },
      { artery: 'LCX', instanceNumber: 13, row: 242, column: 342 },
      { artery: 'RCA', instanceNumber: 16, row: 205, column: 164 },
    ]);
  });

  it('writes 40 axial 512×512 slices, 3 mm apart, 120 kVp, whose pixels ≥ 130 HU are exactly the boxes (and the spine)', async () => {
    expect(phantom.files).toHaveLength(40);
    const first = slice(0);
    expect([first.number('Rows'), first.number('Columns'), first.number('KVP'), first.number('SliceThickness'), first.number('RescaleSlope'), first.number('RescaleIntercept')]).toEqual([512, 512, 120, 3, 1, -1024]);
    expect(first.numbers('PixelSpacing')).toEqual([0.5, 0.5]);
    expect(first.string('BodyPartExamined')).toBe('HEART');
    expect(first.string('StudyInstanceUID')).toBe(phantom.studyInstanceUID);
    expect(first.string('SeriesInstanceUID')).toBe(phantom.seriesInstanceUID);
    const spine = (r: number, c: number): boolean => (-127.75 + c * 0.5) ** 2 + (-127.75 + r * 0.5 - 85) ** 2 <= 225;
    for (let k = 0; k < 40; k++) {
      expect(slice(k).numbers('ImagePositionPatient')).toEqual([-127.75, -127.75, k === 0 ? 0 : -3 * k]);
      const hu = (await slice(k).frame(0, { rescale: true })).data;
      const boxHu = new Map<number, number>();
      for (const l of phantom.lesions) {
        if (k < l.slices[0] || k > l.slices[1]) continue;
        for (let r = l.rows[0]; r <= l.rows[1]; r++) for (let c = l.columns[0]; c <= l.columns[1]; c++) boxHu.set(r * 512 + c, l.hu);
      }
      let wrong = 0;
      for (let i = 0; i < hu.length; i++) {
        const expected = boxHu.get(i);
        const calcified = hu[i]! >= 130;
        if (expected !== undefined ? hu[i] !== expected : calcified !== spine(Math.floor(i / 512), i % 512)) wrong++;
        if (expected === undefined && !calcified && ![-1000, -800, 40].includes(hu[i]!)) wrong++;
      }
      expect(wrong, `slice ${k}`).toBe(0);
    }
  });

  it('is deterministic; another seed gives other UIDs, no spine other pixels only', () => {
    const again = calciumPhantomSeries();
    expect(again.files.every((b, i) => Buffer.from(b).equals(phantom.files[i]!))).toBe(true);
    expect(calciumPhantomSeries({ seed: 6, slices: 26 }).seriesInstanceUID).not.toBe(phantom.seriesInstanceUID);
    expect(() => calciumPhantomSeries({ slices: 25 })).toThrow(RangeError);
    const noSpine = calciumPhantomSeries({ spine: false });
    expect(noSpine.source.instances.map((i) => i.sopInstanceUID)).toEqual(phantom.source.instances.map((i) => i.sopInstanceUID));
    expect(Buffer.from(noSpine.files[0]!).equals(Buffer.from(phantom.files[0]!))).toBe(false);
    expect(noSpine.expected).toEqual(phantom.expected);
  });

  it('passes dciodvfy without errors (when installed)', () => {
    for (const k of [0, 12, 39]) {
      const report = dciodvfy(phantom.files[k]!);
      if (report === undefined) continue;
      expect(report.errors, report.output).toEqual([]);
      expect(report.output).toContain('CTImage');
    }
  });
});
