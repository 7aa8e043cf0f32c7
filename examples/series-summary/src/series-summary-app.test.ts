import { lookupKeyword, SdkError, SopClass, validateParameters } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin, testSeries, type DerivedTestObject } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import { drawText, textWidth } from './draw-text.js';
import plugin from './index.js';
import { createRaster, type Raster } from './raster.js';
import { LINE_PITCH, LINE_STYLE, LINES_AT, SUMMARY_SIZE, thumbnailBoxes, TITLE_AT, TITLE_STYLE } from './render-summary.js';
import { seriesSummaryApp } from './series-summary-app.js';
import { rasterRegion } from './test-support/raster-region.js';
import { windowToGrey } from './window-level.js';

/** The plugin as the host loads it: manifest checked, code joined with it. */
const kit = testPlugin(new URL('..', import.meta.url), plugin);

/** A CT series: instance i has one 32×32 frame of constant value 100·i (HU), window C 500 / W 1000, slices 2.5 mm apart. */
const ctSeries = (count: number) => testSeries({
  rows: 32,
  columns: 32,
  images: Array.from({ length: count }, (_, i) => new Int16Array(32 * 32).fill(100 * i)),
  pixelSpacing: 0.5,
  sliceSpacing: 2.5,
  attributes: { PatientName: 'DOE^JANE', PatientID: 'P-1', PatientSex: 'F', StudyDate: '20240131', SeriesNumber: 3, SeriesDescription: 'Axial', WindowCenter: 500, WindowWidth: 1000 },
});

/** The 512×512 pixels of the summary image, as stored. */
async function imageOf(object: DerivedTestObject): Promise<Raster> {
  const frame = await object.frame(0);
  expect([frame.rows, frame.columns, frame.samplesPerPixel, frame.photometricInterpretation]).toEqual([SUMMARY_SIZE, SUMMARY_SIZE, 1, 'MONOCHROME2']);
  return { width: SUMMARY_SIZE, height: SUMMARY_SIZE, data: Uint8Array.from(frame.data) };
}

/** The region a text occupies, and the same region of a blank raster with only that text drawn. */
function textRegions(image: Raster, text: string, x: number, y: number, style: typeof TITLE_STYLE): [number[], number[]] {
  const expected = createRaster(SUMMARY_SIZE, SUMMARY_SIZE);
  drawText(expected, text, x, y, style);
  const box = [x, y, textWidth(text, style), 7 * (style.scale ?? 1)] as const;
  return [rasterRegion(image, ...box), rasterRegion(expected, ...box)];
}

/** The grey of each thumbnail box (a set: one value when the box is uniform). */
const boxGreys = (image: Raster, count: number) => thumbnailBoxes(count).map((b) => new Set(rasterRegion(image, b.x, b.y, b.size, b.size)));

