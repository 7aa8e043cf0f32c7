import { readFileSync } from 'node:fs';
import { lookupKeyword, manifestProblems, seriesGeometry, SdkError, validateParameters, type DicomValue, type FrameData } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { drawText, textWidth } from './draw-text.js';
import plugin from './index.js';
import { createRaster, type Raster } from './raster.js';
import { LINE_PITCH, LINE_STYLE, LINES_AT, SUMMARY_SIZE, thumbnailBoxes, TITLE_AT, TITLE_STYLE } from './render-summary.js';
import { seriesSummaryApp } from './series-summary-app.js';
import { fakeInstance, fakeRun, fakeSeries, type FrameRequest } from './test-support/fake-run.js';
import { rasterRegion } from './test-support/raster-region.js';
import { windowToGrey } from './window-level.js';

/** A synthetic CT series: instance i has one 32×32 frame of constant value 100·i (HU), window C 500 / W 1000, slices 2.5 mm apart. */
function ctSeries(count: number, requests: FrameRequest[] = []) {
  const instances = Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, DicomValue> = {
      PatientName: 'DOE^JANE', PatientID: 'P-1', PatientSex: 'F', StudyDate: '20240131', Modality: 'CT', SeriesNumber: 3,
      SeriesDescription: 'Axial', InstanceNumber: i + 1, Rows: 32, Columns: 32, BitsAllocated: 16, PhotometricInterpretation: 'MONOCHROME2',
      PixelSpacing: [0.5, 0.5], WindowCenter: 500, WindowWidth: 1000,
    };
    const frame: FrameData = { rows: 32, columns: 32, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data: new Int16Array(32 * 32).fill(100 * i) };
    return fakeInstance(`2.25.10${i}`, attributes, [frame], requests);
  });
  const geometry = seriesGeometry(instances.map((_, i) => ({ imagePositionPatient: [-80, -80, 2.5 * i], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.5] })));
  return fakeSeries(instances, geometry);
}

const pixelsOf = (data: unknown): Raster => ({ width: SUMMARY_SIZE, height: SUMMARY_SIZE, data: data as Uint8Array });

/** The region a text occupies, and the same region of a blank raster with only that text drawn. */
function textRegions(image: Raster, text: string, x: number, y: number, style: typeof TITLE_STYLE): [number[], number[]] {
  const expected = createRaster(SUMMARY_SIZE, SUMMARY_SIZE);
  drawText(expected, text, x, y, style);
  const box = [x, y, textWidth(text, style), 7 * (style.scale ?? 1)] as const;
  return [rasterRegion(image, ...box), rasterRegion(expected, ...box)];
}

