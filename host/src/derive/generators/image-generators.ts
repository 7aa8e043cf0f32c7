import { Tag, type DicomValue } from '@atrium/sdk';
import type { Generator } from './generator.js';

/**
 * Image Type: DERIVED\SECONDARY, then the values the app gives as content `ImageType` (a
 * string is value 3, an array is values 3, 4, ...). Without them, a 1:1 output keeps the
 * source's values 3 and beyond (e.g. AXIAL for a CT).
 */
export const imageType: Generator = (ctx) => {
  const given = ctx.request.request.content?.ImageType;
  let rest: readonly string[] = [];
  if (typeof given === 'string') rest = given.split('\\');
  else if (Array.isArray(given)) rest = given.map(String);
  else if (ctx.request.output.cardinality === '1:1') rest = ctx.sources[0]?.strings(Tag.ImageType).slice(2) ?? [];
  return ['DERIVED', 'SECONDARY', ...rest];
};

/**
 * Burned In Annotation: YES when the app says its pixels carry text, NO when it says they do
 * not; when it says nothing, a copy of the source's pixels (`copySourcePixels`) keeps the
 * source's value, and anything else is NO.
 */
export const burnedInAnnotation: Generator = (ctx) => {
  const said = ctx.request.request.burnedInAnnotation;
  if (said !== undefined) return said ? 'YES' : 'NO';
  if (ctx.request.request.copySourcePixels) return ctx.sources[0]?.string(Tag.BurnedInAnnotation) ?? 'NO';
  return 'NO';
};

/** Derivation Description: the output's `derivationDescription` (absent when it has none). */
export const derivationDescription: Generator = (ctx) => ctx.request.output.derivationDescription;

/** Derivation Code Sequence: one item with the output's `derivationCode` (absent when it has none). */
export const derivationCodeSequence: Generator = (ctx) => {
  const code = ctx.request.output.derivationCode;
  return code === undefined ? undefined : [{ CodeValue: code.value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning }];
};

/** Series Description: the output's description. */
export const seriesDescription: Generator = (ctx) => ctx.request.output.description;

/** Empty: present with no value (Type 2 attributes the app cannot know). */
export const empty: Generator = (): DicomValue => '';