describe('series-summary app, run by the host engine in process', () => {
  it('writes one 512×512 8-bit Secondary Capture with the title, the facts and evenly sampled, window-levelled thumbnails', async () => {
    const input = ctSeries(10);
    const run = await kit.run('series-summary', input, { thumbnails: '3', title: 'CT summary' });

    expect(run.objects).toHaveLength(1);
    const summary = run.objects[0]!;
    expect([summary.output, summary.sopClassUID, summary.studyInstanceUID]).toEqual(['summary', SopClass.SecondaryCaptureImageStorage, input.studyInstanceUID]);
    expect(summary.string('ImageComments')).toBe(`Series summary of ${input.seriesInstanceUID}: 10 instances; thumbnails of 1, 6, 10. Not for clinical use.`);
    expect([summary.string('BurnedInAnnotation'), summary.string('SeriesDescription'), summary.string('PatientName')]).toEqual(['YES', 'Series summary', 'DOE^JANE']);
    expect((summary.attribute('SourceImageSequence') as { ReferencedSOPInstanceUID: string }[]).map((i) => i.ReferencedSOPInstanceUID)).toEqual(input.sopInstanceUIDs);
    const image = await imageOf(summary);

    // the title and two lines of facts, pixel for pixel
    const [title, expectedTitle] = textRegions(image, 'CT summary', TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
    expect(title).toEqual(expectedTitle);
    const [line, expectedLine] = textRegions(image, 'Slice increment: 2.5 mm', LINES_AT.x, LINES_AT.y + 6 * LINE_PITCH, LINE_STYLE);
    expect(line).toEqual(expectedLine);
    const [count, expectedCount] = textRegions(image, '10 instances, 10 frames', LINES_AT.x, LINES_AT.y + 4 * LINE_PITCH, LINE_STYLE);
    expect(count).toEqual(expectedCount);

    // thumbnails of instances 0, 5, 9 (0, 500, 900 HU), each filling its 56×56 box with the windowed grey
    expect(Array.from(windowToGrey([0, 500, 900], 500, 1000))).toEqual([0, 128, 230]);
    expect(boxGreys(image, 3)).toEqual([new Set([0]), new Set([128]), new Set([230])]);

    // progress per thumbnail, then 1
    expect(run.progress.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(run.progress.map((p) => p.message)).toEqual(['thumbnail 1 of 3', 'thumbnail 2 of 3', 'thumbnail 3 of 3', 'summary written']);
    expect(run.result).toEqual({
      summary: 'wrote a series summary with 3 thumbnails of 10 instances',
      data: { sopInstanceUID: summary.sopInstanceUID, seriesInstanceUID: summary.seriesInstanceUID, thumbnails: 3 },
    });
  });

  it('writes the summary the golden file holds (every attribute and how it was produced; UIDs and run dates normalised)', async () => {
    const run = await kit.run('series-summary', ctSeries(10), { thumbnails: '3', title: 'CT summary' });
    expectDerivedToMatchGolden(run.objects[0]!, 'golden/summary.json');
  });

  it('defaults to 8 thumbnails, sampled evenly, and the title "Series summary"', async () => {
    const run = await kit.run('series-summary', ctSeries(20));
    const image = await imageOf(run.objects[0]!);
    const sampled = [0, 3, 5, 8, 11, 14, 16, 19];
    expect(boxGreys(image, 8)).toEqual(Array.from(windowToGrey(sampled.map((i) => 100 * i), 500, 1000)).map((g) => new Set([g])));
    const [title, expected] = textRegions(image, 'Series summary', TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
    expect(title).toEqual(expected);
    expect(run.progress.at(-1)).toEqual({ fraction: 1, message: 'summary written' });
  });

  it('samples the frames of a multi-frame instance and labels them instance:frame', async () => {
    const frames = [0, 1, 2, 3].map((k) => new Uint16Array(8 * 16).fill(k * 10));
    const xa = testSeries({ modality: 'XA', rows: 8, columns: 16, images: [frames] });
    const run = await kit.run('series-summary', xa);
    expect(run.objects[0]!.string('ImageComments')).toBe(`Series summary of ${xa.seriesInstanceUID}: 1 instances; thumbnails of 1:1, 1:2, 1:3, 1:4. Not for clinical use.`);
    // no window attributes and constant frames: the full-range window maps each to black; a 16×8 frame fits as 56×28
    const image = await imageOf(run.objects[0]!);
    const box = thumbnailBoxes(4)[0]!;
    expect(new Set(rasterRegion(image, box.x, box.y + 14, 56, 28))).toEqual(new Set([0]));
    expect(rasterRegion(image, box.x - 1, box.y - 1, 1, 1)).toEqual([96]);
  });

  it('reads colour sources as RGB and shows their luminance', async () => {
    const us = testSeries({
      modality: 'US', rows: 4, columns: 4, images: [new Uint8Array(48).map((_, i) => [200, 100, 50][i % 3]!)],
      attributes: { SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: 0 },
    });
    const image = await imageOf((await kit.run('series-summary', us, { thumbnails: 1 })).objects[0]!);
    // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
    expect(boxGreys(image, 1)).toEqual([new Set([124])]);
  });

  it('inverts MONOCHROME1', async () => {
    const cr = testSeries({ modality: 'CR', rows: 2, columns: 2, images: [new Uint16Array([0, 0, 1000, 1000])], attributes: { PhotometricInterpretation: 'MONOCHROME1' } });
    const image = await imageOf((await kit.run('series-summary', cr, { thumbnails: 1 })).objects[0]!);
    const box = thumbnailBoxes(1)[0]!;
    expect(rasterRegion(image, box.x, box.y, 1, 1)).toEqual([255]); // value 0 → black → inverted white
    expect(rasterRegion(image, box.x, box.y + 55, 1, 1)).toEqual([0]);
  });

  it('stops without writing when cancelled, before or during the run', async () => {
    const before = new AbortController();
    before.abort();
    await expect(kit.run('series-summary', ctSeries(4), {}, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const during = new AbortController();
    const seen: (string | undefined)[] = [];
    const cancelling = { signal: during.signal, onProgress: (_f: number, message?: string) => (seen.push(message), during.abort()) };
    await expect(kit.run('series-summary', ctSeries(10), {}, cancelling)).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['thumbnail 1 of 8']);
  });

  it('refuses bad parameters before any work: thumbnails is a whole number from 1 to 16', async () => {
    expect(validateParameters(seriesSummaryApp.parameters, {})).toEqual({ thumbnails: 8, title: 'Series summary' });
    for (const bad of ['0', '17', '2.5', 'many']) {
      await expect(kit.run('series-summary', ctSeries(2), { thumbnails: bad })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID' });
    }
    await expect(kit.run('series-summary', ctSeries(2), { thumbnail: '2' })).rejects.toThrow(SdkError);
  });
});

describe('series-summary plugin: manifest and declarations', () => {
  it('loads as the host loads it: its manifest declares the app and output the code maps', () => {
    expect(kit.manifest).toMatchObject({ id: 'example.series-summary', apps: [{ id: 'series-summary', title: 'Series summary' }] });
    expect(kit.app('series-summary').outputs.summary).toMatchObject({ iod: 'secondary-capture-image', cardinality: 'N:1', description: 'Series summary' });
    expect(plugin.apps).toEqual([seriesSummaryApp]);
  });

  it('names only DICOM keywords in its load specification and mapping table', () => {
    const keywords = [...Object.keys(seriesSummaryApp.load), ...Object.keys(seriesSummaryApp.outputs.summary!.mapping)];
    expect(keywords.filter((k) => lookupKeyword(k) === undefined)).toEqual([]);
    expect(seriesSummaryApp.outputs.summary!.mapping.ImageComments).toEqual({ action: 'Generated', generator: 'Content' });
    expect(seriesSummaryApp.outputs.summary!.mapping.PatientComments).toEqual({ action: 'Removed' });
    expect(seriesSummaryApp.load.Rows).toMatchObject({ usage: 'Mandatory' });
  });
});
