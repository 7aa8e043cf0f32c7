import type { DicomItem } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { createCanvas, getPixel, type Canvas } from './render/canvas.js';
import { drawText } from './render/draw-text.js';
import { PATIENT_PAGE_BACKGROUND, PATIENT_SCORE_BOX } from './render/render-patient-report.js';
import { KEY_AT, KEY_BOX, RISK_Y, TABLE_Y } from './render/render-report.js';
import { calciumSeries, pixelToPatient, type CalciumBox } from './test-support/calcium-series.js';
import { runCalcium, srNumbers } from './test-support/run-calcium.js';

// 64×64 slices of 0.5 mm, 3 mm apart, 120 kVp. LAD: 4 mm² at 250 HU on slices 3–4 → 16, 24 mm³.
// RCA: 1 mm² at 450 HU on slice 7 → 4, 3 mm³. A candidate on slice 1 that no seed takes.
const LAD: CalciumBox = { slices: [3, 4], row: 40, column: 10, height: 4, width: 4, hu: 250 };
const RCA: CalciumBox = { slices: [7], row: 46, column: 30, height: 2, width: 2, hu: 450 };
const CANDIDATE: CalciumBox = { slices: [1], row: 48, column: 4, height: 3, width: 3, hu: 180 };
const BOXES = [LAD, RCA, CANDIDATE];
const SEEDS = JSON.stringify([{ artery: 'LAD', instanceNumber: 4, row: 41, column: 11 }, { artery: 'RCA', at: pixelToPatient(7, 46, 30) }]);

/**
 * Where a digit 0–9 is drawn at font `scale` in a region of a page, as [digit, x, y]: every glyph
 * cell (and the one-cell margin around the glyph) inked as the font inks it, sampled at the
 * centre of each scale × scale block; one answer per glyph. Ink: grey levels > 0, or what `isInk` says.
 */
function digitsIn(page: Canvas, x0: number, y0: number, x1: number, y1: number, scale = 1, isInk = (rgb: readonly number[]): boolean => rgb[0]! > 0): [string, number, number][] {
  const glyphs = [...'0123456789'].map((d) => {
    const c = createCanvas(7, 9);
    drawText(c, d, 1, 1);
    return { d, ink: Array.from({ length: 63 }, (_, k) => getPixel(c, k % 7, Math.floor(k / 7))[0] > 0) };
  });
  const inked = new Uint8Array(page.width * page.height);
  for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) inked[y * page.width + x] = isInk(getPixel(page, x, y)) ? 1 : 0;
  const half = Math.floor(scale / 2);
  const found: [string, number, number][] = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      for (const g of glyphs) {
        const matches = g.ink.every((on, k) => inked[(y + (Math.floor(k / 7) - 1) * scale + half) * page.width + x + ((k % 7) - 1) * scale + half] === (on ? 1 : 0));
        // The same glyph is seen from every offset within its blocks: keep the first.
        if (matches && !found.some(([d, fx, fy]) => d === g.d && Math.abs(fx - x) < scale && Math.abs(fy - y) < scale)) found.push([g.d, x, y]);
      }
    }
  }
  return found;
}

/** An RGB page (8 bits a sample) as a canvas. */
async function rgbPageOf(report: { frame(i: number): Promise<{ rows: number; columns: number; data: ArrayLike<number> }> }): Promise<Canvas> {
  const f = await report.frame(0);
  const c = createCanvas(f.columns, f.rows);
  c.data.set(Array.from(f.data));
  return c;
}

/** A 16-bit MONOCHROME2 page (0 … 4080) as a grey canvas. */
async function pageOf(report: { frame(i: number): Promise<{ rows: number; columns: number; data: ArrayLike<number> }> }): Promise<Canvas> {
  const f = await report.frame(0);
  const c = createCanvas(f.columns, f.rows);
  for (let i = 0; i < f.rows * f.columns; i++) {
    const v = Math.round(f.data[i]! / 16);
    c.data.set([v, v, v], 3 * i);
  }
  return c;
}

