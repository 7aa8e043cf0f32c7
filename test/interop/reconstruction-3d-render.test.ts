/**
 * The host's render service (vtk.js on WebGL2 in headless Chromium via playwright-core) and the
 * volume / surface rendering app. Pictures are checked by what they must show: a bright ball to the
 * patient's left and head appears right of centre and up when seen from the front, the same for a
 * volume stored with other axes, for its iso-surface mesh, and nothing once clipped away; one browser
 * serves every render of a host and is closed with it. The app's RGB Secondary Captures pass
 * dciodvfy and pydicom reads the view parameters from the private block. Without Chromium the run
 * fails with a coded error saying how to install it. Through the plugin authors' kit with the same
 * render service (testRenderer), a view is pinned by a golden file (its pixels by tolerance).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag, type RenderedImage, type Scene, type Vec3, type Volume } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin, testRenderer } from '@atrium/testing';
import plugin from '../../plugins/reconstruction-3d/src/index.js';
import { analyticSeries } from '../../plugins/reconstruction-3d/src/test-support/analytic-series.js';
import { viewBlock } from '../../plugins/reconstruction-3d/src/test-support/view-block.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { ChromiumRenderService } from '../../host/src/render/chromium-render-service.js';
import { syntheticCtSeries } from '../../host/src/testing/synthetic-ct-series.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { obliqueAxes } from '../../plugins/reconstruction-3d/src/reslice/plane-orientation.js';
import { isoSurface } from '../../plugins/reconstruction-3d/src/surface/iso-surface.js';
import { analyticVolume, softBall } from '../../plugins/reconstruction-3d/src/test-support/analytic-volume.js';
import { atrium, tempDir } from '../e2e/cli-helpers.js';
import { ballRodPhantom } from '../support/ball-rod-phantom.js';
import { havePeers, runPydicom } from '../support/peers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

const BALL: Vec3 = [12, 0, 10];
const BONE = [
  { value: -1000, colour: [0, 0, 0], opacity: 0 },
  { value: 200, colour: [1, 1, 1], opacity: 0 },
  { value: 1000, colour: [1, 0.95, 0.9], opacity: 1 },
] as const;
const FRONT = { focalPoint: [0, 0, 0] as Vec3, position: [0, -500, 0] as Vec3, viewUp: [0, 0, 1] as Vec3, parallelScale: 40 };

/** Centroid (column, row) of the bright pixels of an image (of those at least `margin` pixels from its edges), from its top left. */
function brightCentroid(image: Pick<RenderedImage, 'width' | 'height' | 'rgb'>, margin = 0): { x: number; y: number; count: number } {
  let x = 0, y = 0, count = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    const [c, r] = [p % image.width, Math.floor(p / image.width)];
    if (c < margin || r < margin || c >= image.width - margin || r >= image.height - margin) continue;
    if (image.rgb[3 * p]! + image.rgb[3 * p + 1]! + image.rgb[3 * p + 2]! < 150) continue;
    x += c;
    y += r;
    count++;
  }
  return { x: x / count, y: y / count, count };
}

/** Where a patient point projects on the front view (x to the viewer's right = patient's left, y down = feet). */
function frontPixel(p: Vec3, size: number): { x: number; y: number } {
  const scale = size / (2 * FRONT.parallelScale);
  return { x: (size - 1) / 2 + p[0] * scale, y: (size - 1) / 2 - p[2] * scale };
}

