import { defineApp } from '@atrium/sdk';
import { nmVolumeObject } from '../output/nm-volume-content.js';
import { cardiacAxes, reorient, type CardiacView } from '../recon/cardiac-reorientation.js';
import type { PlacedVolume } from '../recon/volume-layout.js';
import { rgbPixels } from '../render/canvas.js';
import { volumePage } from '../render/volume-page.js';
import { displayReconstruction } from './display-reconstruction.js';
import { nmAcquisition, nmImageKind } from './nm-input.js';
import { tomoLoadSpec } from './nm-load-spec.js';
import { NOT_FOR_CLINICAL_USE, PRODUCER, patientLine } from './producer.js';
import { nmReconParameters } from './recon-parameters.js';
import { reconOutputs } from './recon-outputs.js';
import { convolutionKernel } from './recon-settings.js';
import { correctionsApplied, derivationText, planTomo, reconstructWindow } from './tomo-preparation.js';

const APP = 'nm-recon';
const VIEWS: readonly CardiacView[] = ['short-axis', 'vertical-long-axis', 'horizontal-long-axis'];

/**
 * SPECT reconstruction (after the Canon GCA-9300R's processing): NM TOMO projections (or the ungated
 * sum of a GATED TOMO acquisition), one or more heads and energy windows, geometry from DICOM only;
 * FBP or OSEM with optional pre- and post-filters, centre-of-rotation and attenuation correction
 * (uniform μ in a body outline, or a CT μ-map); one NM RECON TOMO object per photopeak window, the
 * optional cardiac reorientations and a display page. An NM RECON TOMO input is shown (its display
 * page), not reconstructed again. Title, description, accepted series and outputs: the manifest
 * (package.json "atrium".apps[0]).
 */
export const nmReconApp = defineApp({
  id: APP,
  load: tomoLoadSpec,
  parameters: nmReconParameters,
  outputs: reconOutputs,
  async run(ctx, input, params) {
    const instance = nmAcquisition(input, APP, ['TOMO', 'GATED TOMO', 'RECON TOMO', 'RECON GATED TOMO']);
    if (nmImageKind(instance).startsWith('RECON')) return displayReconstruction(ctx, instance, 'page');
    const plan = await planTomo(ctx, instance, params, APP);
    const g = plan.geometry;
    const results = [];
    for (const [n, window] of plan.chosen.entries()) {
      const share = (f: number) => (n + f) / plan.chosen.length;
      const { projections, volume, counts } = await reconstructWindow(ctx, plan, window.number, { progress: (f, m) => ctx.progress(share(0.8 * f), `window ${window.number}: ${m}`) });
      const description = `${plan.method}${plan.all.length > 1 ? ` ${window.name ?? `W${window.number}`}` : ''}`;
      const object = (v: PlacedVolume, what: string) =>
        nmVolumeObject({
          kind: 'RECON TOMO',
          volumes: [v],
          countScale: projections.views,
          source: instance,
          energyWindow: window.number,
          correctedImage: correctionsApplied(instance, plan, params.attenuation),
          seriesDescription: what === 'transaxial' ? description : `${description} ${what}`,
          convolutionKernel: convolutionKernel(params, g.pixelSpacing[1]),
          derivationDescription: derivationText(params, g, window.number, what),
          imageComments: `${NOT_FOR_CLINICAL_USE}. ${PRODUCER} ${what} volume: ${description}.`,
          countsAccumulated: counts,
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
      const page = volumePage(volume, {
        title: 'SPECT RECONSTRUCTION',
        lines: [patientLine(instance), description, `Energy window ${window.number}${window.name ? ` ${window.name}` : ''}, ${Math.round(counts)} counts, ${projections.views} views`],
        footer: `${NOT_FOR_CLINICAL_USE}  ${PRODUCER}`,
      });
      await ctx.derive.write('page', { sources: [instance], pixels: rgbPixels(page), burnedInAnnotation: true, content: { ImageComments: `SPECT display page: ${description}. ${NOT_FOR_CLINICAL_USE}.` } });
      ctx.progress(share(1), `window ${window.number} written`);
      results.push({
        window: window.number,
        name: window.name ?? null,
        views: projections.views,
        projectionCounts: Math.round(counts),
        countsPerStoredValue: transaxial.slope,
        volume: { dimensions: [volume.columns, volume.rows, volume.slices], spacing: volume.spacing, origin: volume.origin },
      });
    }
    const unused = plan.all.length - plan.chosen.length;
    return {
      summary: `${g.kind} ${g.columns}×${g.rows}, ${g.frames.length} frames: ${results.length} photopeak window(s) reconstructed (${plan.method})${unused > 0 ? `, ${unused} other window(s) not used` : ''}`,
      data: {
        kind: g.kind,
        method: plan.method,
        corApplied: g.corApplied,
        attenuation: params.attenuation,
        windows: plan.all.map((w) => ({ number: w.number, name: w.name ?? null, photopeak: w.photopeak ?? null, reconstructed: plan.chosen.includes(w), reason: w.reason })),
        reconstructions: results,
        notes: g.notes,
      },
    };
  },
});
