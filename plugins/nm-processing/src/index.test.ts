import { testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

/** The plugin as the host loads it: its manifest checked against the schema and the SDK range, the code joined with it. */
const kit = testPlugin(new URL('..', import.meta.url), plugin);

const outputsOf = (appId: string) => Object.fromEntries(Object.entries(kit.app(appId).outputs).map(([name, o]) => [name, [o.iod, o.cardinality, o.description]]));

describe('NM processing plugin: manifest', () => {
  it('declares the three apps, the NM series each accepts, and every output the code maps', () => {
    expect(kit.manifest.apps.map((a) => [a.id, a.title, a.input.where])).toEqual([
      ['nm-recon', 'SPECT reconstruction', { ImageType: '*TOMO' }],
      ['nm-gated', 'Gated SPECT', { ImageType: 'GATED TOMO' }],
      ['nm-renogram', 'Renogram', { ImageType: 'DYNAMIC' }],
    ]);
    expect(outputsOf('nm-recon')).toEqual({
      recon: ['nuclear-medicine-image', '1:1', 'SPECT reconstruction (transaxial)'],
      'short-axis': ['nuclear-medicine-image', '1:1', 'SPECT reconstruction: short axis'],
      'vertical-long-axis': ['nuclear-medicine-image', '1:1', 'SPECT reconstruction: vertical long axis'],
      'horizontal-long-axis': ['nuclear-medicine-image', '1:1', 'SPECT reconstruction: horizontal long axis'],
      page: ['secondary-capture-image', '1:1', 'SPECT reconstruction: display page'],
    });
    expect(outputsOf('nm-gated')).toEqual({
      gated: ['nuclear-medicine-image', '1:1', 'Gated SPECT reconstruction (time slots)'],
      summed: ['nuclear-medicine-image', '1:1', 'Gated SPECT: summed reconstruction'],
      qc: ['secondary-capture-image', '1:1', 'Gated SPECT: motion and gating quality control'],
    });
    expect(outputsOf('nm-renogram')).toEqual({
      page: ['secondary-capture-image', '1:1', 'Renogram: curves and regions'],
      sr: ['comprehensive-sr', '1:1', 'Renogram: structured report'],
    });
  });

  it('marks the reoriented volumes as multiplanar reformatting (DCM 113072), the transaxial volume as not', () => {
    const outputs = kit.app('nm-recon').outputs;
    for (const view of ['short-axis', 'vertical-long-axis', 'horizontal-long-axis']) {
      expect(outputs[view]!.derivationCode, view).toEqual({ value: '113072', scheme: 'DCM', meaning: 'Multiplanar reformatting' });
    }
    expect(outputs.recon!.derivationCode).toBeUndefined();
  });
});
