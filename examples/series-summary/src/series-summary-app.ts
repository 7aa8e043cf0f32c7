import { defineApp, type SourceInstance } from '@atrium/sdk';
import { describeSeries } from './describe-series.js';
import { makeThumbnail } from './make-thumbnail.js';
import { renderSummary, SUMMARY_SIZE, THUMBNAIL_SIZE } from './render-summary.js';
import { sampleEvenly } from './sample-evenly.js';
import { summaryMapping } from './summary-mapping.js';

/** Provenance line at the bottom of the image. */
const FOOTER = 'Atrium example series-summary - not for clinical use';

/**
 * Series summary: one 512×512 8-bit MONOCHROME2 Secondary Capture image per series, with a
 * title, the patient / study / series facts (modality, instance count, matrix, slice
 * increment from the series geometry) and a strip of thumbnails of frames sampled evenly
 * across the series. Burned-in text: Burned In Annotation is YES. Its title, input and output
 * are declared in the manifest (package.json "atrium"); this is the code.
 */
export const seriesSummaryApp = defineApp({
  id: 'series-summary',
  load: {
    Rows: { usage: 'Mandatory', note: 'thumbnail size' },
    Columns: { usage: 'Mandatory', note: 'thumbnail size' },
    BitsAllocated: { usage: 'Mandatory', note: 'pixel decoding' },
    PhotometricInterpretation: { usage: 'Used', note: 'colour sources are shown as luminance; MONOCHROME1 is inverted' },
    NumberOfFrames: { usage: 'Used', note: 'thumbnails are sampled over all frames' },
    RescaleSlope: { usage: 'Used', note: 'thumbnails show modality values' },
    RescaleIntercept: { usage: 'Used', note: 'thumbnails show modality values' },
    WindowCenter: { usage: 'Used', note: 'thumbnail window' },
    WindowWidth: { usage: 'Used', note: 'thumbnail window' },
    PixelSpacing: { usage: 'Used', note: 'printed' },
    ImagePositionPatient: { usage: 'Used', note: 'slice increment' },
    ImageOrientationPatient: { usage: 'Used', note: 'slice increment' },
    PatientName: { usage: 'Used', note: 'printed' },
    PatientID: { usage: 'Used', note: 'printed' },
    PatientSex: { usage: 'Used', note: 'printed' },
    PatientBirthDate: { usage: 'Used', note: 'printed' },
    StudyDate: { usage: 'Used', note: 'printed' },
    StudyDescription: { usage: 'Used', note: 'printed' },
    SeriesNumber: { usage: 'Used', note: 'printed' },
    SeriesDescription: { usage: 'Used', note: 'printed' },
    InstanceNumber: { usage: 'Used', note: 'thumbnail labels' },
    SliceThickness: { usage: 'Ignored', note: 'the slice increment comes from the positions' },
  },
  parameters: {
    thumbnails: { type: 'integer', minimum: 1, maximum: 16, default: 8, description: 'number of thumbnails, sampled evenly across the series' },
    title: { type: 'string', default: 'Series summary', description: 'title line of the image' },
  },
  outputs: { summary: { mapping: summaryMapping } },
  async run(ctx, input, params) {
    const frames: { instance: SourceInstance; frame: number }[] = [];
    for (const instance of input.instances) for (let frame = 0; frame < instance.numberOfFrames; frame++) frames.push({ instance, frame });
    const picks = sampleEvenly(frames.length, params.thumbnails).map((i) => frames[i]!);

    const thumbnails = [];
    for (const [i, { instance, frame }] of picks.entries()) {
      ctx.signal.throwIfAborted();
      const number = instance.number('InstanceNumber');
      const label = `${number ?? i + 1}` + (instance.numberOfFrames > 1 ? `:${frame + 1}` : '');
      thumbnails.push({ image: await makeThumbnail(instance, frame, THUMBNAIL_SIZE), label });
      ctx.progress((i + 1) / (picks.length + 1), `thumbnail ${i + 1} of ${picks.length}`);
    }
    ctx.signal.throwIfAborted();

    const image = renderSummary({ title: params.title, lines: describeSeries(input), thumbnails, footer: FOOTER });
    const shown = thumbnails.map((t) => t.label).join(', ');
    const comments = `Series summary of ${input.seriesInstanceUID}: ${input.instances.length} instances` + (shown ? `; thumbnails of ${shown}` : '') + '. Not for clinical use.';
    const ref = await ctx.derive.write('summary', {
      sources: input.instances,
      pixels: { rows: SUMMARY_SIZE, columns: SUMMARY_SIZE, samplesPerPixel: 1, bitsAllocated: 8, data: image.data },
      content: { ImageComments: comments },
      burnedInAnnotation: true,
    });
    ctx.progress(1, 'summary written');
    return {
      summary: `wrote a series summary with ${thumbnails.length} thumbnails of ${input.instances.length} instances`,
      data: { sopInstanceUID: ref.sopInstanceUID, seriesInstanceUID: ref.seriesInstanceUID, thumbnails: thumbnails.length },
    };
  },
});
