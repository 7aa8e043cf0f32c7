/**
 * @atrium/testing — the kit for Atrium plugin authors (a dev dependency, for tests only).
 *
 * It runs the real host engine in process, without a workstation: build a source series from
 * pixel arrays and a few attributes ({@link testSeries}), load the plugin as the host would
 * ({@link testPlugin}: manifest schema, SDK range, code against manifest), run an app with real
 * parameter validation, input and load checks and the real mapping engine ({@link TestPlugin.run}),
 * and get the derived objects back as data sets ({@link DerivedTestObject}), each checked by the
 * store's receive validation and by dciodvfy ({@link dciodvfy}). {@link expectDerivedToMatchGolden}
 * compares an object with a committed golden file. {@link testRenderer} gives apps that render in
 * 3-D the workstation's render service as `ctx.render`.
 */
export { testSeries, type PixelArray, type TestSeries, type TestSeriesOptions } from './test-series.js';
export { testPlugin, type TestPlugin, type TestRun, type TestRunOptions } from './test-plugin.js';
export { testRenderer, type TestRenderer } from './test-renderer.js';
export type { DerivedTestObject } from './derived-test-object.js';
export { TEST_OPERATOR, TEST_STATION } from './in-memory-host.js';
export { dciodvfy, dciodvfyFile, parseDciodvfyOutput, type DciodvfyReport } from './dciodvfy.js';
export { normaliseDerived, type GoldenItem, type GoldenObject, type GoldenOptions, type GoldenValue } from './golden/normalise-derived.js';
export { expectDerivedToMatchGolden, UPDATE_GOLDEN_VARIABLE } from './golden/expect-derived-to-match-golden.js';
