import { defineApp, srReferenceTo, type AppOutput, type SourceInstance } from '@atrium/sdk';
import { itemsOf, numbersOf } from '../geometry/dicom-values.js';
import { nmRefusal } from '../geometry/nm-refusal.js';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';
import { srMapping } from '../mappings/sr-mapping.js';
import { proposeRois } from '../renogram/auto-rois.js';
import { diureticTime } from '../renogram/diuretic-time.js';
import { dynamicTiming, type FrameTime } from '../renogram/dynamic-timing.js';
import { fitGammaVariate, gammaVariatePeak } from '../renogram/gamma-variate.js';
import { renogramCurves } from '../renogram/renogram-curves.js';
import { kidneyMeasures, splitFunction, type KidneyMeasures } from '../renogram/renogram-measures.js';
import { rasterise, type Roi, type RoiSpec } from '../renogram/roi.js';
import { rgbPixels } from '../render/canvas.js';
import { renogramPage } from '../render/renogram-page.js';
import { renogramSrContent } from '../sr/renogram-sr.js';
import { nmAcquisition } from './nm-input.js';
import { dynamicLoadSpec } from './nm-load-spec.js';
import { NOT_FOR_CLINICAL_USE, PRODUCER, patientLine } from './producer.js';
import { renogramParameters } from './renogram-parameters.js';

const APP = 'nm-renogram';

