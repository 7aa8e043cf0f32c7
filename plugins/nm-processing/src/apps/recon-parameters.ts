import type { ParameterSchema } from '@atrium/sdk';

/**
 * Narrow-beam linear attenuation coefficient of water at 140 keV (Tc-99m), 1/cm (NIST XCOM:
 * μ/ρ = 0.1505 cm²/g). Without scatter correction, 0.12 /cm ("broad beam") is the common clinical
 * choice; give `mu` for other radionuclides (e.g. I-123 159 keV: 0.146; Tl-201 ≈ 72 keV: 0.19).
 */
export const TC99M_WATER_MU = 0.15;

/** Parameters of the SPECT reconstruction shared by `nm-recon` and `nm-gated` (validated and defaulted by the host). */
export const reconParameters = {
  method: { type: 'enum', values: ['osem', 'fbp'], default: 'osem', description: 'reconstruction: OSEM (ordered subsets EM, attenuation modelled in the projector) or FBP (filtered back-projection, Chang attenuation correction)' },
  iterations: { type: 'integer', default: 4, minimum: 1, maximum: 100, description: 'OSEM iterations (full passes over the views)' },
  subsets: { type: 'integer', default: 8, minimum: 1, maximum: 64, description: 'OSEM subsets (1 = MLEM); at most the number of views' },
  filter: {
    type: 'enum',
    values: ['ramp', 'shepp-logan', 'hann', 'hamming', 'butterworth'],
    default: 'hann',
    description: 'FBP: window multiplying the ramp (Butterworth 1/√(1 + (f/fc)^2n); Hann, Hamming, Shepp-Logan zero above fc)',
  },
  cutoff: { type: 'number', default: 0, minimum: 0, maximum: 10, unit: 'cycles/cm', description: 'FBP window cut-off frequency; 0 = the Nyquist frequency of the projection pixels' },
  order: { type: 'integer', default: 5, minimum: 1, maximum: 20, description: 'Butterworth order (FBP window and pre-filter)' },
  prefilter: { type: 'enum', values: ['none', 'butterworth', 'hann'], default: 'none', description: '2-D low-pass filter of every projection before reconstruction' },
  prefilterCutoff: { type: 'number', default: 0, minimum: 0, maximum: 10, unit: 'cycles/cm', description: 'pre-filter cut-off; 0 = Nyquist' },
  attenuation: {
    type: 'enum',
    values: ['none', 'threshold', 'ellipse', 'ct'],
    default: 'none',
    description: 'attenuation correction: none; a uniform μ inside the body outline found by threshold, or the ellipse fitted to it, per slice; or a μ-map from the CT series `ctSeries` (same Frame of Reference)',
  },
  mu: { type: 'number', default: TC99M_WATER_MU, minimum: 0, maximum: 2, unit: '1/cm', description: 'linear attenuation coefficient of water at the photopeak energy (default 0.15 /cm: Tc-99m, 140 keV, narrow beam); the uniform μ, and the water value of the CT conversion' },
  outlineThreshold: { type: 'number', default: 0.3, minimum: 0.01, maximum: 0.99, description: 'body outline: fraction of the 99th percentile of the smoothed uncorrected reconstruction' },
  ctSeries: { type: 'string', default: '', pattern: '|[0-9][0-9.]{0,63}', description: 'Series Instance UID of the CT (same study, same Frame of Reference) for attenuation=ct' },
  postFilter: { type: 'number', default: 0, minimum: 0, maximum: 50, unit: 'mm', description: '3-D Gaussian post-filter, full width at half maximum; 0 = none' },
  energyWindows: { type: 'string', default: 'photopeaks', pattern: 'photopeaks|[0-9]{1,2}(,[0-9]{1,2})*', description: '"photopeaks" (the windows holding a principal line of the radionuclide) or window numbers, e.g. "1,3"; scatter windows are never summed in' },
  corCorrection: { type: 'boolean', default: true, description: 'apply Center of Rotation Offset when Corrected Image does not list COR' },
} as const satisfies ParameterSchema;

/** Parameters of `nm-recon`: the reconstruction's and the optional cardiac reorientation. */
export const nmReconParameters = {
  ...reconParameters,
  reorient: { type: 'boolean', default: false, description: 'also write short-axis, vertical and horizontal long-axis volumes, about the axis given by axisAzimuth / axisElevation' },
  axisAzimuth: { type: 'number', default: 45, minimum: -180, maximum: 180, unit: 'degrees', description: 'long axis (base to apex) in the transaxial plane, from the patient\'s left towards anterior' },
  axisElevation: { type: 'number', default: 30, minimum: -90, maximum: 90, unit: 'degrees', description: 'long axis tilt out of the transaxial plane, towards the feet' },
} as const satisfies ParameterSchema;