describe.skipIf(!havePeers('chromium'))('the render service', () => {
  const service = new ChromiumRenderService();
  const grid = { dimensions: [64, 64, 64] as const, spacing: [1, 1, 1] as const, origin: [-31.5, -31.5, -31.5] as const };
  const straight = analyticVolume(grid, softBall(BALL, 8, 1000, -1000), true);
  const axes = obliqueAxes([0.3, -0.4, 1], 'normal');
  const turned = analyticVolume({ ...grid, origin: [0, 0, 0].map((c, a) => c - 31.5 * (axes.row[a]! + axes.column[a]! + axes.normal[a]!)) as unknown as Vec3, direction: [axes.row, axes.column, axes.normal] }, softBall(BALL, 8, 1000, -1000), true);
  const volumeScene = (v: Volume, extra: Partial<Scene> = {}): Scene => ({ width: 128, height: 128, cameras: [FRONT], volume: { grid: v, voxels: v.voxels, blend: 'composite', transfer: BONE.map((p) => ({ ...p, colour: [...p.colour] as [number, number, number] })), shade: true }, ...extra });
  afterAll(() => service.dispose());

  it('draws a ball to the patient\'s left and head right of centre and up, seen from the front; the same for a volume with other axes', async () => {
    const expected = frontPixel(BALL, 128);
    for (const v of [straight, turned]) {
      const [image] = await service.render(volumeScene(v));
      const found = brightCentroid(image!);
      expect(found.count).toBeGreaterThan(200);
      expect(Math.abs(found.x - expected.x)).toBeLessThan(2);
      expect(Math.abs(found.y - expected.y)).toBeLessThan(2);
    }
  }, 180_000);

  it('draws the iso-surface mesh at the same place, several cameras in one scene, and nothing when clipped away', async () => {
    const mesh = isoSurface(straight, 0);
    const back = { ...FRONT, position: [0, 500, 0] as Vec3 };
    const images = await service.render({ width: 128, height: 128, cameras: [FRONT, back], surfaces: [{ positions: mesh.positions, triangles: mesh.triangles, colour: [0.9, 0.9, 0.8] }] });
    const front = brightCentroid(images[0]!);
    const expected = frontPixel(BALL, 128);
    expect(Math.abs(front.x - expected.x)).toBeLessThan(2);
    expect(Math.abs(front.y - expected.y)).toBeLessThan(2);
    // From behind, the patient's left is on the viewer's left.
    expect(Math.abs(brightCentroid(images[1]!).x - (127 - expected.x))).toBeLessThan(2);
    const [clipped] = await service.render(volumeScene(straight, { clipBox: { min: [-31, -31, -31], max: [0, 31, 31] } }));
    expect(brightCentroid(clipped!).count).toBe(0);
  }, 180_000);

  it('starts one browser on the first render, reuses it, and closes it on dispose', async () => {
    expect(service.started).toBe(true);
    expect(service.launches).toBe(1);
    const [image] = await service.render(volumeScene(straight, { width: 64, height: 64 }));
    expect([image!.width, image!.height, image!.rgb.length]).toEqual([64, 64, 64 * 64 * 3]);
    expect(service.launches).toBe(1);
    await service.dispose();
    expect(service.started).toBe(false);
  }, 180_000);

  it('refuses a scene it cannot draw before starting anything', async () => {
    await expect(service.render(volumeScene(straight, { width: 5 }))).rejects.toMatchObject({ code: 'ATRIUM_ERR_RENDER_SCENE' });
    await expect(service.render({ ...volumeScene(straight), cameras: [{ ...FRONT, viewUp: [0, 1, 0] }] })).rejects.toMatchObject({ code: 'ATRIUM_ERR_RENDER_SCENE' });
    expect(service.started).toBe(false);
  });
});

