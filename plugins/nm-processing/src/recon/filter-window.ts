/** The apodising windows of SPECT filtering (multiplying the ramp in FBP, or alone as a smoothing pre-filter). */
export type WindowName = 'ramp' | 'shepp-logan' | 'hann' | 'hamming' | 'butterworth';

/**
 * A window and its parameters, in cycles per pixel (0 … 0.5; 0.5 is the Nyquist frequency).
 * The app converts the user's cycles/cm: f[cycles/pixel] = f[cycles/cm] × pixel size [cm].
 */
export interface WindowSpec {
  readonly name: WindowName;
  /** Cut-off frequency fc (cycles/pixel, > 0); default 0.5 (Nyquist). */
  readonly cutoff?: number;
  /** Butterworth order n (≥ 1); default 5. */
  readonly order?: number;
}

/**
 * The window's gain at frequency `f` (cycles/pixel, ≥ 0), with fc its cut-off:
 * - `ramp` (no apodisation): 1 up to fc, 0 above;
 * - `shepp-logan`: sin(πf / 2fc) / (πf / 2fc) up to fc (at fc = Nyquist: scikit-image's `shepp-logan`);
 * - `hann`: 0.5 + 0.5 cos(πf / fc) up to fc (0 at fc);
 * - `hamming`: 0.54 + 0.46 cos(πf / fc) up to fc (0.08 at fc);
 * - `butterworth`: 1 / √(1 + (f / fc)^2n), every frequency (1/√2 at fc): the amplitude form used in
 *   nuclear medicine (e.g. Lyra & Ploussi, "Filtering in SPECT image reconstruction", Int J Biomed
 *   Imaging 2011), where fc is the frequency of half power.
 * The last three are 0 above fc (except Butterworth, which decays smoothly).
 */
export function windowGain(f: number, spec: WindowSpec): number {
  const fc = spec.cutoff ?? 0.5;
  const x = Math.abs(f) / fc;
  switch (spec.name) {
    case 'ramp':
      return x <= 1 ? 1 : 0;
    case 'shepp-logan': {
      if (x > 1) return 0;
      const a = (Math.PI * x) / 2;
      return a === 0 ? 1 : Math.sin(a) / a;
    }
    case 'hann':
      return x <= 1 ? 0.5 + 0.5 * Math.cos(Math.PI * x) : 0;
    case 'hamming':
      return x <= 1 ? 0.54 + 0.46 * Math.cos(Math.PI * x) : 0;
    case 'butterworth':
      return 1 / Math.sqrt(1 + Math.pow(x, 2 * (spec.order ?? 5)));
  }
}

/** Checks a window spec; returns why it is unusable, or undefined. */
export function windowProblem(spec: WindowSpec): string | undefined {
  const fc = spec.cutoff ?? 0.5;
  if (!(fc > 0) || !Number.isFinite(fc)) return `cut-off frequency must be above 0 (got ${fc} cycles/pixel)`;
  if (spec.name === 'butterworth' && !(Number.isInteger(spec.order ?? 5) && (spec.order ?? 5) >= 1)) return `Butterworth order must be a whole number from 1 (got ${spec.order})`;
  return undefined;
}