/** The mapping table of each derived series; the series themselves are declared in the manifest (package.json "atrium".apps[2].outputs). */
const outputs = {
  page: { mapping: secondaryCaptureMapping },
  sr: { mapping: srMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;

/**
 * The renogram (after the Canon GCA-9300R's renal application): a DYNAMIC NM study, regions for the
 * left kidney, right kidney and background (given, or proposed from the summed early frames and
 * reported as such), background-corrected time–activity curves, the differential function by the
 * integral method, Tmax, T½ from the peak and after a diuretic, the 20-min/peak ratio; an RGB page and
 * a Comprehensive SR.
 */
export const nmRenogramApp = defineApp({
  id: APP,
  load: dynamicLoadSpec,
  parameters: renogramParameters,
  outputs,
  async run(ctx, input, params) {
    const instance = nmAcquisition(input, APP, ['DYNAMIC']);
    const timing = dynamicTiming(instance, APP);
    const columns = instance.number('Columns') ?? 0;
    const rows = instance.number('Rows') ?? 0;
    const spacing = instance.numbers('PixelSpacing');
    if (spacing.length !== 2 || !spacing.every((s) => s > 0)) throw nmRefusal(APP, `Pixel Spacing is ${JSON.stringify(spacing)}`, { attribute: 'PixelSpacing' });
    if (!(params.splitTo > params.splitFrom)) throw nmRefusal(APP, `the split interval ${params.splitFrom}–${params.splitTo} min is empty`, { parameter: 'splitTo' });
    const frames: { time: FrameTime; data: Float32Array }[] = [];
    for (const [i, time] of timing.frames.entries()) {
      ctx.signal.throwIfAborted();
      const f = await instance.frame(time.frame, { rescale: true });
      frames.push({ time, data: Float32Array.from(f.data as ArrayLike<number>) });
      ctx.progress((0.6 * (i + 1)) / timing.frames.length, `frame ${i + 1} of ${timing.frames.length}`);
    }
    const early = sumFrames(frames, params.roiFrom * 60, params.roiTo * 60, columns * rows);
    const towardsLeft = rowsTowardsPatientLeft(instance);
    const rois = params.rois === '' ? autoRois(early.data, columns, rows, towardsLeft) : givenRois(params.rois, columns, rows, [spacing[0]!, spacing[1]!]);
    const curves = renogramCurves(frames, rois);
    const diuretic = params.diuretic === 'none' ? undefined : params.diuretic === 'auto' ? diureticTime(instance, timing) : { at: Number(params.diuretic) * 60, source: `parameter diuretic=${params.diuretic}` };
    const split = splitFunction(curves.t, curves.durations, curves.leftCorrected, curves.rightCorrected, params.splitFrom * 60, params.splitTo * 60);
    const left = kidneyMeasures(curves.t, curves.leftCorrected, diuretic?.at);
    const right = kidneyMeasures(curves.t, curves.rightCorrected, diuretic?.at);
    const fits = [curves.leftCorrected, curves.rightCorrected].map((c) => fitGammaVariate(curves.t, c));
    const method = `integral method ${params.splitFrom}-${params.splitTo} min (Prigent et al., Semin Nucl Med 1999); background: counts per pixel of the background region x kidney pixels; count rates per frame duration${diuretic ? `; diuretic at ${(diuretic.at / 60).toFixed(1)} min (${diuretic.source})` : '; no diuretic'}`;
    const roiText = `${rois.note}; left ${rois.left.pixels}, right ${rois.right.pixels}, background ${rois.background.pixels} pixels`;
    ctx.progress(0.7, 'curves and measures computed');

    const minutes = (s: number | undefined) => (s === undefined ? '-' : (s / 60).toFixed(2));
    const page = renogramPage({
      lines: [patientLine(instance), `${timing.frames.length} frames over ${(timing.frames[timing.frames.length - 1]!.start / 60 + timing.frames[timing.frames.length - 1]!.duration / 60).toFixed(1)} min; ${rois.note.split(':')[0]}`],
      image: { width: columns, height: rows, data: early.data, caption: `sum ${params.roiFrom}-${params.roiTo} min (${early.frames} frames)` },
      rois,
      sides: towardsLeft === undefined ? ['', ''] : towardsLeft ? ['R', 'L'] : ['L', 'R'],
      t: curves.t.map((t) => t / 60),
      left: curves.leftCorrected,
      right: curves.rightCorrected,
      diureticMinute: diuretic ? diuretic.at / 60 : undefined,
      table: [
        ['', 'LEFT', 'RIGHT'],
        [`Split function ${params.splitFrom}-${params.splitTo} min (%)`, split ? split[0].toFixed(1) : '-', split ? split[1].toFixed(1) : '-'],
        ['Tmax (min)', minutes(left.tmax), minutes(right.tmax)],
        ['T1/2 from peak (min)', minutes(left.tHalf), minutes(right.tHalf)],
        ['T1/2 after diuretic (min)', minutes(left.tHalfDiuretic), minutes(right.tHalfDiuretic)],
        ['20 min / peak', ratio(left), ratio(right)],
      ],
      footer: `${NOT_FOR_CLINICAL_USE}  ${PRODUCER}`,
    });
    await ctx.derive.write('page', { sources: [instance], pixels: rgbPixels(page), burnedInAnnotation: true, content: { ImageComments: `Renogram page: split ${split ? `${split[0].toFixed(1)} / ${split[1].toFixed(1)} %` : 'not computed'}. ${NOT_FOR_CLINICAL_USE}.` } });
    ctx.progress(0.85, 'page written');
    await ctx.derive.write('sr', { sources: [instance], content: renogramSrContent({ split, left, right, method, rois: roiText, diuretic: diuretic !== undefined }, srReferenceTo(instance)) });
    ctx.progress(1, 'structured report written');

    const kidney = (m: KidneyMeasures, share: number | undefined, fit: ReturnType<typeof fitGammaVariate>) => ({
      splitPercent: share ?? null,
      tmaxMin: m.tmax / 60,
      tHalfMin: m.tHalf === undefined ? null : m.tHalf / 60,
      tHalfDiureticMin: m.tHalfDiuretic === undefined ? null : m.tHalfDiuretic / 60,
      ratio20: m.ratio20 ?? null,
      gammaVariate: fit ? { ...fit, peakMin: gammaVariatePeak(fit) / 60 } : null,
    });
    return {
      summary: `split ${split ? `L ${split[0].toFixed(1)} % / R ${split[1].toFixed(1)} %` : 'not computed'}, Tmax L ${minutes(left.tmax)} / R ${minutes(right.tmax)} min, ROIs ${params.rois === '' ? 'proposed automatically' : 'given'}`,
      data: {
        split: split ? { interval: [params.splitFrom, params.splitTo], left: split[0], right: split[1] } : null,
        left: kidney(left, split?.[0], fits[0]),
        right: kidney(right, split?.[1], fits[1]),
        rois: { source: params.rois === '' ? 'automatic' : 'given', note: rois.note, pixels: { left: rois.left.pixels, right: rois.right.pixels, background: rois.background.pixels } },
        diuretic: diuretic ? { minute: diuretic.at / 60, source: diuretic.source } : null,
        curves: { minutes: curves.t.map((t) => t / 60), left: curves.leftCorrected, right: curves.rightCorrected, background: curves.background },
      },
    };
  },
});

function ratio(m: KidneyMeasures): string {
  return m.ratio20 === undefined ? '-' : (Math.abs(m.ratio20) < 0.005 ? 0 : m.ratio20).toFixed(2);
}

/** The frames whose mid-times fall in [from, to] s summed (the first frame after `from` when none does). */
function sumFrames(frames: readonly { time: FrameTime; data: Float32Array }[], from: number, to: number, size: number): { data: Float32Array; frames: number } {
  let chosen = frames.filter((f) => f.time.mid >= from && f.time.mid <= to);
  if (chosen.length === 0) chosen = frames.filter((f) => f.time.mid >= from).slice(0, 1);
  const data = new Float32Array(size);
  for (const f of chosen) for (let i = 0; i < size; i++) data[i] = data[i]! + f.data[i]!;
  return { data, frames: chosen.length };
}

/** Whether the image's columns grow towards the patient's left (detector Image Orientation); undefined when it does not say. */
function rowsTowardsPatientLeft(instance: SourceInstance): boolean | undefined {
  const o = numbersOf(itemsOf(instance.attribute('DetectorInformationSequence'))[0]?.ImageOrientationPatient);
  if (o.length !== 6 || Math.abs(o[0]!) < 0.5) return undefined;
  return o[0]! > 0;
}

function autoRois(image: Float32Array, columns: number, rows: number, towardsLeft: boolean | undefined): { left: Roi; right: Roi; background: Roi; note: string } {
  if (towardsLeft === undefined) throw nmRefusal(APP, 'the detector\'s Image Orientation (Patient) does not say which side is the patient\'s left: give the regions with rois=…', { attribute: 'DetectorInformationSequence' });
  const proposed = proposeRois(image, columns, rows, towardsLeft);
  if (!proposed) throw nmRefusal(APP, 'no two kidneys stand out in the summed early frames: give the regions with rois=…', { parameter: 'rois' });
  return proposed;
}

function givenRois(json: string, columns: number, rows: number, spacing: readonly [number, number]): { left: Roi; right: Roi; background: Roi; note: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw nmRefusal(APP, `rois is not JSON: ${(e as Error).message}`, { parameter: 'rois' });
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['left', 'right', 'background'].includes(k));
  if (unknown.length > 0) throw nmRefusal(APP, `rois has unknown region(s) ${unknown.join(', ')}; give left, right and background`, { parameter: 'rois' });
  const one = (name: 'left' | 'right' | 'background'): Roi => {
    const spec = o[name] as RoiSpec | undefined;
    if (!spec || (spec.shape !== 'ellipse' && spec.shape !== 'polygon')) throw nmRefusal(APP, `rois.${name} must be an ellipse or a polygon`, { parameter: 'rois' });
    if (spec.units !== undefined && spec.units !== 'pixel' && spec.units !== 'mm') throw nmRefusal(APP, `rois.${name}.units must be pixel or mm`, { parameter: 'rois' });
    let roi: Roi;
    try {
      roi = rasterise(spec, columns, rows, spacing);
    } catch (e) {
      throw nmRefusal(APP, `rois.${name}: ${(e as Error).message}`, { parameter: 'rois' });
    }
    if (roi.pixels === 0) throw nmRefusal(APP, `rois.${name} covers no pixel of the ${columns}×${rows} image`, { parameter: 'rois' });
    return roi;
  };
  const [left, right, background] = [one('left'), one('right'), one('background')];
  const overlap = left.mask.some((v, i) => v && right.mask[i]);
  if (overlap) throw nmRefusal(APP, 'the left and right kidney regions overlap', { parameter: 'rois' });
  return { left, right, background, note: 'given by the user' };
}
