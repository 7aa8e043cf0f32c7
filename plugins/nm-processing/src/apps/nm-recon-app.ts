import { defineApp, volumeFromSeries, type AppContext, type Parameters, type SourceInstance } from '@atrium/sdk';
import { nmRefusal } from '../geometry/nm-refusal.js';
import { parallelViews, projectionSet, readProjections, reconGrid, volumePlacement } from '../geometry/tomo-projections.js';
import { tomoGeometry, type TomoGeometry } from '../geometry/tomo-geometry.js';
import { nmVolumeObject } from '../output/nm-volume-content.js';
import { cardiacAxes, reorient, type CardiacView } from '../recon/cardiac-reorientation.js';
import { ctMuMap } from '../recon/ct-mu-map.js';
import { reconstructTomo, type ReconSettings } from '../recon/reconstruct-tomo.js';
import type { PlacedVolume } from '../recon/volume-layout.js';
import { rgbPixels } from '../render/canvas.js';
import { volumePage } from '../render/volume-page.js';
import { chooseWindows } from './choose-windows.js';
import { displayReconstruction } from './display-reconstruction.js';
import { nmAcquisition, nmImageKind } from './nm-input.js';
import { tomoLoadSpec } from './nm-load-spec.js';
import { NOT_FOR_CLINICAL_USE, PRODUCER, patientLine } from './producer.js';
import { nmReconParameters } from './recon-parameters.js';
import { reconOutputs } from './recon-outputs.js';
import { convolutionKernel, methodSummary, reconSettings } from './recon-settings.js';

type ReconParams = Parameters<typeof nmReconParameters>;
const APP = 'nm-recon';
const VIEWS: readonly CardiacView[] = ['short-axis', 'vertical-long-axis', 'horizontal-long-axis'];

/**
 * SPECT reconstruction (after the Canon GCA-9300R's processing): NM TOMO projections (or the ungated
 * sum of a GATED TOMO acquisition), one or more heads and energy windows, geometry from DICOM only;
 * FBP or OSEM with optional pre- and post-filters, centre-of-rotation and attenuation correction
 * (uniform μ in a body outline, or a CT μ-map); one NM RECON TOMO object per photopeak window, the
 * optional cardiac reorientations and a display page. An NM RECON TOMO input is shown (its display
 * page), not reconstructed again.
 */
export const nmReconApp = defineApp({
  id: APP,
  title: 'SPECT reconstruction',
  description: 'FBP or OSEM reconstruction of NM TOMO projections with centre-of-rotation and attenuation correction (uniform outline or CT μ-map); writes NM RECON TOMO volumes per photopeak window, optional short-axis / long-axis volumes, and a display page.',
  input: { modality: ['NM'] },
  load: tomoLoadSpec,
  parameters: nmReconParameters,
  outputs: reconOutputs,
  async run(ctx, input, params) {
    const instance = nmAcquisition(input, APP, ['TOMO', 'GATED TOMO', 'RECON TOMO', 'RECON GATED TOMO']);
    if (nmImageKind(instance).startsWith('RECON')) return displayReconstruction(ctx, instance, 'page');
    const g = withCor(tomoGeometry(instance, APP), params.corCorrection);
    const { chosen, all } = chooseWindows(instance, g.vectors.count.energyWindow, params.energyWindows, APP);
    g.notes.forEach((n) => ctx.log.info(n));
    const placement = { ...volumePlacement(g), columns: g.columns, rows: g.columns, slices: g.rows, frameOfReferenceUID: instance.string('FrameOfReferenceUID') };
    const settings = await withCtAttenuation(ctx, reconSettings(params, g.pixelSpacing[1], g.pixelSpacing[0]), params, placement);
    const summary = methodSummary(params, g.pixelSpacing[1]);
    const results = [];
    for (const [n, window] of chosen.entries()) {
      const share = (f: number) => (n + f) / chosen.length;
      const set = projectionSet(g, window.number);
      const p = await readProjections(instance, g, set, { signal: ctx.signal });
      const counts = p.data.reduce((a, b) => a + b, 0);
      const outcome = reconstructTomo(p, parallelViews(g, set), reconGrid(g), settings, {
        signal: ctx.signal,
        progress: (f, message) => ctx.progress(share(0.8 * f), `window ${window.number}: ${message}`),
      });
      const volume: PlacedVolume = { ...placement, data: outcome.volume };
      const description = `${summary}${chosen.length > 1 || all.length > 1 ? ` ${window.name ?? `W${window.number}`}` : ''}`;
      const corrections = [...new Set([...correctedImage(instance), ...(g.corApplied ? ['COR'] : []), ...(params.attenuation !== 'none' ? ['ATTN'] : [])])];
      const object = (v: PlacedVolume, what: string) => nmVolumeObject({
        kind: 'RECON TOMO',
        volumes: [v],
        countScale: p.views,
        source: instance,
        energyWindow: window.number,
        correctedImage: corrections,
        seriesDescription: what === 'transaxial' ? description : `${description} ${what}`,
        convolutionKernel: convolutionKernel(params, g.pixelSpacing[1]),
        derivationDescription: derivation(params, g, window.number, what),
        imageComments: `${NOT_FOR_CLINICAL_USE}. ${PRODUCER} ${what} volume: ${description}.`,
        countsAccumulated: counts,
        frameDuration: frameDuration(instance),
      });
      const transaxial = object(volume, 'transaxial');
      await ctx.derive.write('recon', { sources: [instance], pixels: transaxial.pixels, content: transaxial.content });
      if (params.reorient) {
        const axes = cardiacAxes(params.axisAzimuth, params.axisElevation);
        for (const view of VIEWS) {
          ctx.signal.throwIfAborted();
          const o = object(reorient(volume, axes, view, ctx.signal), view.replace(/-/g, ' '));
          await ctx.derive.write(view, { sources: [instance], pixels: o.pixels, content: o.content });
        }
      }
      const page = volumePage(volume, { title: 'SPECT RECONSTRUCTION', lines: [patientLine(instance), description, `Energy window ${window.number}${window.name ? ` ${window.name}` : ''}, ${Math.round(counts)} counts, ${p.views} views`], footer: `${NOT_FOR_CLINICAL_USE}  ${PRODUCER}` });
      await ctx.derive.write('page', { sources: [instance], pixels: rgbPixels(page), burnedInAnnotation: true, content: { ImageComments: `SPECT display page: ${description}. ${NOT_FOR_CLINICAL_USE}.` } });
      ctx.progress(share(1), `window ${window.number} written`);
      results.push({ window: window.number, name: window.name, reason: window.reason, views: p.views, projectionCounts: Math.round(counts), countsPerStoredValue: transaxial.slope, volume: { dimensions: [volume.columns, volume.rows, volume.slices], spacing: volume.spacing, origin: volume.origin } });
    }
    return {
      summary: `${g.kind} ${g.columns}×${g.rows}, ${g.frames.length} frames: ${results.length} photopeak window(s) reconstructed (${summary})${all.length > chosen.length ? `, ${all.length - chosen.length} other window(s) not used` : ''}`,
      data: {
        kind: g.kind,
        method: summary,
        corApplied: g.corApplied,
        attenuation: params.attenuation,
        windows: all.map((w) => ({ number: w.number, name: w.name ?? null, photopeak: w.photopeak ?? null, reconstructed: chosen.includes(w), reason: w.reason })),
        reconstructions: results,
        notes: g.notes,
      },
    };
  },
});

