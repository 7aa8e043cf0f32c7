import {
  defineApp, definePlugin, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping,
  scEquipmentMapping, SdkError, sopCommonMapping,
} from '@atrium/sdk';

/** A plugin for the kit's own tests: a grey image of the series' mean value, a run counter in storage, optional cancellation point. */
export const greyApp = defineApp({
  id: 'grey',
  load: { Rows: { usage: 'Mandatory' }, KVP: { usage: 'Used', expect: 120 } },
  parameters: {
    size: { type: 'integer', minimum: 8, maximum: 64, default: 16, description: 'rows and columns of the image' },
    fail: { type: 'boolean', default: false, description: 'throw a coded error instead of writing' },
  },
  outputs: {
    image: {
      mapping: {
        ...patientMapping, ...patientStudyMapping, ...generalStudyMapping, ...generalSeriesMapping, ...generalEquipmentMapping, ...scEquipmentMapping, ...sopCommonMapping,
        ImageComments: Generated('Content'), BurnedInAnnotation: Generated('BurnedInAnnotation'), SourceImageSequence: Generated('SourceImageSequence'),
      },
    },
  },
  async run(ctx, input, params) {
    if (params.fail) throw new SdkError('ATRIUM_ERR_FIXTURE', 'asked to fail');
    let sum = 0;
    let count = 0;
    for (const [i, instance] of input.instances.entries()) {
      ctx.signal.throwIfAborted();
      const frame = await instance.frame(0, { rescale: true });
      for (const v of frame.data) sum += v;
      count += frame.data.length;
      ctx.progress((i + 1) / (input.instances.length + 1), `read ${i + 1}`);
    }
    const runs = ((await ctx.storage.get<number>('runs')) ?? 0) + 1;
    await ctx.storage.set('runs', runs);
    const mean = count === 0 ? 0 : sum / count;
    const grey = Math.max(0, Math.min(255, Math.round(mean)));
    ctx.log.info(`mean ${mean}`);
    const ref = await ctx.derive.write('image', {
      sources: input.instances,
      pixels: { rows: params.size, columns: params.size, samplesPerPixel: 1, bitsAllocated: 8, data: new Uint8Array(params.size * params.size).fill(grey) },
      content: { ImageComments: `mean ${mean} of ${input.instances.length} instances` },
    });
    return { summary: `grey ${grey}, run ${runs}`, data: { grey, runs, sopInstanceUID: ref.sopInstanceUID } };
  },
});

export default definePlugin({ apps: [greyApp] });
