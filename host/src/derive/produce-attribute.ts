import type { DicomValue } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { ruleLabel } from './action-rule.js';
import { copiedElement } from './copied-element.js';
import { PIXEL_GROUP } from './default-rules.js';
import type { DeriveRequest } from './derive-object.js';
import { GENERATORS, type GeneratorContext } from './generators/index.js';
import type { OutputCharacterSet } from './output-character-set.js';
import { toOutputElement } from './output-element.js';
import type { PixelElements } from './pixel-elements.js';
import type { ResolvedAttribute } from './resolve-actions.js';
import { invalidTemporalValue } from './temporal-value.js';
import { elementFromValue } from './value-element.js';

/** What the engine needs to produce attributes of one derived object. */
export interface ProduceContext {
  readonly request: DeriveRequest;
  readonly sopClassUID: string;
  readonly sources: readonly DataSet[];
  readonly charset: OutputCharacterSet;
  /** The app's pixels as elements, when it gave pixels. */
  readonly pixels: PixelElements | undefined;
  readonly generator: Omit<GeneratorContext, 'keyword'>;
}

/** One produced attribute: its element (absent when undefined) and how it was produced. */
export interface Produced {
  readonly element: DataElement | undefined;
  /** `Copied`, `Removed`, `Content`, `Generated:<name>`, with a note in parentheses when absent or special. */
  readonly provenance: string;
  /** The value came from the sources by a `Copied` rule (the engine may drop it with an incomplete module, or fill an empty Type 2). */
  readonly copied: boolean;
}

const absent = (provenance: string, copied = false): Produced => ({ element: undefined, provenance, copied });

/**
 * Apply the resolved rule of one attribute (see {@link resolveActions}):
 * - `Copied`: from the sources ({@link copiedElement}); when the sources disagree (N:1), from
 *   the app's content if the load specification marks the attribute Used or Mandatory, else absent;
 *   a date or time that is not a valid DA / TM / DT value in the source (e.g. a birth date
 *   "00000000") is not copied: absent, or empty when Type 2 ({@link invalidTemporalValue});
 * - `Generated`: by the named generator, the app's content, or the engine (SOP Class UID,
 *   Specific Character Set, pixels: the app's, else its content / IOD defaults, or the first
 *   source's with `copySourcePixels`);
 * - `Removed`: absent.
 */
export function produceAttribute(attr: ResolvedAttribute, ctx: ProduceContext): Produced {
  const { rule, keyword } = attr;
  const content = ctx.request.request.content ?? {};
  const fromValue = (value: DicomValue | undefined, provenance: string): Produced =>
    value === undefined ? absent(`${provenance} (no value)`) : { element: elementFromValue(keyword, value, ctx.charset.values), provenance, copied: false };

  if (rule.action === 'Removed') return absent('Removed');
  if (rule.action === 'Copied') {
    if (PIXEL_GROUP.has(keyword) && ctx.request.request.copySourcePixels) return copyFirstSource(attr, ctx);
    const outcome = copiedElement(attr.tag, ctx.sources, ctx.charset.toUtf8);
    if (outcome.status === 'copied') {
      const source = ctx.sources.find((ds) => ds.has(attr.tag))!;
      const invalid = invalidTemporalValue(source.get(attr.tag)!, source);
      if (invalid !== undefined) return absent(`Copied (not copied: '${invalid}' is not a valid ${outcome.element.vr} in the source)`, true);
      return { element: outcome.element, provenance: 'Copied', copied: true };
    }
    if (outcome.status === 'absent') return absent('Copied (absent in the source)', true);
    const usage = ctx.request.load[keyword]?.usage;
    if ((usage === 'Used' || usage === 'Mandatory') && content[keyword] !== undefined) {
      return fromValue(content[keyword], `Content (${usage} at load; not the same on every source)`);
    }
    return absent('Copied (not the same on every source)', true);
  }
  switch (rule.generator) {
    case 'Content':
      return fromValue(content[keyword], 'Content');
    case 'SOPClassUID':
      return fromValue(ctx.sopClassUID, 'Generated:SOPClassUID');
    case 'SpecificCharacterSet':
      return ctx.charset.values.length === 0 ? absent('Generated:SpecificCharacterSet (default repertoire)') : fromValue([...ctx.charset.values], 'Generated:SpecificCharacterSet');
    case 'Pixels': {
      if (ctx.request.request.copySourcePixels) return copyFirstSource(attr, ctx);
      const core = ctx.pixels?.core.get(keyword);
      if (core) return { element: core, provenance: 'Generated:Pixels', copied: false };
      if (content[keyword] !== undefined) return fromValue(content[keyword], 'Content');
      const def = ctx.pixels?.defaults.get(keyword);
      if (def) return { element: def, provenance: 'Generated:Pixels', copied: false };
      return absent(ctx.pixels ? 'Generated:Pixels (no value)' : 'Generated:Pixels (the app gave no pixels)');
    }
    default:
      return fromValue(GENERATORS[rule.generator]({ ...ctx.generator, keyword }), ruleLabel(rule));
  }
}

/** The pixel group copied from the first source (`copySourcePixels`), encapsulated Pixel Data included. */
function copyFirstSource(attr: ResolvedAttribute, ctx: ProduceContext): Produced {
  const source = ctx.sources[0];
  const e = source?.get(attr.tag);
  if (!source || !e) return absent('Copied (copySourcePixels: absent in the source)');
  return { element: toOutputElement(e, source, ctx.charset.toUtf8), provenance: 'Copied (copySourcePixels)', copied: false };
}
