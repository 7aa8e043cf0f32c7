import { Tag } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import { uidProblem } from '../../io/uid-problem.js';
import { validationProblem, type ValidationProblem } from './validation-problem.js';
import { quoteValue } from '../../io/quote-value.js';

/** A geometry attribute: how many values it has and what each must be. */
interface GeometryRule {
  readonly count: number;
  /** A pixel spacing: negative is refused, 0 is a warning. */
  readonly spacing?: boolean;
}

/** Geometry attributes (PS3.3 C.7.6.2 Image Plane, C.8.24.3 DX Detector, the functional group macros). */
const GEOMETRY: ReadonlyMap<number, GeometryRule> = new Map([
  [Tag.PixelSpacing, { count: 2, spacing: true }],
  [Tag.ImagerPixelSpacing, { count: 2, spacing: true }],
  [Tag.ImageOrientationPatient, { count: 6 }],
  [Tag.ImagePositionPatient, { count: 3 }],
  [Tag.SliceThickness, { count: 1 }],
]);

/**
 * Geometry where it is present, at any depth (top level, or the Pixel Measures / Plane
 * Position / Plane Orientation functional groups of enhanced objects). Refused: values a
 * viewer cannot place or measure the image with — not numbers, not as many as the
 * attribute has (PixelSpacing 2, ImageOrientationPatient 6 with two non-zero direction
 * vectors, ImagePositionPatient 3, SliceThickness 1), a negative spacing, a top-level
 * Frame of Reference UID that is not a UID. A spacing of 0 (written by equipment that
 * does not know it) is a warning: the image displays, distances cannot be measured. An
 * attribute that is absent or empty is not geometry "present" (see the Type 1 checks).
 */
export function checkGeometry(ds: DataSet, path: readonly number[] = []): { refusals: ValidationProblem[]; warnings: ValidationProblem[] } {
  const out = { refusals: [] as ValidationProblem[], warnings: [] as ValidationProblem[] };
  for (const e of ds.elements) {
    if (e.items) {
      for (const item of e.items) {
        const nested = checkGeometry(item.dataset, [...path, e.tag]);
        out.refusals.push(...nested.refusals);
        out.warnings.push(...nested.warnings);
      }
      continue;
    }
    if (e.value.length === 0) continue;
    const rule = GEOMETRY.get(e.tag);
    if (rule) {
      const found = geometryProblem(ds.numbers(e.tag), rule, e.tag);
      if (found) (found.unusable ? out.refusals : out.warnings).push(validationProblem('BAD_GEOMETRY', e.tag, `${found.what} (${quoteValue(ds.text(e.tag) ?? '')})`, path));
    } else if (e.tag === Tag.FrameOfReferenceUID && path.length === 0) {
      const values = ds.strings(e.tag);
      const problem = values.length > 1 ? { kind: 'MULTI_VALUED' as const, what: `has ${values.length} values; it must have one` } : uidProblem(values[0] ?? '');
      if (problem && problem.kind !== 'EMPTY') out.refusals.push(validationProblem(problem.kind, e.tag, problem.what, path));
    }
  }
  return out;
}

function geometryProblem(values: readonly number[], rule: GeometryRule, tag: number): { what: string; unusable: boolean } | undefined {
  const unusable = (what: string): { what: string; unusable: boolean } => ({ what, unusable: true });
  if (values.length !== rule.count) return unusable(`has ${values.length} values, not ${rule.count}`);
  if (!values.every(Number.isFinite)) return unusable('has a value that is not a number');
  if (rule.spacing && values.some((v) => v < 0)) return unusable('has a negative value');
  if (rule.spacing && values.some((v) => v === 0)) return { what: 'is 0: distances in the image cannot be measured', unusable: false };
  if (tag === Tag.ImageOrientationPatient) {
    const zero = (a: number, b: number, c: number): boolean => Math.hypot(a, b, c) < 1e-6;
    const [a, b, c, d, e, f] = values as [number, number, number, number, number, number];
    if (zero(a, b, c) || zero(d, e, f)) return unusable('has a row or column direction of length 0');
  }
  return undefined;
}
