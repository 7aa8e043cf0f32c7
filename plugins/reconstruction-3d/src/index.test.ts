import { SopClass } from '@atrium/sdk';
import { testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { viewPrivateBlock } from './score3d-private-block.js';

/** The plugin as the host loads it: its manifest checked against the schema and the SDK range, the code joined with it. */
const kit = testPlugin(new URL('..', import.meta.url), plugin);

const outputsOf = (appId: string) => Object.fromEntries(Object.entries(kit.app(appId).outputs).map(([name, o]) => [name, [o.iod, o.cardinality, o.description]]));

describe('3D reconstruction plugin: manifest', () => {
  it('declares the four apps, each accepting the CT and MR image classes the Shimadzu SCORE 3D conformance statement receives (Table 1)', () => {
    const scoreInput = { modality: ['CT', 'MR'], sopClassUid: [SopClass.CTImageStorage, SopClass.EnhancedCTImageStorage, SopClass.MRImageStorage, SopClass.EnhancedMRImageStorage] };
    expect(kit.manifest.apps.map((a) => [a.id, a.title, a.input])).toEqual([
      ['mpr', 'Multiplanar reformatting', scoreInput],
      ['mip', 'Rotating MIP', scoreInput],
      ['render-3d', 'Volume and surface rendering', scoreInput],
      ['surface', 'Surface export (STL)', scoreInput],
    ]);
  });

  it('declares every output the code maps: CT or MR planes, Secondary Capture views, the Encapsulated STL model', () => {
    expect(outputsOf('mpr')).toEqual({ 'ct-mpr': ['ct-image', 'N:1', 'MPR'], 'mr-mpr': ['mr-image', 'N:1', 'MPR'] });
    expect(outputsOf('mip')).toEqual({ views: ['secondary-capture-image', 'N:1', 'Rotating MIP'] });
    expect(outputsOf('render-3d')).toEqual({ views: ['secondary-capture-image', 'N:1', '3D rendering'] });
    expect(outputsOf('surface')).toEqual({ surface: ['encapsulated-stl', 'N:1', 'Surface model'] });
  });

  it('gives the views, and only them, the private block from the code (the manifest has none)', () => {
    expect(kit.app('mip').outputs.views!.privateBlocks).toEqual([viewPrivateBlock]);
    expect(kit.app('render-3d').outputs.views!.privateBlocks).toEqual([viewPrivateBlock]);
    for (const [app, output] of [['mpr', 'ct-mpr'], ['mpr', 'mr-mpr'], ['surface', 'surface']] as const) expect(kit.app(app).outputs[output]!.privateBlocks, output).toBeUndefined();
    expect(JSON.stringify(kit.manifest)).not.toContain('privateBlocks');
  });
});
