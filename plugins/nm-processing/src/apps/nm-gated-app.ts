import { defineApp, type AppOutput, type ParameterSchema } from '@atrium/sdk';
import { parseLvRegion, regionSum, type LvRegion } from '../gated/lv-region.js';
import { slotCounts } from '../gated/slot-counts.js';
import { nmRefusal } from '../geometry/nm-refusal.js';
import { parallelViews, projectionSet, reconGrid } from '../geometry/tomo-projections.js';
import { nmImageMapping } from '../mappings/nm-image-mapping.js';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';
import { nmVolumeObject } from '../output/nm-volume-content.js';
import { JosephProjector } from '../recon/joseph-projector.js';
import type { PlacedVolume } from '../recon/volume-layout.js';
import { rgbPixels } from '../render/canvas.js';
import { gatedQcPage } from '../render/gated-qc-page.js';
import { nmAcquisition } from './nm-input.js';
import { tomoLoadSpec } from './nm-load-spec.js';
import { NOT_FOR_CLINICAL_USE, PRODUCER, patientLine } from './producer.js';
import { reconParameters } from './recon-parameters.js';
import { convolutionKernel } from './recon-settings.js';
import { correctionsApplied, derivationText, planTomo, reconstructWindow } from './tomo-preparation.js';

const APP = 'nm-gated';

const gatedParameters = {
  ...reconParameters,
  slotTolerance: { type: 'number', default: 0.1, minimum: 0.01, maximum: 1, description: 'gating check: a time slot whose counts differ from the median of the slots by more than this fraction is flagged' },
  lvRegion: { type: 'string', default: '', description: 'left-ventricle region for the time–activity curve: JSON {"center":[x,y,z],"radius":r}, patient mm; empty: no curve' },
} as const satisfies ParameterSchema;

/** The mapping table of each derived series; the series themselves are declared in the manifest (package.json "atrium".apps[1].outputs). */
const outputs = {
  gated: { mapping: nmImageMapping({ gated: true }) },
  summed: { mapping: nmImageMapping({ gated: false }) },
  qc: { mapping: secondaryCaptureMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;

/**
 * Gated SPECT (after the Canon GCA-9300R's cardiac processing): a GATED TOMO acquisition (R-R Interval
 * and Time Slot Vectors) reconstructed once per time slot into an NM RECON GATED TOMO object (Frame
 * Increment Pointer → R-R Interval, Time Slot, Slice Vectors) and once summed (NM RECON TOMO), with the
 * same settings and attenuation map; every slot's counts checked against the median (deviating slots
 * flagged); counts in a left-ventricle region the user gives, per slot; a quality-control page.
 */
export const nmGatedApp = defineApp({
  id: APP,
  load: tomoLoadSpec,
  parameters: gatedParameters,
  outputs,
  async run(ctx, input, params) {
    const instance = nmAcquisition(input, APP, ['GATED TOMO']);
    let region: LvRegion | undefined;
    try {
      region = params.lvRegion === '' ? undefined : parseLvRegion(params.lvRegion);
    } catch (e) {
      throw nmRefusal(APP, (e as Error).message, { parameter: 'lvRegion' });
    }
    const plan = await planTomo(ctx, instance, params, APP);
    const g = plan.geometry;
    const slots = g.vectors.count.timeSlot;
    const results = [];
    for (const [n, window] of plan.chosen.entries()) {
      const steps = slots + 1;
      const progress = (step: number) => (f: number, m: string) => ctx.progress((n + (step + f) / steps) / plan.chosen.length, `window ${window.number}, ${step < slots ? `time slot ${step + 1} of ${slots}` : 'summed'}: ${m}`);
      const projector = new JosephProjector(reconGrid(g), g.columns, parallelViews(g, projectionSet(g, window.number, 1)));
      const perSlot: { volume: PlacedVolume; counts: number; views: number }[] = [];
      for (let s = 1; s <= slots; s++) {
        const r = await reconstructWindow(ctx, plan, window.number, { timeSlot: s, projector, progress: progress(s - 1) });
        perSlot.push({ volume: r.volume, counts: r.counts, views: r.projections.views });
      }
      const summed = await reconstructWindow(ctx, plan, window.number, { projector, progress: progress(slots) });
      const check = slotCounts(perSlot.map((s) => s.counts), params.slotTolerance);
      const lv = region ? perSlot.map((s) => regionSum(s.volume, region!).sum * s.views) : undefined;
      const base = {
        source: instance,
        energyWindow: window.number,
        correctedImage: correctionsApplied(instance, plan, params.attenuation),
        convolutionKernel: convolutionKernel(params, g.pixelSpacing[1]),
      };
      const gated = nmVolumeObject({
        ...base,
        kind: 'RECON GATED TOMO',
        volumes: perSlot.map((s) => s.volume),
        countScale: perSlot[0]!.views,
        seriesDescription: `GATED ${plan.method}`,
        derivationDescription: derivationText(params, g, window.number, `gated (${slots} time slots)`),
        imageComments: `${NOT_FOR_CLINICAL_USE}. ${PRODUCER} gated volumes: ${plan.method}${check.flagged.length > 0 ? `; time slot(s) ${check.flagged.join(', ')} deviate from the median counts by more than ${Math.round(params.slotTolerance * 100)} %` : ''}.`,
        countsAccumulated: summed.counts,
      });
      await ctx.derive.write('gated', { sources: [instance], pixels: gated.pixels, content: gated.content });
      const sum = nmVolumeObject({
        ...base,
        kind: 'RECON TOMO',
        volumes: [summed.volume],
        countScale: summed.projections.views,
        seriesDescription: `SUMMED ${plan.method}`,
        derivationDescription: derivationText(params, g, window.number, 'summed (ungated)'),
        imageComments: `${NOT_FOR_CLINICAL_USE}. ${PRODUCER} summed volume: ${plan.method}.`,
        countsAccumulated: summed.counts,
      });
      await ctx.derive.write('summed', { sources: [instance], pixels: sum.pixels, content: sum.content });
      const page = gatedQcPage({
        lines: [patientLine(instance), `${slots} time slots, ${summed.projections.views} views, ${plan.method}${check.flagged.length > 0 ? `; FLAGGED SLOTS ${check.flagged.join(', ')}` : '; all slots within tolerance'}`],
        projections: summed.projections,
        deviation: check.deviation,
        flagged: check.flagged,
        tolerance: params.slotTolerance,
        lvCurve: lv,
        footer: `${NOT_FOR_CLINICAL_USE}  ${PRODUCER}`,
      });
      await ctx.derive.write('qc', { sources: [instance], pixels: rgbPixels(page), burnedInAnnotation: true, content: { ImageComments: `Gated SPECT quality control page. ${NOT_FOR_CLINICAL_USE}.` } });
      results.push({
        window: window.number,
        slotCounts: check.counts.map(Math.round),
        slotDeviation: check.deviation,
        flaggedSlots: check.flagged,
        lvCurve: lv ?? null,
        lvRegionVoxels: region ? regionSum(perSlot[0]!.volume, region).voxels : null,
      });
    }
    const flagged = results.flatMap((r) => r.flaggedSlots);
    return {
      summary: `GATED TOMO, ${slots} time slots: ${results.length} window(s) reconstructed per slot and summed (${plan.method}); ${flagged.length > 0 ? `time slot(s) ${[...new Set(flagged)].join(', ')} flagged` : 'all slots within the tolerance'}${region ? '; LV curve computed' : ''}`,
      data: { method: plan.method, timeSlots: slots, tolerance: params.slotTolerance, windows: results, lvRegion: region ?? null },
    };
  },
});
