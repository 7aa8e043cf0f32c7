/**
 * The rotating MIP as the workstation runs it (the kit: the engine, the receive validation,
 * dciodvfy on every view) on a small analytic CT: one 8-bit Secondary Capture per angle with the
 * view's orientation letters, its angle in Image Comments and in the private block, which a reader
 * finds under our Private Creator.
 */
import { SopClass } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import { softBall } from '../../test-support/analytic-volume.js';
import { analyticSeries } from '../../test-support/analytic-series.js';
import { viewBlock } from '../../test-support/view-block.js';

const kit = testPlugin(new URL('../../..', import.meta.url), plugin);
const ball = softBall([4, -3, 10], 6, 1000, 0);
const ct = analyticSeries((x, y, z) => (Math.hypot(x, y) < 15 ? ball(x, y, z) : -1000), { size: 32, slices: 20 });

describe('mip', () => {
  it('writes one grey Secondary Capture per angle, with the angle, the orientation and the private block', async () => {
    const run = await kit.run('mip', ct, { projections: '4' });
    const views = run.output('views');
    expect(views).toHaveLength(4);
    expect(views.every((v) => v.sopClassUID === SopClass.SecondaryCaptureImageStorage)).toBe(true);
    expect(views.map((v) => v.attribute('PatientOrientation'))).toEqual([['L', 'F'], ['P', 'F'], ['R', 'F'], ['A', 'F']]);
    const blocks = views.map(viewBlock);
    expect(blocks.map((b) => (b.camera as number[])[0])).toEqual([0, 90, 180, 270]);
    expect(blocks.every((b) => b.renderingMode === 'MIP' && b.sourceSeries === ct.seriesInstanceUID)).toBe(true);
    expect(blocks[0]!.window).toEqual([300, 1200]);
    expect(JSON.parse(new TextDecoder().decode(blocks[1]!.viewParameters as Uint8Array).replace(/\0+$/, ''))).toMatchObject({ mode: 'MIP', view: 2, angle: 90, projections: 4 });
    expect([views[0]!.number('SamplesPerPixel'), views[0]!.number('BitsAllocated'), views[0]!.string('ConversionType')]).toEqual([1, 8, 'WSD']);
    expect(views[1]!.string('ImageComments')).toMatch(/^MIP projection 2 of 4 at 90 degrees about the head-foot axis/);
    // The ball (1000 HU) is brighter than the water around it: the top of the window.
    const frame = await views[0]!.frame(0);
    expect(Math.max(...frame.data)).toBe(255);
  });

  it('refuses a window width below zero, an unknown axis and a malformed clipping box before any view', async () => {
    await expect(kit.run('mip', ct, { windowWidth: '-5' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining('parameter "windowWidth"') });
    await expect(kit.run('mip', ct, { axis: 'sideways' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining('parameter "axis"') });
    await expect(kit.run('mip', ct, { clipBox: '1,2,3' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining('"clipBox" must be 6 numbers') });
  });

  it('writes what the golden file holds: the first of two views about the head-foot axis', async () => {
    const run = await kit.run('mip', ct, { projections: '2' });
    expectDerivedToMatchGolden(run.output('views')[0]!, 'golden/mip-view.json');
  });
});