/** The geometry without its centre-of-rotation offsets when the user turned the correction off. */
function withCor(g: TomoGeometry, apply: boolean): TomoGeometry {
  return apply || !g.corApplied ? g : { ...g, corApplied: false, axisColumn: g.axisColumn.map(() => (g.columns - 1) / 2) };
}

/** Settings with the CT attenuation map when `attenuation=ct`. */
async function withCtAttenuation(ctx: AppContext, s: ReconSettings, params: ReconParams, placement: Omit<PlacedVolume, 'data'>): Promise<ReconSettings> {
  if (params.attenuation !== 'ct') return s;
  if (params.ctSeries === '') throw nmRefusal(APP, 'attenuation=ct needs the CT series: give ctSeries=<Series Instance UID>', { parameter: 'ctSeries' });
  if (!ctx.readSeries) throw nmRefusal(APP, 'this host cannot read a second series (ctx.readSeries); use attenuation=threshold or ellipse', { parameter: 'attenuation' });
  const ct = await ctx.readSeries(params.ctSeries);
  if (ct.modality !== 'CT') throw nmRefusal(APP, `series ${params.ctSeries} is ${ct.modality ?? 'of no modality'}, not CT`, { parameter: 'ctSeries' });
  ctx.progress(0.02, `reading CT ${params.ctSeries}`);
  const volume = await volumeFromSeries(ct, { signal: ctx.signal });
  return { ...s, attenuation: { kind: 'map', mu: ctMuMap(volume, placement, params.mu / 10, ctx.signal) } };
}

function correctedImage(instance: SourceInstance): string[] {
  const v = instance.attribute('CorrectedImage');
  return (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? v.split('\\') : []).map((s) => s.trim()).filter((s) => s !== '');
}

function frameDuration(instance: SourceInstance): number | undefined {
  const item = (instance.attribute('RotationInformationSequence') as readonly Record<string, unknown>[] | undefined)?.[0];
  const d = Number(item?.ActualFrameDuration);
  return Number.isFinite(d) && d > 0 ? d : undefined;
}

function derivation(params: ReconParams, g: TomoGeometry, window: number, what: string): string {
  const p = Object.entries(params).map(([k, v]) => `${k}=${v === '' ? '""' : String(v)}`).join(', ');
  return `${what} SPECT volume of energy window ${window} of ${g.kind} ${g.sopInstanceUID} (${g.frames.length} frames, ${g.vectors.count.detector} head(s)); ${g.corApplied ? 'centre of rotation corrected' : 'no centre-of-rotation offset applied'}; parameters: ${p}`.slice(0, 1024);
}
