/**
 * Type tests of the SDK's public surface (`expectTypeOf`, `@ts-expect-error`), plus the
 * runtime behaviour of its pure helpers (validateParameters, seriesGeometry,
 * manifestProblems).
 *
 * Test files are not part of `tsc -b`, so the first test type-checks THIS file with the
 * TypeScript compiler: an `expectTypeOf` that does not hold, or a `@ts-expect-error` line
 * that is not an error, fails it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Copied, Generated, Removed, SDK_ERRORS, SdkError, defineApp, defineErrors, definePlugin, isWellFormedErrorCode, manifestProblems, seriesGeometry, validateParameters,
  type AppContext, type SdkErrorCode, type AppDefinition, type AppResult, type DerivedObjectRef, type DerivedObjectRequest, type FrameData,
  type ManifestApp, type ManifestOutput, type ParameterSchema, type Parameters, type PluginDefinition, type SeriesGeometry, type SlicePlane, type SourceSeries,
} from './index.js';
import { typeCheck } from './test-support/type-check.js';

const THIS_FILE = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------
// Type-level fixtures (checked by the compiler in the first test)
// ---------------------------------------------------------------------------------------

const schema = {
  threshold: { type: 'number', default: 130, unit: 'HU', description: 'calcium threshold' },
  slices: { type: 'integer', minimum: 1, description: 'slice count' },
  invert: { type: 'boolean', default: false, description: 'invert the grey scale' },
  kernel: { type: 'enum', values: ['smooth', 'sharp'], default: 'smooth', description: 'reconstruction kernel' },
  label: { type: 'string', default: 'Summary', description: 'a title' },
} as const satisfies ParameterSchema;

const app = defineApp({
  id: 'typed',
  load: { Rows: { usage: 'Mandatory', expect: 512 }, PixelSpacing: { usage: 'Used' }, BodyPartExamined: { usage: 'Ignored' } },
  parameters: {
    threshold: { type: 'number', default: 130, unit: 'HU', description: 'calcium threshold' },
    slices: { type: 'integer', minimum: 1, description: 'slice count' },
    invert: { type: 'boolean', default: false, description: 'invert the grey scale' },
    kernel: { type: 'enum', values: ['smooth', 'sharp'], default: 'smooth', description: 'reconstruction kernel' },
    label: { type: 'string', default: 'Summary', description: 'a title' },
  },
  outputs: {
    report: { mapping: { PatientName: Copied, SeriesInstanceUID: Generated('SeriesInstanceUID'), ImageComments: Generated('Content'), PatientComments: Removed } },
  },
  async run(ctx, input, params) {
    // Inferred inside run, without annotations:
    expectTypeOf(ctx).toEqualTypeOf<AppContext>();
    expectTypeOf(input).toEqualTypeOf<SourceSeries>();
    expectTypeOf(params.threshold).toEqualTypeOf<number>();
    expectTypeOf(params.slices).toEqualTypeOf<number>();
    expectTypeOf(params.invert).toEqualTypeOf<boolean>();
    expectTypeOf(params.kernel).toEqualTypeOf<'smooth' | 'sharp'>();
    expectTypeOf(params.label).toEqualTypeOf<string>();
    // @ts-expect-error — not a parameter of the schema
    void params.unknownParameter;
    // @ts-expect-error — parameters are read-only
    params.threshold = 1;
    const frame = await input.instances[0]!.frame(0, { rescale: true });
    expectTypeOf(frame).toEqualTypeOf<FrameData>();
    const ref = await ctx.derive.write('report', { sources: input.instances, content: { ImageComments: params.label } });
    expectTypeOf(ref).toEqualTypeOf<DerivedObjectRef>();
    return { summary: `${params.kernel} ${params.threshold}`, data: { sop: ref.sopInstanceUID } };
  },
});

type AppParams = Parameters<typeof app.parameters>;
type SchemaParams = Parameters<typeof schema>;

const otherApp = defineApp({
  id: 'other',
  load: {},
  parameters: {},
  outputs: {},
  async run() {
    return { summary: 'nothing' };
  },
});

// --- wrong shapes: each line below must be a compile error ---

defineApp({
  id: 'bad-parameter-type', load: {}, outputs: {},
  // @ts-expect-error — 'date' is not a parameter type
  parameters: { when: { type: 'date', description: 'd' } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'bad-default', load: {}, outputs: {},
  // @ts-expect-error — a number parameter's default must be a number
  parameters: { n: { type: 'number', default: '130', description: 'd' } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'enum-without-values', load: {}, outputs: {},
  // @ts-expect-error — an enum parameter needs its values
  parameters: { k: { type: 'enum', description: 'd' } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'no-description', load: {}, outputs: {},
  // @ts-expect-error — every parameter is documented
  parameters: { n: { type: 'number' } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'bad-load-usage', parameters: {}, outputs: {},
  // @ts-expect-error — load usage is Mandatory, Used or Ignored
  load: { Rows: { usage: 'Optional' } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'title-in-code', load: {}, parameters: {}, outputs: {},
  // @ts-expect-error — the title (like the description and the input) is declared in the manifest, not in the code
  title: 'Twice',
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'iod-in-code', load: {}, parameters: {},
  // @ts-expect-error — an output's IOD (like its cardinality and description) is declared in the manifest
  outputs: { out: { iod: 'secondary-capture-image', mapping: {} } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'no-mapping', load: {}, parameters: {},
  // @ts-expect-error — each output the code gives has a mapping table
  outputs: { out: {} },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'bad-mapping', load: {}, parameters: {},
  // @ts-expect-error — 'Moved' is not a mapping action
  outputs: { out: { mapping: { PatientName: { action: 'Moved' } } } },
  async run() { return { summary: '' }; },
});
const badManifestOutput: ManifestOutput = {
  // @ts-expect-error — 'ultrasound-image' is not an output IOD
  iod: 'ultrasound-image',
  cardinality: 'N:1',
  description: 'd',
};
const badCardinality: ManifestOutput = {
  iod: 'secondary-capture-image',
  // @ts-expect-error — cardinality is '1:1' or 'N:1'
  cardinality: '1:N',
  description: 'd',
};
const badSelector: ManifestApp = {
  id: 'x',
  title: 't',
  // @ts-expect-error — modality is a list
  input: { modality: 'CT' },
};
const privateInManifest: ManifestOutput = {
  iod: 'secondary-capture-image',
  cardinality: 'N:1',
  description: 'd',
  // @ts-expect-error — an output's private blocks are declared in the code, with its mapping table (AppOutput), not in the manifest
  privateBlocks: [],
};
defineApp({
  id: 'private-in-code', load: {}, parameters: {},
  outputs: { out: { mapping: {}, privateBlocks: [{ group: 0x7109, creator: 'ACME 1', elements: { view: { element: 0x21, vr: 'OB', vm: '1', description: 'the view' } } }] } },
  async run() { return { summary: '' }; },
});
defineApp({
  id: 'private-bad-vr', load: {}, parameters: {},
  // @ts-expect-error — a private element is not a sequence
  outputs: { out: { mapping: {}, privateBlocks: [{ group: 0x7109, creator: 'ACME 1', elements: { view: { element: 0x21, vr: 'SQ', vm: '1', description: 'd' } } }] } },
  async run() { return { summary: '' }; },
});
void [badManifestOutput, badCardinality, badSelector, privateInManifest];
// @ts-expect-error — 'PatientAddress' is not a generator
Generated('PatientAddress');
// @ts-expect-error — an app needs run
defineApp({ id: 'no-run', load: {}, parameters: {}, outputs: {} });
defineApp({
  id: 'bad-result', load: {}, parameters: {}, outputs: {},
  // @ts-expect-error — run resolves to an AppResult, not a string
  async run() { return 'done'; },
});
// @ts-expect-error — apps is a list of app definitions
definePlugin({ apps: app });
// @ts-expect-error — a plugin needs its apps
definePlugin({ activate() {} });
const badRequest: DerivedObjectRequest = {
  sources: [],
  // @ts-expect-error — 2 samples per pixel is neither MONOCHROME2 nor RGB
  pixels: { rows: 1, columns: 1, samplesPerPixel: 2, bitsAllocated: 8, data: new Uint8Array(2) },
};
void badRequest;

// ---------------------------------------------------------------------------------------

describe('SDK types', () => {
  it('this file type-checks: every expectTypeOf holds and every @ts-expect-error line is an error', () => {
    expect(typeCheck([THIS_FILE])).toEqual([]);
  });

  it('defineApp infers parameter types from the schema: number/integer → number, boolean, enum → union, string', () => {
    expectTypeOf<AppParams>().toEqualTypeOf<{
      readonly threshold: number;
      readonly slices: number;
      readonly invert: boolean;
      readonly kernel: 'smooth' | 'sharp';
      readonly label: string;
    }>();
    expectTypeOf<SchemaParams>().toEqualTypeOf<AppParams>();
    expectTypeOf(app.run).parameter(2).toEqualTypeOf<AppParams>();
    expectTypeOf(app.run).returns.toEqualTypeOf<Promise<AppResult>>();
    expectTypeOf(app).toExtend<AppDefinition<ParameterSchema>>();
  });

  it('Parameters<S> is read-only', () => {
    expectTypeOf<AppParams>().toEqualTypeOf<Readonly<AppParams>>();
    const p: AppParams = { threshold: 1, slices: 2, invert: true, kernel: 'sharp', label: 'x' };
    // @ts-expect-error — read-only
    p.kernel = 'smooth';
    // @ts-expect-error — not one of the enum values
    const q: AppParams = { ...p, kernel: 'medium' };
    void q;
  });

  it('definePlugin accepts apps with different parameter schemas and returns a frozen definition', () => {
    const plugin = definePlugin({ apps: [app, otherApp] });
    expectTypeOf(plugin).toEqualTypeOf<PluginDefinition>();
    expect(plugin.apps.map((a) => a.id)).toEqual(['typed', 'other']);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(Object.isFrozen(app)).toBe(true);
  });

  it('mapping rules are frozen data in the seed vocabulary', () => {
    expect(Copied).toEqual({ action: 'Copied' });
    expect(Removed).toEqual({ action: 'Removed' });
    expect(Generated('SeriesNumber')).toEqual({ action: 'Generated', generator: 'SeriesNumber' });
    expect(Generated('Content')).toEqual({ action: 'Generated', generator: 'Content' });
    expect([Copied, Removed, Generated('Empty')].every((r) => Object.isFrozen(r))).toBe(true);
  });
});

describe('SdkError', () => {
  it('carries a stable code of the SDK list, a message and details', () => {
    const e = new SdkError('ATRIUM_ERR_PARAM_INVALID', 'what went wrong', { parameter: 'x' });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.details]).toEqual(['SdkError', 'ATRIUM_ERR_PARAM_INVALID', 'what went wrong', { parameter: 'x' }]);
    expect(new SdkError('ATRIUM_ERR_VOLUME_INPUT', 'm').details).toEqual({});
    // @ts-expect-error a code that is not in the SDK's list is refused by the compiler
    expect(new SdkError('ATRIUM_ERR_TEST_WHAT', 'm').code).toBe('ATRIUM_ERR_TEST_WHAT');
    expectTypeOf<SdkErrorCode>().toEqualTypeOf<keyof typeof SDK_ERRORS>();
  });

  it('lists every SDK code with a message and an HTTP status', () => {
    for (const [code, spec] of Object.entries(SDK_ERRORS)) {
      expect(isWellFormedErrorCode(code), code).toBe(true);
      expect(spec.message.length, code).toBeGreaterThan(10);
      expect(spec.http >= 400 && spec.http <= 599, code).toBe(true);
    }
  });
});

describe('defineErrors', () => {
  const errors = defineErrors({
    ATRIUM_ERR_ACME_NO_SEEDS: { message: 'No seeds were given.', http: 400 },
    ATRIUM_ERR_ACME_TOO_MANY: { message: 'More seeds than lesions.', http: 422 },
  });

  it("makes SdkErrors with the plugin's own codes only", () => {
    const e = errors.error('ATRIUM_ERR_ACME_NO_SEEDS', 'give at least one seed', { parameter: 'seeds' });
    expect(e).toBeInstanceOf(SdkError);
    expect([e.code, e.message, e.details]).toEqual(['ATRIUM_ERR_ACME_NO_SEEDS', 'give at least one seed', { parameter: 'seeds' }]);
    expect(Object.keys(errors.codes)).toEqual(['ATRIUM_ERR_ACME_NO_SEEDS', 'ATRIUM_ERR_ACME_TOO_MANY']);
    expect(Object.isFrozen(errors) && Object.isFrozen(errors.codes)).toBe(true);
    // @ts-expect-error a code the list does not declare is refused by the compiler
    errors.error('ATRIUM_ERR_ACME_TYPO', 'x');
  });

  it('refuses malformed codes, SDK codes, and entries without message or HTTP status, when the module loads', () => {
    expect(() => defineErrors({ ATRIUM_ERR_acme: { message: 'm', http: 400 } })).toThrow(/not a code/);
    expect(() => defineErrors({ ATRIUM_ERR_PARAM_INVALID: { message: 'mine', http: 400 } })).toThrow(/an SDK code/);
    expect(() => defineErrors({ ATRIUM_ERR_ACME_X: { message: '', http: 400 } })).toThrow(/needs a message/);
    expect(() => defineErrors({ ATRIUM_ERR_ACME_X: { message: 'm', http: 200 } })).toThrow(/HTTP status from 400 to 599/);
  });
});

describe('validateParameters', () => {
  const thrown = (f: () => unknown): SdkError => {
    try {
      f();
    } catch (e) {
      if (e instanceof SdkError) return e;
      throw e;
    }
    throw new Error('expected an SdkError');
  };

  it('applies defaults and keeps given values', () => {
    expect(validateParameters(schema, { slices: 3 })).toEqual({ threshold: 130, slices: 3, invert: false, kernel: 'smooth', label: 'Summary' });
    expect(validateParameters(schema, { slices: 1, threshold: -50.5, invert: true, kernel: 'sharp', label: '' })).toEqual({
      threshold: -50.5, slices: 1, invert: true, kernel: 'sharp', label: '',
    });
  });

  it('converts strings from the command line', () => {
    expect(validateParameters(schema, { slices: '4', threshold: ' 130.5 ', invert: 'true' })).toMatchObject({ slices: 4, threshold: 130.5, invert: true });
    expect(validateParameters(schema, { slices: '4', invert: 'false' }).invert).toBe(false);
    expect(validateParameters(schema, { slices: '1e1' }).slices).toBe(10);
  });

  it('ATRIUM_ERR_PARAM_UNKNOWN names the parameter and the nearest known one, else the known ones', () => {
    const e = thrown(() => validateParameters(schema, { slices: 1, treshold: 100 }));
    expect([e.code, e.message, e.details]).toEqual(['ATRIUM_ERR_PARAM_UNKNOWN', 'unknown parameter "treshold" (did you mean threshold?)', { parameter: 'treshold', suggestion: 'threshold' }]);
    expect(thrown(() => validateParameters(schema, { slices: 1, colour: 'red' })).message).toBe('unknown parameter "colour"; known: threshold, slices, invert, kernel, label');
    expect(thrown(() => validateParameters({}, { x: 1 })).message).toBe('unknown parameter "x"; known: (none)');
  });

  it('ATRIUM_ERR_PARAM_MISSING names the required parameter and its description', () => {
    const e = thrown(() => validateParameters(schema, {}));
    expect([e.code, e.message, e.details]).toEqual(['ATRIUM_ERR_PARAM_MISSING', 'parameter "slices" is required: slice count', { parameter: 'slices' }]);
  });

  it.each([
    [{ slices: 'many' }, 'parameter "slices" must be a number (got "many")'],
    [{ slices: '' }, 'parameter "slices" must be a number (got "")'],
    [{ slices: 2.5 }, 'parameter "slices" must be a whole number (got 2.5)'],
    [{ slices: '2.5' }, 'parameter "slices" must be a whole number (got "2.5")'],
    [{ slices: 0 }, 'parameter "slices" must be at least 1 (got 0)'],
    [{ slices: 1, threshold: Number.NaN }, 'parameter "threshold" must be a number (got null)'],
    [{ slices: 1, threshold: true }, 'parameter "threshold" must be a number, not a boolean (true): write it as "threshold": 130'],
    [{ slices: [2] }, 'parameter "slices" must be a whole number, not an array ([2]): write it as "slices": 1'],
    [{ slices: 1, invert: 'yes' }, 'parameter "invert" must be true or false (got "yes")'],
    [{ slices: 1, invert: 1 }, 'parameter "invert" must be true or false, not a number (1): write it as "invert": false'],
    [{ slices: 1, kernel: 'medium' }, 'parameter "kernel" must be one of smooth, sharp (got "medium")'],
    [{ slices: 1, kernel: null }, 'parameter "kernel" must be one of smooth, sharp (a string), not null: write it as "kernel": "smooth"'],
    [{ slices: 1, label: 42 }, 'parameter "label" must be a string, not a number (42): write it as "label": "Summary"'],
  ])('ATRIUM_ERR_PARAM_INVALID for %j', (raw, message) => {
    const e = thrown(() => validateParameters(schema, raw));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_PARAM_INVALID', message]);
    expect(Object.keys(raw)).toContain(e.details.parameter);
  });

  it('takes a string parameter that holds JSON as that JSON value, or as its text; another type is named with the example', () => {
    const s = {
      seeds: { type: 'string', json: 'array', example: '[{"artery":"LAD","at":[x,y,z]}]', default: '[]', description: 'seeds' },
      phantom: { type: 'string', json: 'object', default: '', description: 'phantom' },
    } as const satisfies ParameterSchema;
    expect(validateParameters(s, { seeds: [{ artery: 'LAD', at: [1, 2, 3] }], phantom: { radius: 5 } })).toEqual({ seeds: '[{"artery":"LAD","at":[1,2,3]}]', phantom: '{"radius":5}' });
    expect(validateParameters(s, { seeds: '[]' })).toEqual({ seeds: '[]', phantom: '' });
    const e = thrown(() => validateParameters(s, { seeds: { artery: 'LAD' } }));
    expect([e.code, e.message, e.details]).toEqual([
      'ATRIUM_ERR_PARAM_INVALID',
      'parameter "seeds" must be a JSON array (or its text), not an object ({"artery":"LAD"}): write it as "seeds": [{"artery":"LAD","at":[x,y,z]}]',
      { parameter: 'seeds', value: { artery: 'LAD' }, given: 'object', example: '"seeds": [{"artery":"LAD","at":[x,y,z]}]' },
    ]);
    expect(thrown(() => validateParameters(s, { phantom: [1] })).message).toBe('parameter "phantom" must be a JSON object (or its text), not an array ([1]): write it as "phantom": {}');
  });

  it('checks maximum and the whole-string pattern', () => {
    const s = {
      n: { type: 'number', maximum: 10, description: 'n' },
      code: { type: 'string', pattern: '[A-Z]{2}\\d', default: 'AB1', description: 'code' },
    } as const satisfies ParameterSchema;
    expect(thrown(() => validateParameters(s, { n: 10.5 })).message).toBe('parameter "n" must be at most 10 (got 10.5)');
    expect(validateParameters(s, { n: 10, code: 'XY7' })).toEqual({ n: 10, code: 'XY7' });
    const e = thrown(() => validateParameters(s, { n: 1, code: 'XY7Z' }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_PARAM_INVALID', 'parameter "code" must match [A-Z]{2}\\d (got "XY7Z")']);
    expect(thrown(() => validateParameters(s, { n: 1, code: 'zXY7' })).code).toBe('ATRIUM_ERR_PARAM_INVALID');
  });
});

describe('seriesGeometry', () => {
  const AXIAL = [1, 0, 0, 0, 1, 0] as const;
  const stack = (positions: readonly (readonly number[])[], orientation: readonly number[] = AXIAL, spacing: readonly number[] = [0.5, 0.5]): SlicePlane[] =>
    positions.map((p) => ({ imagePositionPatient: p, imageOrientationPatient: orientation, pixelSpacing: spacing }));
  const zStack = (zs: readonly number[]): SlicePlane[] => stack(zs.map((z) => [-120, -130, z]));

  it('an axial stack at 2.5 mm: increment exactly 2.5, distances along +z, no problems', () => {
    const g: SeriesGeometry = seriesGeometry(zStack([-100, -97.5, -95, -92.5, -90]));
    expect(g.sliceIncrement).toBe(2.5);
    expect(g.normal).toEqual([0, 0, 1]);
    expect(g.orientation).toEqual([1, 0, 0, 0, 1, 0]);
    expect(g.pixelSpacing).toEqual([0.5, 0.5]);
    expect(g.distances).toEqual([-100, -97.5, -95, -92.5, -90]);
    expect(g.positions[4]).toEqual([-120, -130, -90]);
    expect(g.problems).toEqual([]);
  });

  it('reversed order (feet first): same increment, decreasing distances', () => {
    const g = seriesGeometry(zStack([-90, -92.5, -95, -97.5, -100]));
    expect(g.sliceIncrement).toBe(2.5);
    expect(g.distances).toEqual([-90, -92.5, -95, -97.5, -100]);
    expect(g.problems).toEqual([]);
  });

  it('a sagittal stack: normal = row × column, increment from the positions', () => {
    // rows along +y (posterior), columns along -z (feet): normal = row × column = (0,1,0)×(0,0,-1) = (-1,0,0)
    const g = seriesGeometry(stack([[10, 0, 0], [13, 0, 0], [16, 0, 0]], [0, 1, 0, 0, 0, -1]));
    expect(g.normal).toEqual([-1, 0, 0]);
    expect(g.distances).toEqual([-10, -13, -16]);
    expect(g.sliceIncrement).toBe(3);
    expect(g.problems).toEqual([]);
  });

  it('one slice: no increment, no problems', () => {
    const g = seriesGeometry(zStack([7]));
    expect(g.sliceIncrement).toBeUndefined();
    expect(g.problems).toEqual([]);
  });

  it('a duplicate position is reported; the increment is the median step', () => {
    const g = seriesGeometry(zStack([0, 2.5, 2.5, 5, 7.5]));
    expect(g.sliceIncrement).toBe(2.5);
    expect(g.problems).toEqual(['slices 2 and 3: same position along the normal']);
  });

  it('uneven spacing (a missing slice) is reported', () => {
    const g = seriesGeometry(zStack([0, 2.5, 5, 10, 12.5]));
    expect(g.sliceIncrement).toBe(2.5);
    expect(g.problems).toEqual(['slices 3 and 4: spacing 5 mm differs from 2.5 mm']);
  });

  it('a gantry-tilted stack (positions along z, image plane tilted 15°) is reported for every step', () => {
    const t = (15 * Math.PI) / 180;
    // columns tilted in the y-z plane: (0, cos t, -sin t); normal = (0, sin t, cos t)
    const g = seriesGeometry(stack([0, 2.5, 5, 7.5].map((z) => [-120, -130, z]), [1, 0, 0, 0, Math.cos(t), -Math.sin(t)]));
    expect(g.normal[0]).toBeCloseTo(0, 12);
    expect(g.normal[1]).toBeCloseTo(Math.sin(t), 12);
    expect(g.normal[2]).toBeCloseTo(Math.cos(t), 12);
    expect(g.sliceIncrement).toBeCloseTo(2.5 * Math.cos(t), 12); // 2.4148 mm along the normal
    // across = 2.5 sin 15° = 0.64705 mm per step
    expect(g.problems).toEqual([1, 2, 3].map((i) => `slices ${i} and ${i + 1}: positions move 0.647 mm across the image plane (tilted or sheared stack)`));
  });

  it('a sheared stack (1 mm sideways per slice) is reported', () => {
    const g = seriesGeometry(stack([[0, 0, 0], [1, 0, 2.5], [2, 0, 5]]));
    expect(g.sliceIncrement).toBe(2.5);
    expect(g.problems).toEqual([
      'slices 1 and 2: positions move 1 mm across the image plane (tilted or sheared stack)',
      'slices 2 and 3: positions move 1 mm across the image plane (tilted or sheared stack)',
    ]);
  });

  it('a different orientation or pixel spacing on one slice is reported', () => {
    const slices = zStack([0, 2.5, 5, 7.5]);
    const rotated = [Math.cos(0.1), Math.sin(0.1), 0, -Math.sin(0.1), Math.cos(0.1), 0];
    slices[2] = { ...slices[2]!, imageOrientationPatient: rotated };
    slices[3] = { ...slices[3]!, pixelSpacing: [0.5, 0.6] };
    expect(seriesGeometry(slices).problems).toEqual([
      'slice 3: Image Orientation (Patient) differs from slice 1',
      'slice 4: Pixel Spacing differs from slice 1',
    ]);
  });

  it('differences within the tolerance (1e-3) are not problems', () => {
    const slices = zStack([0, 2.5, 5]);
    slices[1] = { ...slices[1]!, imageOrientationPatient: [1, 0.0005, 0, 0, 1, 0], pixelSpacing: [0.5004, 0.5] };
    expect(seriesGeometry(slices).problems).toEqual([]);
  });

  it('rejects an empty stack and malformed attributes', () => {
    expect(() => seriesGeometry([])).toThrow(RangeError);
    expect(() => seriesGeometry(stack([[0, 0]]))).toThrow('Image Orientation (Patient) needs 6 values, Image Position (Patient) 3, Pixel Spacing 2');
    expect(() => seriesGeometry(stack([[0, 0, 0]], [1, 0, 0, 0, 1]))).toThrow(RangeError);
    expect(() => seriesGeometry(stack([[0, 0, 0]], AXIAL, [0.5]))).toThrow(RangeError);
  });
});

describe('manifestProblems', () => {
  const valid = {
    id: 'example.series-summary',
    version: '0.1.0',
    main: 'dist/index.js',
    engines: { sdk: '^0.1.0' },
    capabilities: ['read-series', 'write-derived'],
    apps: [{ id: 'series-summary', title: 'Series summary', input: { minInstances: 1 } }],
  };

  it('a valid manifest has no problems', () => {
    expect(manifestProblems(valid)).toEqual([]);
    expect(manifestProblems({ ...valid, version: '1.2.3-beta.1', capabilities: [], apps: [...valid.apps, { id: 'b2', title: 'B', input: {} }] })).toEqual([]);
  });

  it.each([
    [undefined, ['the "atrium" field must be an object']],
    [null, ['the "atrium" field must be an object']],
    ['example.x', ['the "atrium" field must be an object']],
    [{ ...valid, id: 'Example.Series' }, ['id must be the plugin id, "publisher.name" in lower case letters, digits and "-", e.g. atrium.calcium-scoring (got "Example.Series")']],
    [{ ...valid, id: 'series-summary' }, ['id must be the plugin id, "publisher.name" in lower case letters, digits and "-", e.g. atrium.calcium-scoring (got "series-summary")']],
    [{ ...valid, id: undefined }, ['id is required']],
    [{ ...valid, version: '1.0' }, ['version must be a semver version like 1.0.0 (got "1.0")']],
    [{ ...valid, main: '' }, ['main must not be empty']],
    [{ ...valid, engines: undefined }, ['engines is required']],
    [{ ...valid, engines: { sdk: ' ' } }, ['engines.sdk must be the semver range of @atrium/sdk the plugin was built against, e.g. ^0.1.0 (got " ")']],
    [{ ...valid, capabilities: ['read-series', 'admin'] }, ['capabilities[1] must be one of read-series, write-derived, network (got "admin")']],
    [{ ...valid, capabilities: 'read-series' }, ['capabilities must be a list (got "read-series")']],
    [{ ...valid, apps: [] }, ['apps must list at least 1 item(s)']],
    [{ ...valid, apps: undefined }, ['apps is required']],
    [{ ...valid, apps: [{ id: 'Series_Summary', title: 'S', input: {} }] }, ['apps[0].id must be the app id, in lower case letters, digits and "-" (the id of its defineApp) (got "Series_Summary")']],
    [{ ...valid, apps: [valid.apps[0], valid.apps[0]] }, ['apps[1].id "series-summary" is declared twice']],
    [{ ...valid, apps: [{ id: 'a', input: {} }] }, ['apps[0].title is required']],
    [{ ...valid, apps: [{ id: 'a', title: 'A' }] }, ['apps[0].input is required']],
    [{ ...valid, apps: [null] }, ['apps[0] must be an object (got null)']],
    [{ ...valid, capabilties: [] }, ['capabilties is not a field here (did you mean capabilities?); known: id, version, displayName, main, engines, capabilities, apps, activationEvents, manufacturer']],
    [{ ...valid, apps: [{ ...valid.apps[0], input: { modality: 'CT', minInstances: 0, sopClassUid: ['1.2.840.10008.5.1.4.1.1.2\\1.2'] } }] }, [
      'apps[0].input.modality must be a list (got "CT")',
      'apps[0].input.minInstances must be at least 1 (got 0)',
      'apps[0].input.sopClassUid[0] must be a SOP Class UID (got "1.2.840.10008.5.1.4.1.1.2\\\\1.2")',
    ]],
    [{ ...valid, apps: [{ ...valid.apps[0], outputs: { summary: { iod: 'ultrasound-image', cardinality: '1:N', description: '' }, 'Bad Name': { iod: 'ct-image', cardinality: '1:1', description: 'x', mapping: {} } } }] }, [
      'apps[0].outputs.summary.iod must be one of ct-image, mr-image, secondary-capture-image, multi-frame-grayscale-byte-secondary-capture-image, multi-frame-grayscale-word-secondary-capture-image, multi-frame-true-color-secondary-capture-image, nuclear-medicine-image, enhanced-sr, comprehensive-sr, encapsulated-stl (got "ultrasound-image")',
      'apps[0].outputs.summary.cardinality must be one of 1:1, N:1 (got "1:N")',
      'apps[0].outputs.summary.description must not be empty',
      'apps[0].outputs.Bad Name (the name) must be an output name, in lower case letters, digits and "-" (got "Bad Name")',
      'apps[0].outputs.Bad Name.mapping is not a field here; known: iod, cardinality, description, derivationDescription, derivationCode',
    ]],
  ])('%j → %j', (manifest, problems) => {
    expect(manifestProblems(manifest)).toEqual(problems);
  });

  it('reports every problem at once, in field order', () => {
    expect(manifestProblems({})).toEqual(['id is required', 'version is required', 'main is required', 'engines is required', 'capabilities is required', 'apps is required']);
  });
});

