import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { DerivedTestObject } from '../derived-test-object.js';
import { normaliseDerived, type GoldenOptions } from './normalise-derived.js';

/** The environment variable that makes {@link expectDerivedToMatchGolden} write the golden files instead of comparing. */
export const UPDATE_GOLDEN_VARIABLE = 'ATRIUM_UPDATE_GOLDEN';

/**
 * Compare a derived object with its golden file: the object's attributes, normalised by
 * {@link normaliseDerived} (UIDs, the run's dates and times, bulk data by hash), and how the
 * engine produced each one, as JSON. A relative `goldenPath` is resolved against the package
 * folder of the test file that calls it (the nearest folder with a package.json): `golden/x.json`
 * is `<plugin>/golden/x.json` for a test anywhere in the plugin.
 *
 * - Differences fail the test with a diff of the attributes.
 * - With `ATRIUM_UPDATE_GOLDEN=1` (`npm run golden:update`) the file is written instead: review
 *   the diff and commit it.
 * - A missing file is written on the first run (and the test passes), as Vitest does with
 *   snapshots — except under `CI=true`, where it fails: goldens are committed, never made in CI.
 * - `options.lengthOnly` names attributes whose bulk data is compared by length only (the pixels
 *   of a GPU rendering): test their values by tolerance.
 */
export function expectDerivedToMatchGolden(object: DerivedTestObject, goldenPath: string, options: GoldenOptions = {}): void {
  const testPath = expect.getState().testPath;
  const path = isAbsolute(goldenPath) ? goldenPath : resolve(testPath ? packageFolder(dirname(testPath)) : process.cwd(), goldenPath);
  const actual = normaliseDerived(object, options);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  const update = process.env[UPDATE_GOLDEN_VARIABLE] === '1' || process.env[UPDATE_GOLDEN_VARIABLE] === 'true';
  if (!update && !existsSync(path)) {
    if (process.env.CI === 'true') {
      throw new Error(`the golden file ${path} is missing: run the tests with ${UPDATE_GOLDEN_VARIABLE}=1 (npm run golden:update) and commit it; CI never writes goldens`);
    }
    console.warn(`golden file written: ${path} (review and commit it)`);
  }
  if (update || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  const golden = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  expect(actual, `${object.output} ${object.sopInstanceUID} differs from ${path}; if the change is intended, run with ${UPDATE_GOLDEN_VARIABLE}=1 (npm run golden:update) and commit the file`).toEqual(golden);
}

/** The nearest folder from `dir` up that holds a package.json (`dir` itself when none does). */
function packageFolder(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return dir;
  }
}