describe('calcium scoring: not scored is not zero', () => {
  it('the physician page of a run without seeds shows no number in the table, the risk lines or under the key image (pixels)', async () => {
    const { reports } = await runCalcium(calciumSeries({ boxes: BOXES }), {});
    const page = await pageOf(reports[0]!);
    const keyLabelY = KEY_AT.y + KEY_BOX + 4;
    expect(digitsIn(page, 80, TABLE_Y + 10, 500, RISK_Y + 34)).toEqual([]);
    expect(digitsIn(page, KEY_AT.x, keyLabelY, KEY_AT.x + KEY_BOX, keyLabelY + 9)).toEqual([]);
    // The same regions of a scored run do show numbers: the test sees digits where they are drawn.
    const scored = await pageOf((await runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS })).reports[0]!);
    expect(digitsIn(scored, 80, TABLE_Y + 10, 500, RISK_Y + 34).length).toBeGreaterThan(20);
    expect(digitsIn(scored, KEY_AT.x, keyLabelY, KEY_AT.x + KEY_BOX, keyLabelY + 9).length).toBeGreaterThan(1);
  });

  it('the patient page of a run without seeds shows no number in its score box (pixels); a scored one shows the score there', async () => {
    const box = PATIENT_SCORE_BOX;
    const ink = (rgb: readonly number[]): boolean => rgb.some((v, i) => v !== PATIENT_PAGE_BACKGROUND[i]);
    // The label row (font ×3) and the score row (font ×9), inside the box's outline.
    const digits = (page: Canvas): [string, number, number][] => [
      ...digitsIn(page, box.x + 4, box.y + 4, box.x + box.width - 30, box.y + 40, 3, ink),
      ...digitsIn(page, box.x + 4, box.y + 40, box.x + box.width - 80, box.y + box.height - 80, 9, ink),
    ];
    const unscored = await rgbPageOf((await runCalcium(calciumSeries({ boxes: BOXES }), {})).reports[1]!);
    expect(digits(unscored)).toEqual([]);
    // The scored page: LAD 16 + RCA 4 = 20, drawn at ×9 where the unscored page says NOT SCORED.
    const scored = await rgbPageOf((await runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS })).reports[1]!);
    expect(digits(scored).map(([d]) => d)).toEqual(['2', '0']);
  });

  it('the NOT SCORED banner is drawn: a filled bar across the page at the risk line', async () => {
    const page = await pageOf((await runCalcium(calciumSeries({ boxes: BOXES }), {})).reports[0]!);
    const lit = Array.from({ length: 480 }, (_, x) => getPixel(page, 16 + x, RISK_Y + 12)[0] > 0).filter(Boolean).length;
    expect(lit).toBeGreaterThan(400);
  });

  it('the SR of a run without seeds: PARTIAL, UNVERIFIED, no NUM, no scored-image reference', async () => {
    const { sr } = await runCalcium(calciumSeries({ boxes: BOXES }), { reader: 'Doe^Jane', readerOrganization: 'Heart Centre' });
    expect([sr.string('CompletionFlag'), sr.string('VerificationFlag')]).toEqual(['PARTIAL', 'UNVERIFIED']);
    const content = sr.attribute('ContentSequence') as DicomItem[];
    expect(srNumbers(content)).toEqual({});
    expect(content.filter((i) => i.ValueType === 'IMAGE' || i.ValueType === 'NUM')).toEqual([]);
  });
});

describe('calcium scoring: verified', () => {
  it('a reviewed study without calcium: total 0, category 0, CAC-DRS 0, VERIFIED with the reader as Verifying Observer', async () => {
    const now = new Date(2026, 0, 2, 10, 20, 30);
    const { data, sr, result } = await runCalcium(calciumSeries({ boxes: BOXES }), { reviewedNoCalcium: true, reader: 'Doe^Jane', readerOrganization: 'Heart Centre' }, { now });
    expect([data.scored, data.reading, data.total, data.riskCategory, data.cacDrs]).toEqual([true, { kind: 'no-calcium', verified: true, reader: 'Doe^Jane' }, { agatston: 0, volumeMm3: 0, lesions: 0 }, '0', 'CAC-DRS 0']);
    expect(result.summary).toBe('Agatston 0.0 (LM 0.0, LAD 0.0, LCX 0.0, RCA 0.0), volume 0.0 mm3, risk category 0, verified by Doe^Jane');
    expect([sr.string('CompletionFlag'), sr.string('VerificationFlag')]).toEqual(['COMPLETE', 'VERIFIED']);
    const observer = (sr.attribute('VerifyingObserverSequence') as DicomItem[])[0]!;
    expect([observer.VerifyingObserverName, observer.VerifyingOrganization]).toEqual(['Doe^Jane', 'Heart Centre']);
    // The verification date-time is the run's (ctx.now), as the Content Date/Time of the objects.
    expect([String(observer.VerificationDateTime).slice(0, 14), sr.string('ContentDate'), sr.string('ContentTime')?.slice(0, 6)]).toEqual(['20260102102030', '20260102', '102030']);
    expect(srNumbers(sr.attribute('ContentSequence') as DicomItem[])['CAC-TOTAL/CAC-AGATSTON']).toBe(0);
  });

  it('without a reader the SR stays UNVERIFIED whatever the score; with one a scored SR is VERIFIED', async () => {
    const zero = await runCalcium(calciumSeries({ boxes: BOXES }), { reviewedNoCalcium: true });
    expect([zero.data.total!.agatston, zero.sr.string('VerificationFlag')]).toEqual([0, 'UNVERIFIED']);
    const scored = await runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS, reader: 'Doe^Jane', readerOrganization: 'Heart Centre' });
    expect([scored.data.total!.agatston, scored.sr.string('VerificationFlag')]).toEqual([20, 'VERIFIED']);
  });

  it('refuses reviewedNoCalcium with artery seeds, and a reader without organization when the series names no institution', async () => {
    await expect(runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS, reviewedNoCalcium: true })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'reviewedNoCalcium' } });
    await expect(runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS, reader: 'Doe^Jane' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'readerOrganization' } });
    const named = await runCalcium(calciumSeries({ boxes: BOXES, override: () => ({ InstitutionName: 'Heart Centre' }) }), { seeds: SEEDS, reader: 'Doe^Jane' });
    expect((named.sr.attribute('VerifyingObserverSequence') as DicomItem[])[0]!.VerifyingOrganization).toBe('Heart Centre');
  });
});

