import type { TemplateValues } from './templates.js';

/*
 * The source files of a new plugin: the pure algorithm and its unit test, the app and its test
 * with the test kit (a run on the workstation's engine, a golden file of its output).
 */

/** src/grey-image.ts: the app's pure algorithm (plain numbers in, pixels out), tested without any host. */
export function greyImageTemplate(): string {
  return `/**
 * The pixels of a square 8-bit image of one grey level, row by row (pure: no DICOM, no host).
 * Throws RangeError for a size that is not a whole number from 1 or a level outside 0–255.
 */
export function greyImage(size: number, grey: number): Uint8Array {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(\`size must be a whole number from 1, got \${size}\`);
  if (!Number.isInteger(grey) || grey < 0 || grey > 255) throw new RangeError(\`grey must be a whole number from 0 to 255, got \${grey}\`);
  return new Uint8Array(size * size).fill(grey);
}
`;
}

/** src/grey-image.test.ts: the unit test of the pure algorithm. */
export function greyImageTestTemplate(): string {
  return `import { describe, expect, it } from 'vitest';
import { greyImage } from './grey-image.js';

describe('greyImage', () => {
  it('is size × size pixels of the grey level', () => {
    const pixels = greyImage(3, 200);
    expect(pixels).toEqual(new Uint8Array(9).fill(200));
  });

  it('refuses a size or a level it cannot draw', () => {
    expect(() => greyImage(0, 1)).toThrow(RangeError);
    expect(() => greyImage(2, 256)).toThrow('grey must be a whole number from 0 to 255, got 256');
  });
});
`;
}

/** src/index.ts: the app's code (its title, input and output are in the manifest) and the plugin. */
export function indexTemplate(v: TemplateValues): string {
  return `import {
  defineApp, definePlugin, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping,
  patientStudyMapping, scEquipmentMapping, sopCommonMapping,
} from '@atrium/sdk';
import { greyImage } from './grey-image.js';

/**
 * ${v.title}: writes one Secondary Capture image of a constant grey level for a series.
 * Its title, input series and output are declared in the manifest (package.json "atrium");
 * this is its code. A starting point: replace the body of \`run\` with your computation, keep
 * the contract (read \`input\`, honour \`ctx.signal\`, report \`ctx.progress\`, write through \`ctx.derive\`).
 */
export const ${v.appIdentifier} = defineApp({
  id: '${v.name}',
  load: {
    Modality: { usage: 'Used', note: 'printed in the image comments' },
  },
  parameters: {
    grey: { type: 'integer', minimum: 0, maximum: 255, default: 128, description: 'grey level of every pixel' },
    size: { type: 'integer', minimum: 16, maximum: 1024, default: 256, description: 'rows and columns of the image' },
  },
  outputs: {
    result: {
      // Copied: from the sources (only when every source has the same value); Generated: by
      // the host's named generators, or 'Content' (the app's own value); Removed: absent.
      // The SDK's fragments give each module's rules for a new object in the source study.
      mapping: {
        ...patientMapping,
        ...patientStudyMapping,
        ...generalStudyMapping,
        ...generalSeriesMapping,
        ...generalEquipmentMapping,
        ...scEquipmentMapping,
        ...sopCommonMapping,
        SourceImageSequence: Generated('SourceImageSequence'),
        BurnedInAnnotation: Generated('BurnedInAnnotation'),
        ImageComments: Generated('Content'),
      },
    },
  },
  async run(ctx, input, params) {
    ctx.signal.throwIfAborted();
    const ref = await ctx.derive.write('result', {
      sources: input.instances,
      pixels: { rows: params.size, columns: params.size, samplesPerPixel: 1, bitsAllocated: 8, data: greyImage(params.size, params.grey) },
      content: { ImageComments: \`grey level \${params.grey} for \${input.instances.length} \${input.modality ?? ''} instances\` },
    });
    ctx.progress(1, 'image written');
    return { summary: \`wrote one \${params.size}x\${params.size} image of grey level \${params.grey}\`, data: { sopInstanceUID: ref.sopInstanceUID } };
  },
});

export default definePlugin({ apps: [${v.appIdentifier}] });
`;
}

/** src/index.test.ts: the app run by the test kit on the host's engine, and a golden file of its output. */
export function indexTestTemplate(v: TemplateValues): string {
  return `import { expectDerivedToMatchGolden, testPlugin, testSeries } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

/** The plugin as the workstation loads it: the manifest and the code checked against each other. */
const kit = testPlugin(new URL('..', import.meta.url), plugin);

/** Two 4×4 CT slices (HU), as real DICOM files. */
const ct = testSeries({ rows: 4, columns: 4, images: [new Int16Array(16).fill(40), new Int16Array(16).fill(60)], attributes: { PatientName: 'Doe^Jane' } });

describe('${v.pluginId}', () => {
  it('writes one Secondary Capture of the grey level from all the sources', async () => {
    const run = await kit.run('${v.name}', ct, { grey: '200', size: '16' });
    expect(run.result.summary).toBe('wrote one 16x16 image of grey level 200');
    expect(run.objects).toHaveLength(1);
    const image = run.objects[0]!;
    expect([image.output, image.string('ImageComments'), image.string('PatientName')]).toEqual(['result', 'grey level 200 for 2 CT instances', 'Doe^Jane']);
    const frame = await image.frame(0);
    expect([frame.rows, frame.columns, new Set(frame.data)]).toEqual([16, 16, new Set([200])]);
  });

  it('writes what golden/result.json holds (written on the first run: review and commit it)', async () => {
    const run = await kit.run('${v.name}', ct, { grey: '200', size: '16' });
    expectDerivedToMatchGolden(run.objects[0]!, 'golden/result.json');
  });

  it('refuses bad parameters before any work, as the workstation does', async () => {
    await expect(kit.run('${v.name}', ct, { grey: '300' })).rejects.toThrow(/must be at most 255/);
  });
});
`;
}
