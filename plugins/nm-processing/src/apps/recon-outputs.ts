import type { OutputDefinition } from '@atrium/sdk';
import { nmImageMapping } from '../mappings/nm-image-mapping.js';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';

const recon = nmImageMapping({ gated: false });
const mpr = { value: '113072', scheme: 'DCM', meaning: 'Multiplanar reformatting' } as const;

/** The derived series `nm-recon` writes into the source study. */
export const reconOutputs = {
  recon: { iod: 'nuclear-medicine-image', cardinality: '1:1', description: 'SPECT reconstruction (transaxial)', mapping: recon },
  'short-axis': { iod: 'nuclear-medicine-image', cardinality: '1:1', description: 'SPECT reconstruction: short axis', derivationCode: mpr, mapping: recon },
  'vertical-long-axis': { iod: 'nuclear-medicine-image', cardinality: '1:1', description: 'SPECT reconstruction: vertical long axis', derivationCode: mpr, mapping: recon },
  'horizontal-long-axis': { iod: 'nuclear-medicine-image', cardinality: '1:1', description: 'SPECT reconstruction: horizontal long axis', derivationCode: mpr, mapping: recon },
  page: {
    iod: 'secondary-capture-image',
    cardinality: '1:1',
    description: 'SPECT reconstruction: display page',
    derivationDescription: 'Transaxial, coronal and sagittal slices through the count-weighted centre and an anterior maximum intensity projection of the SPECT volume',
    mapping: secondaryCaptureMapping,
  },
} as const satisfies Readonly<Record<string, OutputDefinition>>;