describe('series-summary app: run with a fake context', () => {
  it('writes one 512×512 8-bit MONOCHROME2 image with the title, the facts and evenly sampled, window-levelled thumbnails', async () => {
    const requests: FrameRequest[] = [];
    const input = ctSeries(10, requests);
    const run = fakeRun();
    const params = validateParameters(seriesSummaryApp.parameters, { thumbnails: '3', title: 'CT summary' });
    const result = await seriesSummaryApp.run(run.ctx, input, params);

    expect(run.writes).toHaveLength(1);
    const { output, request } = run.writes[0]!;
    expect(output).toBe('summary');
    expect(request.sources).toEqual(input.instances);
    expect(request.sources.every((s, i) => s === input.instances[i])).toBe(true);
    expect(request.burnedInAnnotation).toBe(true);
    expect(request.content).toEqual({
      ImageComments: 'Series summary of 2.25.100: 10 instances; thumbnails of 1, 6, 10. Not for clinical use.',
    });
    const { data, ...format } = request.pixels!;
    expect(format).toEqual({ rows: 512, columns: 512, samplesPerPixel: 1, bitsAllocated: 8 });
    expect(data).toBeInstanceOf(Uint8Array);
    const image = pixelsOf(data);

    // the title and the slice increment line, pixel for pixel
    const [title, expectedTitle] = textRegions(image, 'CT summary', TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
    expect(title).toEqual(expectedTitle);
    const [line, expectedLine] = textRegions(image, 'Slice increment: 2.5 mm', LINES_AT.x, LINES_AT.y + 6 * LINE_PITCH, LINE_STYLE);
    expect(line).toEqual(expectedLine);
    const [count, expectedCount] = textRegions(image, '10 instances, 10 frames', LINES_AT.x, LINES_AT.y + 4 * LINE_PITCH, LINE_STYLE);
    expect(count).toEqual(expectedCount);

    // thumbnails of instances 0, 5, 9 (values 0, 500, 900 HU), each filling its 56×56 box with the windowed grey
    const boxes = thumbnailBoxes(3);
    const greys = Array.from(windowToGrey([0, 500, 900], 500, 1000));
    expect(greys).toEqual([0, 128, 230]);
    boxes.forEach((box, i) => {
      expect(new Set(rasterRegion(image, box.x, box.y, box.size, box.size)), `thumbnail ${i}`).toEqual(new Set([greys[i]]));
    });
    expect(requests).toEqual([0, 5, 9].map((i) => ({ sopInstanceUID: `2.25.10${i}`, index: 0, options: { rescale: true } })));

    // progress per thumbnail, then 1
    expect(run.progress.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(run.progress.map((p) => p.message)).toEqual(['thumbnail 1 of 3', 'thumbnail 2 of 3', 'thumbnail 3 of 3', 'summary written']);
    expect(result).toEqual({
      summary: 'wrote a series summary with 3 thumbnails of 10 instances',
      data: { sopInstanceUID: '2.25.2001', seriesInstanceUID: '2.25.200', thumbnails: 3 },
    });
  });

  it('defaults to 8 thumbnails and the title "Series summary"', async () => {
    const requests: FrameRequest[] = [];
    const run = fakeRun();
    await seriesSummaryApp.run(run.ctx, ctSeries(20, requests), validateParameters(seriesSummaryApp.parameters, {}));
    expect(requests.map((r) => r.sopInstanceUID)).toEqual([0, 3, 5, 8, 11, 14, 16, 19].map((i) => `2.25.10${i}`));
    const [title, expected] = textRegions(pixelsOf(run.writes[0]!.request.pixels!.data), 'Series summary', TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
    expect(title).toEqual(expected);
    expect(run.progress.at(-1)).toEqual({ fraction: 1, message: 'summary written' });
  });

  it('samples the frames of a multi-frame instance and labels them instance:frame', async () => {
    const requests: FrameRequest[] = [];
    const frames = [0, 1, 2, 3].map((k): FrameData => ({ rows: 8, columns: 16, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data: new Uint16Array(128).fill(k * 10) }));
    const xa = fakeInstance('2.25.7', { Modality: 'XA', InstanceNumber: 1, PhotometricInterpretation: 'MONOCHROME2', Rows: 8, Columns: 16 }, frames, requests);
    const run = fakeRun();
    await seriesSummaryApp.run(run.ctx, fakeSeries([xa]), validateParameters(seriesSummaryApp.parameters, {}));
    expect(requests.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(run.writes[0]!.request.content).toEqual({ ImageComments: 'Series summary of 2.25.100: 1 instances; thumbnails of 1:1, 1:2, 1:3, 1:4. Not for clinical use.' });
    // no window attributes and constant frames: the full-range window maps each to black; a 16×8 frame fits as 56×28
    const image = pixelsOf(run.writes[0]!.request.pixels!.data);
    const box = thumbnailBoxes(4)[0]!;
    expect(new Set(rasterRegion(image, box.x, box.y + 14, 56, 28))).toEqual(new Set([0]));
    expect(rasterRegion(image, box.x - 1, box.y - 1, 1, 1)).toEqual([96]);
  });

  it('reads colour sources as RGB and shows their luminance', async () => {
    const requests: FrameRequest[] = [];
    const rgb: FrameData = { rows: 4, columns: 4, samplesPerPixel: 3, photometricInterpretation: 'RGB', data: new Uint8Array(48).map((_, i) => [200, 100, 50][i % 3]!) };
    const us = fakeInstance('2.25.8', { Modality: 'US', PhotometricInterpretation: 'YBR_FULL_422', SamplesPerPixel: 3 }, [rgb], requests);
    const run = fakeRun();
    await seriesSummaryApp.run(run.ctx, fakeSeries([us]), validateParameters(seriesSummaryApp.parameters, { thumbnails: 1 }));
    expect(requests).toEqual([{ sopInstanceUID: '2.25.8', index: 0, options: { color: 'rgb' } }]);
    const box = thumbnailBoxes(1)[0]!;
    // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
    expect(new Set(rasterRegion(pixelsOf(run.writes[0]!.request.pixels!.data), box.x, box.y, 56, 56))).toEqual(new Set([124]));
  });

  it('inverts MONOCHROME1', async () => {
    const frame: FrameData = { rows: 2, columns: 2, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME1', data: new Uint16Array([0, 0, 1000, 1000]) };
    const cr = fakeInstance('2.25.9', { Modality: 'CR', PhotometricInterpretation: 'MONOCHROME1' }, [frame]);
    const run = fakeRun();
    await seriesSummaryApp.run(run.ctx, fakeSeries([cr]), validateParameters(seriesSummaryApp.parameters, { thumbnails: 1 }));
    const box = thumbnailBoxes(1)[0]!;
    const image = pixelsOf(run.writes[0]!.request.pixels!.data);
    expect(rasterRegion(image, box.x, box.y, 1, 1)).toEqual([255]); // value 0 → black → inverted white
    expect(rasterRegion(image, box.x, box.y + 55, 1, 1)).toEqual([0]);
  });

  it('stops without writing when cancelled, before or during the run', async () => {
    const before = fakeRun();
    before.controller.abort();
    await expect(seriesSummaryApp.run(before.ctx, ctSeries(4), validateParameters(seriesSummaryApp.parameters, {}))).rejects.toMatchObject({ name: 'AbortError' });
    expect(before.writes).toEqual([]);

    const during = fakeRun();
    const requests: FrameRequest[] = [];
    const cancelling = { ...during.ctx, progress: (fraction: number) => (during.progress.push({ fraction, message: undefined }), during.controller.abort()) };
    await expect(seriesSummaryApp.run(cancelling, ctSeries(10, requests), validateParameters(seriesSummaryApp.parameters, {}))).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(1);
    expect(during.writes).toEqual([]);
  });
});

describe('series-summary plugin: manifest and declarations', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; atrium: Record<string, unknown> & { apps: { id: string }[] } };

  it('has a valid manifest whose apps are the plugin\'s apps', () => {
    expect(manifestProblems({ version: pkg.version, ...pkg.atrium })).toEqual([]);
    expect(pkg.atrium.id).toBe('example.series-summary');
    expect(plugin.apps.map((a) => a.id)).toEqual(pkg.atrium.apps.map((a) => a.id));
    expect(plugin.apps[0]).toBe(seriesSummaryApp);
  });

  it('names only DICOM keywords in its load specification and mapping table', () => {
    const keywords = [...Object.keys(seriesSummaryApp.load), ...Object.keys(seriesSummaryApp.outputs.summary!.mapping)];
    expect(keywords.filter((k) => lookupKeyword(k) === undefined)).toEqual([]);
    expect(seriesSummaryApp.outputs.summary!.mapping.ImageComments).toEqual({ action: 'Generated', generator: 'Content' });
    expect(seriesSummaryApp.outputs.summary!.mapping.PatientComments).toEqual({ action: 'Removed' });
    expect(seriesSummaryApp.load.Rows).toMatchObject({ usage: 'Mandatory' });
  });

  it('validates its parameters: thumbnails is a whole number from 1 to 16', () => {
    expect(validateParameters(seriesSummaryApp.parameters, {})).toEqual({ thumbnails: 8, title: 'Series summary' });
    for (const bad of ['0', '17', '2.5', 'many']) {
      expect(() => validateParameters(seriesSummaryApp.parameters, { thumbnails: bad })).toThrow(SdkError);
    }
  });
});
