import { SdkError, volumeFromSeries, type AppContext, type Parameters, type SourceInstance } from '@atrium/sdk';
import type { EnergyWindow } from '../geometry/energy-windows.js';
import { nmRefusal } from '../geometry/nm-refusal.js';
import { parallelViews, projectionSet, readProjections, reconGrid, volumePlacement } from '../geometry/tomo-projections.js';
import { tomoGeometry, type TomoGeometry } from '../geometry/tomo-geometry.js';
import { ctMuMap } from '../recon/ct-mu-map.js';
import type { JosephProjector } from '../recon/joseph-projector.js';
import type { Projections } from '../recon/projections.js';
import { reconstructTomo, type ReconSettings } from '../recon/reconstruct-tomo.js';
import type { PlacedVolume } from '../recon/volume-layout.js';
import { chooseWindows } from './choose-windows.js';
import type { reconParameters } from './recon-parameters.js';
import { methodSummary, reconSettings } from './recon-settings.js';

type ReconParams = Parameters<typeof reconParameters>;

/** Everything a SPECT app decides before reconstructing: geometry, windows, grid placement, settings. */
export interface TomoPlan {
  readonly instance: SourceInstance;
  readonly geometry: TomoGeometry;
  readonly chosen: readonly EnergyWindow[];
  readonly all: readonly EnergyWindow[];
  /** The volume's grid in the patient (data to be filled). */
  readonly placement: Omit<PlacedVolume, 'data'>;
  readonly settings: ReconSettings;
  /** The method in a few words (Series Description). */
  readonly method: string;
}

/**
 * The plan of a reconstruction: the acquisition's geometry from DICOM (refusing what cannot be
 * reconstructed), the centre-of-rotation choice, the energy windows to reconstruct, the grid, the
 * settings from the parameters, and for `attenuation=ct` the μ-map of the CT series (read with
 * `ctx.readSeries`, same study and Frame of Reference).
 */
export async function planTomo(ctx: AppContext, instance: SourceInstance, params: ReconParams, app: string): Promise<TomoPlan> {
  const raw = tomoGeometry(instance, app);
  const geometry = params.corCorrection || !raw.corApplied ? raw : { ...raw, corApplied: false, axisColumn: raw.axisColumn.map(() => (raw.columns - 1) / 2) };
  geometry.notes.forEach((n) => ctx.log.info(n));
  const { chosen, all } = chooseWindows(instance, geometry.vectors.count.energyWindow, params.energyWindows, app);
  const views = projectionSet(geometry, chosen[0]!.number).views.length;
  if (params.method === 'osem' && params.subsets > views) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "subsets" must be at most the number of views, ${views} (got ${params.subsets})`, { parameter: 'subsets', value: params.subsets });
  }
  const placement = { ...volumePlacement(geometry), columns: geometry.columns, rows: geometry.columns, slices: geometry.rows, frameOfReferenceUID: instance.string('FrameOfReferenceUID') };
  let settings = reconSettings(params, geometry.pixelSpacing[1], geometry.pixelSpacing[0]);
  if (params.attenuation === 'ct') settings = { ...settings, attenuation: { kind: 'map', mu: await ctMu(ctx, params, placement, app) } };
  return { instance, geometry, chosen, all, placement, settings, method: methodSummary(params, geometry.pixelSpacing[1]) };
}

async function ctMu(ctx: AppContext, params: ReconParams, placement: Omit<PlacedVolume, 'data'>, app: string): Promise<Float32Array> {
  if (params.ctSeries === '') throw nmRefusal(app, 'attenuation=ct needs the CT series: give ctSeries=<Series Instance UID>', { parameter: 'ctSeries' });
  if (!ctx.readSeries) throw nmRefusal(app, 'this host cannot read a second series (ctx.readSeries); use attenuation=threshold or ellipse', { parameter: 'attenuation' });
  const ct = await ctx.readSeries(params.ctSeries);
  if (ct.modality !== 'CT') throw nmRefusal(app, `series ${params.ctSeries} is ${ct.modality ?? 'of no modality'}, not CT`, { parameter: 'ctSeries' });
  ctx.progress(0.02, `reading CT ${params.ctSeries}`);
  const volume = await volumeFromSeries(ct, { signal: ctx.signal });
  return ctMuMap(volume, placement, params.mu / 10, ctx.signal);
}

/** One reconstruction of a plan: an energy window, one time slot or all summed. */
export async function reconstructWindow(
  ctx: AppContext,
  plan: TomoPlan,
  window: number,
  options: { readonly timeSlot?: number; readonly projector?: JosephProjector; readonly progress?: (fraction: number, message: string) => void } = {},
): Promise<{ readonly projections: Projections; readonly volume: PlacedVolume; readonly counts: number }> {
  const set = projectionSet(plan.geometry, window, options.timeSlot);
  const projections = await readProjections(plan.instance, plan.geometry, set, { signal: ctx.signal });
  const counts = projections.data.reduce((a, b) => a + b, 0);
  const outcome = reconstructTomo(projections, parallelViews(plan.geometry, set), reconGrid(plan.geometry), plan.settings, {
    signal: ctx.signal,
    ...(options.projector ? { projector: options.projector } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { projections, volume: { ...plan.placement, data: outcome.volume }, counts };
}

/** Corrected Image of the source plus the corrections a reconstruction applied (COR, ATTN). */
export function correctionsApplied(instance: SourceInstance, plan: TomoPlan, attenuation: string): string[] {
  const v = instance.attribute('CorrectedImage');
  const source = (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? v.split('\\') : []).map((s) => s.trim()).filter((s) => s !== '');
  return [...new Set([...source, ...(plan.geometry.corApplied ? ['COR'] : []), ...(attenuation !== 'none' ? ['ATTN'] : [])])];
}

/** Derivation Description: what the volume is and every parameter. */
export function derivationText(params: Readonly<Record<string, unknown>>, g: TomoGeometry, window: number, what: string): string {
  const p = Object.entries(params).map(([k, v]) => `${k}=${v === '' ? '""' : String(v)}`).join(', ');
  return `${what} SPECT volume of energy window ${window} of ${g.kind} ${g.sopInstanceUID} (${g.frames.length} frames, ${g.vectors.count.detector} head(s)); ${g.corApplied ? 'centre of rotation corrected' : 'no centre-of-rotation offset applied'}; parameters: ${p}`.slice(0, 1024);
}
