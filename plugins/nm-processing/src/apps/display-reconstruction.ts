import { resampleVolume, volumeFromMultiFrame, type AppContext, type AppResult, type SourceInstance, type Volume } from '@atrium/sdk';
import { numbersOf } from '../geometry/dicom-values.js';
import { fromSdkVolume } from '../recon/volume-layout.js';
import { rgbPixels } from '../render/canvas.js';
import { volumePage } from '../render/volume-page.js';
import { nmImageKind } from './nm-input.js';
import { NOT_FOR_CLINICAL_USE, PRODUCER, patientLine } from './producer.js';

/**
 * An NM RECON TOMO (or RECON GATED TOMO, its time slots summed) input is already a reconstruction:
 * it is shown — its display page written to `output` — and not reconstructed again. The volume comes
 * from the SDK's NM volume builder (Slice Vector, Detector Information), resampled onto the patient
 * axes when its slices are not transaxial.
 */
export async function displayReconstruction(ctx: AppContext, instance: SourceInstance, output: string): Promise<AppResult> {
  const kind = nmImageKind(instance);
  const slots = numbersOf(instance.attribute('TimeSlotVector'));
  const groups = slots.length > 0 ? [...new Set(slots)].map((s) => slots.flatMap((t, f) => (t === s ? [f] : []))) : [undefined];
  let volume: Volume | undefined;
  for (const frames of groups) {
    const v = await volumeFromMultiFrame(instance, { signal: ctx.signal, voxelType: 'float32', ...(frames ? { frames } : {}) });
    volume = volume ? { ...volume, voxels: volume.voxels.map((x, i) => x + v.voxels[i]!) as Float32Array } : v;
  }
  const axial = toPatientAxes(volume!);
  const placed = fromSdkVolume(axial);
  const [c, r, s] = axial.dimensions;
  const page = volumePage(placed, {
    title: 'NM RECONSTRUCTION',
    lines: [patientLine(instance), `${kind} ${instance.string('SeriesDescription') ?? ''}`.trim(), `${c}x${r}x${s} voxels of ${axial.spacing.map((x) => x.toFixed(2)).join(' x ')} mm${groups.length > 1 ? `, ${groups.length} time slots summed` : ''}; shown, not reconstructed again`],
    footer: `${NOT_FOR_CLINICAL_USE}  ${PRODUCER}`,
  });
  await ctx.derive.write(output, { sources: [instance], pixels: rgbPixels(page), burnedInAnnotation: true, content: { ImageComments: `Display page of the ${kind} ${instance.sopInstanceUID}. ${NOT_FOR_CLINICAL_USE}.` } });
  return {
    summary: `${instance.sopInstanceUID} is already a reconstruction (${kind}, ${c}×${r}×${s}): shown on a display page, not reconstructed again`,
    data: { kind, reconstructed: false, volume: { dimensions: axial.dimensions, spacing: axial.spacing, origin: axial.origin }, timeSlotsSummed: groups.length > 1 ? groups.length : 0 },
  };
}

/** The volume itself when its axes are the patient's x, y, z; else resampled onto them (its bounding box, its finest spacing). */
function toPatientAxes(v: Volume): Volume {
  const identity = v.direction.every((d, a) => d.every((x, c) => Math.abs(x - (a === c ? 1 : 0)) < 1e-3));
  if (identity) return v;
  const corners: number[][] = [];
  for (const i of [0, v.dimensions[0] - 1]) for (const j of [0, v.dimensions[1] - 1]) for (const k of [0, v.dimensions[2] - 1]) {
    corners.push([0, 1, 2].map((c) => v.origin[c]! + i * v.spacing[0] * v.direction[0][c]! + j * v.spacing[1] * v.direction[1][c]! + k * v.spacing[2] * v.direction[2][c]!));
  }
  const step = Math.min(...v.spacing);
  const lo = [0, 1, 2].map((c) => Math.min(...corners.map((p) => p[c]!)));
  const hi = [0, 1, 2].map((c) => Math.max(...corners.map((p) => p[c]!)));
  const dims = [0, 1, 2].map((c) => Math.max(1, Math.round((hi[c]! - lo[c]!) / step) + 1)) as [number, number, number];
  return resampleVolume(v, { dimensions: dims, spacing: [step, step, step], origin: lo as [number, number, number], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], frameOfReferenceUID: v.frameOfReferenceUID }, { interpolation: 'trilinear', fill: 0, ignoreFrameOfReference: true });
}