describe.skipIf(!havePeers('chromium'))('volume and surface rendering app, through the CLI', () => {
  const store = tempDir('atrium-render-3d-');
  const files = syntheticCtSeries({ slices: 48, rows: 64, columns: 64, pixelSpacing: 1, sliceThickness: 1.25, phantom: ballRodPhantom, seed: 5 });
  const seriesUID = parseDicom(files[0]!).dataset.string(Tag.SeriesInstanceUID)!;
  const runApp = (...params: string[]) => atrium('--store', store, '--json', 'run', 'render-3d', '--series', seriesUID, ...params.flatMap((p) => ['--param', p]));
  const pathOf = (sop: string): string => {
    const ws = openWorkstation(store);
    try {
      return ws.files.absolute(ws.index.getInstances({ SOPInstanceUID: sop })[0]!.file.path);
    } finally {
      ws.close();
    }
  };

  beforeAll(async () => {
    const input = tempDir('atrium-render-3d-input-');
    files.forEach((f, i) => writeFileSync(join(input, `${i}.dcm`), f));
    expect((await atrium('--store', store, 'import', input)).code).toBe(0);
  }, 60_000);

  it('writes RGB Secondary Captures with the view parameters in the private block (volume preset, two views; surface), which pass dciodvfy', async () => {
    const volume = await runApp('preset=bone', 'views=2', 'size=128', 'azimuth=30', 'elevation=10', 'zoom=1.5');
    expect(volume.code, `${volume.err}${volume.out.slice(0, 2000)}`).toBe(0);
    const surface = await runApp('mode=surface', 'isoValue=500', 'size=128', 'clipBox=-40,40,-40,40,-40,0');
    expect(surface.code, `${surface.err}${surface.out.slice(0, 2000)}`).toBe(0);
    const written = [...(JSON.parse(volume.out) as { written: { sopInstanceUID: string }[] }).written, ...(JSON.parse(surface.out) as { written: { sopInstanceUID: string }[] }).written];
    expect(written).toHaveLength(3);
    for (const w of written) {
      const ds = parseDicom(readFileSync(pathOf(w.sopInstanceUID))).dataset;
      expect([ds.string(Tag.PhotometricInterpretation), ds.number(Tag.SamplesPerPixel), ds.number(Tag.Rows)]).toEqual(['RGB', 3, 128]);
      if (havePeers('dciodvfy')) {
        expect(dciodvfyFile(pathOf(w.sopInstanceUID)).errors).toEqual([]);
      }
    }
    if (!havePeers('pydicom')) return;
    const blocks = written.map((w) => JSON.parse(runPydicom(`import sys, json, struct, pydicom
ds = pydicom.dcmread(sys.argv[1])
b = ds.private_block(0x7109, 'ATRIUM 3D VIEW 1')
get = lambda e: b[e].value if (0x7109, b.block_start + e) in ds else None
tf = get(0x23)
print(json.dumps({
  'mode': get(0x34), 'camera': [float(x) for x in get(0x30)], 'window': [float(x) for x in get(0x31)] if get(0x31) else None,
  'iso': float(get(0x32)) if get(0x32) is not None else None, 'source': get(0x33),
  'parameters': json.loads(get(0x21).rstrip(b'\\0').decode()), 'transfer': list(struct.unpack('<%df' % (len(tf) // 4), tf)) if tf else None,
}))`, [pathOf(w.sopInstanceUID)])) as { mode: string; camera: number[]; window: number[] | null; iso: number | null; source: string; parameters: Record<string, unknown>; transfer: number[] | null });
    expect(blocks.map((b) => b.mode)).toEqual(['VOLUME', 'VOLUME', 'SURFACE']);
    expect(blocks.map((b) => b.camera)).toEqual([[30, 10, 1.5], [210, 10, 1.5], [0, 0, 1]]);
    expect(blocks[0]!.window).toEqual([500, 1000]);
    expect(blocks[0]!.transfer!.slice(0, 5)).toEqual([-1024, 0, 0, 0, 0]);
    expect(blocks[0]!.parameters).toMatchObject({ mode: 'VOLUME', preset: 'bone', view: 1 });
    expect(blocks[2]!.iso).toBe(500);
    expect(blocks.every((b) => b.source === seriesUID)).toBe(true);
  }, 300_000);

  it('without Chromium, the run fails with a coded error that says how to install it', async () => {
    const saved = process.env.ATRIUM_CHROMIUM;
    process.env.ATRIUM_CHROMIUM = '/nonexistent/chromium';
    try {
      const r = await atrium('--store', store, 'run', 'render-3d', '--series', seriesUID, '--param', 'size=64');
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('ATRIUM_ERR_RENDER_BROWSER_MISSING');
      expect(r.err).toContain('apt-get install chromium');
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.ATRIUM_CHROMIUM;
      else process.env.ATRIUM_CHROMIUM = saved;
    }
  }, 120_000);
});

describe.skipIf(!havePeers('chromium'))('render-3d through the plugin authors\' kit, with the workstation\'s render service', () => {
  const renderer = testRenderer();
  afterAll(() => renderer.dispose());
  const kit = testPlugin(fileURLToPath(new URL('../../plugins/reconstruction-3d/', import.meta.url)), plugin);
  // A ball of 6 mm at (4, −3, 10) in a 32 × 32 × 20 mm CT of air, voxel centres x, y −15.5…15.5, z 0…19.
  const ball = (x: number, y: number, z: number): number => (Math.hypot(x - 4, y + 3, z - 10) < 6 ? 1000 : -1000);
  const ct = analyticSeries(ball, { size: 32, slices: 20, seed: 'render-3d-kit' });

  it('draws the iso-surface where the patient geometry puts it, and the view matches its golden file (pixels by tolerance)', async () => {
    const run = await kit.run('render-3d', ct, { mode: 'surface', isoValue: '0', size: '128' }, { render: renderer });
    const [view] = run.output('views');
    expect(viewBlock(view!)).toMatchObject({ renderingMode: 'SURFACE', isoValue: 0, camera: [0, 0, 1] });
    // From the front the camera frames the volume's enclosing sphere (centre (0, 0, 9.5)) in the image height.
    const radius = Math.hypot(15.5, 15.5, 9.5);
    const scale = 128 / (2 * radius);
    const frame = await view!.frame(0);
    const found = brightCentroid({ width: 128, height: 128, rgb: frame.data as Uint8Array }, 24);
    expect(found.count).toBeGreaterThan(400);
    expect(Math.abs(found.x - (63.5 + 4 * scale))).toBeLessThan(1.5);
    expect(Math.abs(found.y - (63.5 - 0.5 * scale))).toBeLessThan(1.5);
    expectDerivedToMatchGolden(view!, fileURLToPath(new URL('../../plugins/reconstruction-3d/golden/render-3d-view.json', import.meta.url)), { lengthOnly: ['PixelData'] });
  }, 180_000);
});
