import type { ParameterSchema } from '@atrium/sdk';

/** Parameters of `nm-renogram` (validated and defaulted by the host before any work). */
export const renogramParameters = {
  rois: {
    type: 'string',
    default: '',
    description:
      'JSON {"left": ROI, "right": ROI, "background": ROI}, each {"shape":"ellipse","center":[x,y],"radii":[a,b],"angle":deg} or {"shape":"polygon","points":[[x,y],…]}, with "units":"pixel" (default; column, row from the top-left pixel centre) or "mm"; empty: proposed automatically from the summed early frames',
  },
  roiFrom: { type: 'number', default: 1, minimum: 0, maximum: 60, unit: 'min', description: 'start of the frames summed to propose ROIs (and shown on the page)' },
  roiTo: { type: 'number', default: 3, minimum: 0.1, maximum: 120, unit: 'min', description: 'end of the frames summed to propose ROIs' },
  splitFrom: { type: 'number', default: 1, minimum: 0, maximum: 10, unit: 'min', description: 'differential function: start of the integration interval (Prigent et al., Semin Nucl Med 1999: 1–2 or 2–3 min after injection)' },
  splitTo: { type: 'number', default: 2, minimum: 0.1, maximum: 10, unit: 'min', description: 'differential function: end of the integration interval' },
  diuretic: { type: 'string', default: 'auto', pattern: 'auto|none|[0-9]{1,3}(\\.[0-9]+)?', description: 'minute of the diuretic injection: auto (Intervention Drug Start Time, or a phase named DIURETIC / FUROSEMIDE / LASIX), none, or a number' },
} as const satisfies ParameterSchema;
