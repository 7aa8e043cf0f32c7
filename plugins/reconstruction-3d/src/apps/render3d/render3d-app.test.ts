/**
 * Volume and surface rendering as the workstation runs it (the kit: the engine, the receive
 * validation, dciodvfy on every view), with a renderer that records the scene the app hands it:
 * one scene with every camera, the volume on its coarser grid with the preset's transfer function,
 * or the iso-surface mesh; RGB Secondary Captures carrying the view parameters in the private
 * block. Without a renderer the app refuses with a coded error. The pictures themselves, and the
 * golden file of a view, come from the workstation's render service in the interop tier
 * (test/interop/reconstruction-3d-render.test.ts).
 */
import { SopClass } from '@atrium/sdk';
import { testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import { softBall } from '../../test-support/analytic-volume.js';
import { analyticSeries } from '../../test-support/analytic-series.js';
import { recordingRenderer } from '../../test-support/recording-renderer.js';
import { viewBlock } from '../../test-support/view-block.js';

const kit = testPlugin(new URL('../../..', import.meta.url), plugin);
const ball = softBall([4, -3, 10], 6, 1000, 0);
const ct = analyticSeries((x, y, z) => (Math.hypot(x, y) < 15 ? ball(x, y, z) : -1000), { size: 32, slices: 20 });

describe('render-3d', () => {
  it('asks the renderer for one scene with every view, and writes RGB views with the view parameters', async () => {
    const renderer = recordingRenderer();
    const big = analyticSeries((x, y, z) => ball(x, y, z), { size: 40, slices: 20, seed: 'render-3d-big' });
    const run = await kit.run('render-3d', big, { views: '3', size: '64', renderResolution: '32', preset: 'vessels' }, { render: renderer });
    expect(renderer.scenes).toHaveLength(1);
    const scene = renderer.scenes[0]!;
    expect(scene.cameras).toHaveLength(3);
    expect(scene.volume!.grid.dimensions).toEqual([20, 20, 10]); // 40×40×20 drawn at half the resolution
    expect(scene.volume!.blend).toBe('composite');
    const views = run.output('views');
    expect(views.every((v) => v.sopClassUID === SopClass.SecondaryCaptureImageStorage)).toBe(true);
    const blocks = views.map(viewBlock);
    expect(blocks.map((b) => (b.camera as number[])[0])).toEqual([0, 120, 240]);
    expect(blocks[0]!.window).toEqual([300, 600]);
    expect(blocks[0]!.renderingMode).toBe('VOLUME');
    // The transfer function as little-endian float32 quintuples: the preset's first point.
    const first = scene.volume!.transfer[0]!;
    const transfer = (blocks[0]!.transferFunction as Uint8Array).slice(0, 20);
    expect([...new Float32Array(transfer.buffer)]).toEqual([first.value, ...first.colour, first.opacity].map(Math.fround));
    expect([views[0]!.number('SamplesPerPixel'), views[0]!.string('PhotometricInterpretation'), views[0]!.number('Rows')]).toEqual([3, 'RGB', 64]);
    expect(views[0]!.attribute('ImageType')).toEqual(['DERIVED', 'SECONDARY', 'VOLUME']);
    // The renderer's image is written as it came (away from the letters burned in at the edges' middles).
    const frame = await views[0]!.frame(0);
    expect([frame.data[3 * 40 * 64]!, frame.data[3 * (40 * 64 + 32)]!, frame.data[3 * (40 * 64 + 63)]!]).toEqual([0, 130, 255]);
  });

  it('gives the renderer the iso-surface in surface mode', async () => {
    const renderer = recordingRenderer();
    const run = await kit.run('render-3d', ct, { mode: 'surface', isoValue: '500', size: '64' }, { render: renderer });
    expect(renderer.scenes[0]!.surfaces![0]!.triangles.length).toBeGreaterThan(300);
    expect(renderer.scenes[0]!.volume).toBeUndefined();
    expect(viewBlock(run.output('views')[0]!)).toMatchObject({ renderingMode: 'SURFACE', isoValue: 500 });
  });

  it('refuses with a coded error on a host without a renderer, before loading the series', async () => {
    const progress: number[] = [];
    await expect(kit.run('render-3d', ct, {}, { onProgress: (f) => progress.push(f) })).rejects.toMatchObject({ code: 'ATRIUM_ERR_RENDER_UNAVAILABLE' });
    expect(progress).toEqual([]);
  });
});