describe('calcium scoring: mass', () => {
  it('uses Calcium Scoring Mass Factor Patient (0018,9351) of the images; the calibrationFactor parameter wins', async () => {
    const input = calciumSeries({ boxes: BOXES, override: () => ({ CalciumScoringMassFactorPatient: 0.75 }) });
    const { data, sr } = await runCalcium(input, { seeds: SEEDS });
    // LAD: 0.75 × 24 mm³ × 250 HU / 1000 = 4.5 mg; RCA: 0.75 × 3 × 450 / 1000 = 1.0125 mg
    expect(data.arteries.map((a) => a.massMg)).toEqual([0, 4.5, 0, 1.013]);
    expect(data.method).toMatchObject({ calibrationFactor: 0.75, calibrationSource: 'Calcium Scoring Mass Factor Patient (0018,9351)' });
    expect(srNumbers(sr.attribute('ContentSequence') as DicomItem[])['LAD/CAC-MASS']).toBe(4.5);
    const manual = await runCalcium(input, { seeds: SEEDS, calibrationFactor: 1 });
    expect([manual.data.total!.massMg, manual.data.method.calibrationSource]).toEqual([7.35, 'calibrationFactor parameter']);
    const none = await runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS });
    expect(none.data.total!.massMg).toBeUndefined();
  });

  it('uses Calcium Scoring Mass Factor Device (0018,9352) of the patient size given, without (0018,9351)', async () => {
    const input = calciumSeries({ boxes: BOXES, override: () => ({ CalciumScoringMassFactorDevice: [0.5, 0.75, 1] }) });
    const medium = await runCalcium(input, { seeds: SEEDS, patientSize: 'medium' });
    expect([medium.data.arteries.map((a) => a.massMg), medium.data.method.calibrationSource]).toEqual([[0, 4.5, 0, 1.013], 'Calcium Scoring Mass Factor Device (0018,9352), medium patient']);
    expect((await runCalcium(input, { seeds: SEEDS, patientSize: 'large' })).data.total!.massMg).toBe(7.35);
    // The size unknown (the default): no factor to choose, no mass.
    expect((await runCalcium(input, { seeds: SEEDS })).data.total!.massMg).toBeUndefined();
  });

  it('calibrates from a phantom insert and a water region: factor = density / (insert HU − water HU)', async () => {
    // An insert of 200 mg HA/cm3 imaged at 250 HU (box on slice 9), water (0 HU) beside it: factor 200 / 250 = 0.8.
    const insert: CalciumBox = { slices: [9], row: 4, column: 40, height: 12, width: 12, hu: 250 };
    const phantom = JSON.stringify({ insert: { center: pixelToPatient(9, 10, 46), radius: 2, mgHaPerCm3: 200 }, water: { center: pixelToPatient(9, 30, 30), radius: 3 } });
    const { data } = await runCalcium(calciumSeries({ boxes: [...BOXES, insert] }), { seeds: SEEDS, calibrationPhantom: phantom });
    expect(data.method).toMatchObject({ calibrationFactor: 0.8, calibrationSource: 'phantom: 200 mg HA/cm3 insert 250.0 HU, water 0.0 HU' });
    expect(data.total!.massMg).toBe(5.88);
    await expect(runCalcium(calciumSeries({ boxes: BOXES }), { seeds: SEEDS, calibrationPhantom: '{"insert":{}}' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'calibrationPhantom' } });
  });
});
