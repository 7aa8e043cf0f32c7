import type { TransferPoint, Volume } from '@atrium/sdk';

/** The rendering presets of the volume rendering app. */
export type RenderPreset = 'bone' | 'vessels' | 'soft-tissue' | 'mip';
export const RENDER_PRESETS: readonly RenderPreset[] = ['bone', 'vessels', 'soft-tissue', 'mip'];

/** A preset: how values are blended and coloured, and the window it implies (recorded with the image). */
export interface PresetTransfer {
  readonly blend: 'composite' | 'maximum';
  readonly transfer: readonly TransferPoint[];
  /** Window centre and width of the ramp (modality units). */
  readonly window: { readonly center: number; readonly width: number };
  readonly shade: boolean;
}

const ivory = [0.95, 0.92, 0.84] as const;

/**
 * Transfer functions in HU for CT (after the usual workstation presets): bone — opaque ivory above
 * ~250 HU; vessels — contrast-filled vessels red from ~150 HU, bone ivory above ~500 HU; soft tissue —
 * skin and muscle translucent from ~−300 HU; mip — a grey ramp over the window, maximum intensity.
 */
const CT_PRESETS: Readonly<Record<RenderPreset, PresetTransfer>> = {
  bone: {
    blend: 'composite',
    window: { center: 500, width: 1000 },
    shade: true,
    transfer: [
      { value: -1024, colour: [0, 0, 0], opacity: 0 },
      { value: 150, colour: [0.55, 0.25, 0.15], opacity: 0 },
      { value: 300, colour: [0.85, 0.7, 0.55], opacity: 0.6 },
      { value: 1000, colour: ivory, opacity: 0.95 },
      { value: 3000, colour: [1, 1, 1], opacity: 1 },
    ],
  },
  vessels: {
    blend: 'composite',
    window: { center: 300, width: 600 },
    shade: true,
    transfer: [
      { value: -1024, colour: [0, 0, 0], opacity: 0 },
      { value: 120, colour: [0.6, 0.1, 0.05], opacity: 0 },
      { value: 250, colour: [0.85, 0.2, 0.15], opacity: 0.5 },
      { value: 500, colour: [0.95, 0.85, 0.75], opacity: 0.8 },
      { value: 3000, colour: ivory, opacity: 0.95 },
    ],
  },
  'soft-tissue': {
    blend: 'composite',
    window: { center: 40, width: 400 },
    shade: true,
    transfer: [
      { value: -1024, colour: [0, 0, 0], opacity: 0 },
      { value: -300, colour: [0.75, 0.5, 0.4], opacity: 0 },
      { value: -50, colour: [0.85, 0.6, 0.5], opacity: 0.08 },
      { value: 100, colour: [0.8, 0.35, 0.3], opacity: 0.25 },
      { value: 400, colour: ivory, opacity: 0.7 },
      { value: 3000, colour: [1, 1, 1], opacity: 0.9 },
    ],
  },
  mip: {
    blend: 'maximum',
    window: { center: 300, width: 1200 },
    shade: false,
    transfer: [
      { value: -300, colour: [0, 0, 0], opacity: 1 },
      { value: 900, colour: [1, 1, 1], opacity: 1 },
    ],
  },
};

/**
 * The transfer of a preset for a volume: the CT table for volumes in HU; for others (MR, whose
 * values have no absolute scale) the same shapes laid over the volume's value range between its
 * 1st and 99.5th percentiles (the CT table's −1024…1000 HU mapped onto it), so that bright
 * structures take the bone and vessel colours. A `window` given replaces the MIP preset's ramp.
 */
export function presetTransfer(preset: RenderPreset, volume: Volume, window?: { readonly center: number; readonly width: number }): PresetTransfer {
  const ct = CT_PRESETS[preset];
  if (preset === 'mip' && window) {
    return { ...ct, window, transfer: [{ value: window.center - window.width / 2, colour: [0, 0, 0], opacity: 1 }, { value: window.center + window.width / 2, colour: [1, 1, 1], opacity: 1 }] };
  }
  if (volume.unit === 'HU') return ct;
  const [lo, hi] = percentiles(volume, 0.01, 0.995);
  const map = (hu: number): number => lo + ((Math.min(hu, 1000) + 1024) / 2024) * (hi - lo);
  const transfer = ct.transfer.map((p, i) => ({ ...p, value: map(p.value) + i * 1e-3 * Math.max(1, hi - lo) }));
  return { ...ct, transfer, window: { center: map(ct.window.center), width: Math.max(1, (ct.window.width / 2024) * (hi - lo)) } };
}

/** Two percentiles of the voxel values (a histogram of 4096 bins over the range). */
function percentiles(volume: Volume, a: number, b: number): [number, number] {
  const v = volume.voxels;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < v.length; i++) { const x = v[i]!; if (x < min) min = x; if (x > max) max = x; }
  if (!(max > min)) return [min, min + 1];
  const bins = new Float64Array(4096);
  const scale = 4095 / (max - min);
  for (let i = 0; i < v.length; i++) bins[Math.floor((v[i]! - min) * scale)]!++;
  const at = (q: number): number => {
    let seen = 0;
    for (let n = 0; n < bins.length; n++) {
      seen += bins[n]!;
      if (seen >= q * v.length) return min + n / scale;
    }
    return max;
  };
  return [at(a), Math.max(at(b), at(a) + 1)];
}
