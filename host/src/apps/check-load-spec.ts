import type { DicomValue, LoadSpec, SourceInstance } from '@atrium/sdk';
import { lookupKeyword } from '@atrium/sdk';
import { formatTag } from '../io/parse-error.js';

/** What the load specification says about a source series. */
export interface LoadCheck {
  /** Mandatory attributes missing or empty: the run must not start. */
  readonly errors: string[];
  /** Expectations not met: the run continues and the result reports them. */
  readonly warnings: string[];
}

/**
 * Check a series against an app's load specification (GE SmartScore conformance statement §1.9): every `Mandatory`
 * attribute present and non-empty on every instance (errors name the attribute and the
 * instance), and every `expect` met (warnings say on how many instances it was not).
 */
export function checkLoadSpec(instances: readonly SourceInstance[], load: LoadSpec): LoadCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [keyword, rule] of Object.entries(load)) {
    const entry = lookupKeyword(keyword);
    const name = entry ? `${keyword} ${formatTag(entry.tag)}` : keyword;
    if (!entry) {
      errors.push(`the load specification names ${keyword}, which is not a DICOM keyword`);
      continue;
    }
    const unmet: DicomValue[] = [];
    instances.forEach((inst, i) => {
      const v = inst.attribute(keyword);
      if (rule.usage === 'Mandatory' && isEmpty(v)) {
        errors.push(`Mandatory attribute ${name} is ${v === undefined ? 'missing' : 'empty'} on instance ${i + 1} (${inst.sopInstanceUID})`);
      } else if (rule.expect !== undefined && v !== undefined && !sameValue(v, rule.expect)) {
        unmet.push(v);
      }
    });
    if (unmet.length > 0) {
      const seen = [...new Set(unmet.map((v) => JSON.stringify(v)))].slice(0, 3).join(', ');
      warnings.push(`${name} is ${seen} on ${unmet.length} of ${instances.length} instance(s); the app expects ${JSON.stringify(rule.expect)}`);
    }
  }
  return { errors, warnings };
}

function isEmpty(v: DicomValue | undefined): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'number') return Number.isNaN(v);
  return v.length === 0;
}

function sameValue(a: DicomValue, b: DicomValue): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(v: DicomValue): unknown {
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v) && v.length === 1) return v[0];
  return v;
}
