import {
  defineApp, definePlugin, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping,
  defineErrors, scEquipmentMapping, sopCommonMapping, type Scene, type SourceSeries,
} from '@atrium/sdk';

/** The fixture plugin's own error code. */
export const greyErrors = defineErrors({ ATRIUM_ERR_FIXTURE: { message: 'The grey app was asked to fail.', http: 400 } });

/**
 * A plugin for the kit's own tests: a grey image of the series' mean value, a run counter in
 * storage, optional cancellation point; with `reference`, the mean of another series of the study
 * too (`ctx.readSeries`); with `render`, how many images `ctx.render` drew of a one-camera scene.
 */
export const greyApp = defineApp({
  id: 'grey',
  load: { Rows: { usage: 'Mandatory' }, KVP: { usage: 'Used', expect: 120 } },
  parameters: {
    size: { type: 'integer', minimum: 8, maximum: 64, default: 16, description: 'rows and columns of the image' },
    fail: { type: 'boolean', default: false, description: 'throw a coded error instead of writing' },
    reference: { type: 'string', default: '', description: 'Series Instance UID of another series of the study whose mean is reported too' },
    render: { type: 'boolean', default: false, description: 'draw a one-camera scene with ctx.render and report how many images came back' },
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
    if (params.fail) throw greyErrors.error('ATRIUM_ERR_FIXTURE', 'asked to fail');
    const mean = await meanOf(input, (i) => ctx.progress((i + 1) / (input.instances.length + 1), `read ${i + 1}`), ctx.signal);
    const reference = params.reference === '' ? undefined : await meanOf(await ctx.readSeries!(params.reference), () => {}, ctx.signal);
    const rendered = params.render ? (ctx.render ? (await ctx.render.scene(ONE_CAMERA)).length : 'no renderer') : undefined;
    const runs = ((await ctx.storage.get<number>('runs')) ?? 0) + 1;
    await ctx.storage.set('runs', runs);
    const grey = Math.max(0, Math.min(255, Math.round(mean)));
    ctx.log.info(`mean ${mean}`);
    const ref = await ctx.derive.write('image', {
      sources: input.instances,
      pixels: { rows: params.size, columns: params.size, samplesPerPixel: 1, bitsAllocated: 8, data: new Uint8Array(params.size * params.size).fill(grey) },
      content: { ImageComments: `mean ${mean} of ${input.instances.length} instances` },
    });
    return {
      summary: `grey ${grey}, run ${runs}`,
      data: { grey, runs, sopInstanceUID: ref.sopInstanceUID, ...(reference === undefined ? {} : { reference }), ...(rendered === undefined ? {} : { rendered }) },
    };
  },
});

/** A 16 × 16 image of one triangle seen from the front. */
const ONE_CAMERA: Scene = {
  width: 16,
  height: 16,
  surfaces: [{ positions: new Float32Array([0, 0, 0, 10, 0, 0, 0, 0, 10]), triangles: new Uint32Array([0, 1, 2]), colour: [1, 1, 1] }],
  cameras: [{ focalPoint: [0, 0, 0], position: [0, -100, 0], viewUp: [0, 0, 1], parallelScale: 20 }],
};

/** The mean value (modality units) of the first frame of every instance of a series. */
async function meanOf(series: SourceSeries, read: (i: number) => void, signal: AbortSignal): Promise<number> {
  let sum = 0;
  let count = 0;
  for (const [i, instance] of series.instances.entries()) {
    signal.throwIfAborted();
    const frame = await instance.frame(0, { rescale: true });
    for (const v of frame.data) sum += v;
    count += frame.data.length;
    read(i);
  }
  return count === 0 ? 0 : sum / count;
}

export default definePlugin({ apps: [greyApp], errors: greyErrors });
