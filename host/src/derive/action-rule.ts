import type { GeneratorName, MappingRule } from '@atrium/sdk';

/** Values the engine itself produces, whatever the mapping says (or, for pixels, unless it says Copied). */
export type EngineGenerator = 'SOPClassUID' | 'SpecificCharacterSet' | 'Pixels';

/**
 * A mapping rule as the engine applies it: the SDK's {@link MappingRule} plus the engine's
 * own generators (SOP Class UID from the IOD, Specific Character Set from the sources and
 * content, the Image Pixel attributes from the app's pixels).
 */
export type ActionRule =
  | { readonly action: 'Copied' }
  | { readonly action: 'Generated'; readonly generator: GeneratorName | 'Content' | EngineGenerator }
  | { readonly action: 'Removed' };

/** The rule as provenance and validation messages name it: `Copied`, `Removed`, `Content`, `Generated:<generator>`. */
export function ruleLabel(rule: ActionRule | MappingRule): string {
  if (rule.action !== 'Generated') return rule.action;
  return rule.generator === 'Content' ? 'Content' : `Generated:${rule.generator}`;
}

/** The rule as a conformance statement's "Save action" column writes it: `Copied`, `Removed`, `Generated (<generator>)`. */
export function saveActionText(rule: ActionRule): string {
  if (rule.action !== 'Generated') return rule.action;
  return rule.generator === 'Content' ? 'Generated (by the app)' : `Generated (${rule.generator})`;
}
