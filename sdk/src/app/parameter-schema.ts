import { closestName } from '../errors/closest-name.js';
import { SdkError } from '../sdk-error.js';

/** One parameter of an app. */
export type ParameterSpec =
  | { readonly type: 'number' | 'integer'; readonly default?: number; readonly minimum?: number; readonly maximum?: number; readonly unit?: string; readonly description: string }
  | {
      readonly type: 'string';
      readonly default?: string;
      readonly pattern?: string;
      /**
       * The string is JSON text of this kind (the app parses it): a parameters file or a web
       * request may give the JSON value itself (`"seeds": [...]`), which becomes its text.
       */
      readonly json?: 'array' | 'object';
      /** A value as it is written in a parameters file, for messages (`[{"artery":"LAD","at":[x,y,z]}]`). */
      readonly example?: string;
      /**
       * Checks a given value before any work starts (throws SdkError `ATRIUM_ERR_PARAM_INVALID`
       * naming what is wrong), e.g. the app's own parser of the JSON text. Not called for the default.
       */
      readonly check?: (text: string) => void;
      readonly description: string;
    }
  | { readonly type: 'boolean'; readonly default?: boolean; readonly description: string }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly default?: string; readonly description: string };

/** Parameter schema: name → spec. A parameter without a default is required. */
export type ParameterSchema = Readonly<Record<string, ParameterSpec>>;

/** The value type of a parameter spec. */
export type ParameterValue<S extends ParameterSpec> = S extends { type: 'number' | 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : string;

/** Validated parameters of a schema. */
export type Parameters<S extends ParameterSchema> = { readonly [K in keyof S]: ParameterValue<S[K]> };

/**
 * Validate and default raw parameters (from the command line as strings, or from JSON)
 * against a schema. Strings are converted (`"130"` → 130, `"true"` → true). Throws an
 * SdkError before any work starts:
 * - `ATRIUM_ERR_PARAM_UNKNOWN` — a name the schema does not define (with the nearest one, else the known ones);
 * - `ATRIUM_ERR_PARAM_MISSING` — a required parameter (no default) not given;
 * - `ATRIUM_ERR_PARAM_INVALID` — wrong type, out of range, not one of the values, pattern mismatch.
 *   A value of the wrong JSON type is named with the type given and an example of how to write it
 *   (`parameter "threshold" must be a number, not a boolean (true): write it as "threshold": 130`).
 * A string parameter holding JSON (`json: 'array'`) also takes that JSON value itself, as its text;
 * a string parameter's own `check` runs on the value given.
 */
export function validateParameters<S extends ParameterSchema>(schema: S, raw: Readonly<Record<string, unknown>>): Parameters<S> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(raw)) {
    if (!(name in schema)) {
      const near = closestName(name, Object.keys(schema));
      const hint = near !== undefined ? ` (did you mean ${near}?)` : `; known: ${Object.keys(schema).join(', ') || '(none)'}`;
      throw new SdkError('ATRIUM_ERR_PARAM_UNKNOWN', `unknown parameter "${name}"${hint}`, { parameter: name, ...(near !== undefined ? { suggestion: near } : {}) });
    }
  }
  for (const [name, spec] of Object.entries(schema)) {
    const given = raw[name];
    if (given === undefined) {
      if (spec.default === undefined) throw new SdkError('ATRIUM_ERR_PARAM_MISSING', `parameter "${name}" is required: ${spec.description}`, { parameter: name });
      out[name] = spec.default;
      continue;
    }
    out[name] = convert(name, spec, given);
  }
  return out as Parameters<S>;
}

function convert(name: string, spec: ParameterSpec, given: unknown): unknown {
  const bad = (why: string): SdkError => new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${name}" ${why} (got ${JSON.stringify(given)})`, { parameter: name, value: given });
  const wrongType = (wanted: string): SdkError =>
    new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${name}" must be ${wanted}, not ${describeValue(given)}: write it as "${name}": ${exampleOf(spec)}`, { parameter: name, value: given, given: jsonType(given), example: `"${name}": ${exampleOf(spec)}` });
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof given !== 'string' && typeof given !== 'number') throw wrongType(spec.type === 'integer' ? 'a whole number' : 'a number');
      const n = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad('must be a number');
      if (spec.type === 'integer' && !Number.isInteger(n)) throw bad('must be a whole number');
      if (spec.minimum !== undefined && n < spec.minimum) throw bad(`must be at least ${spec.minimum}`);
      if (spec.maximum !== undefined && n > spec.maximum) throw bad(`must be at most ${spec.maximum}`);
      return n;
    }
    case 'boolean':
      if (given === true || given === 'true') return true;
      if (given === false || given === 'false') return false;
      throw typeof given === 'string' ? bad('must be true or false') : wrongType('true or false');
    case 'enum':
      if (typeof given !== 'string') throw wrongType(`one of ${spec.values.join(', ')} (a string)`);
      if (!spec.values.includes(given)) throw bad(`must be one of ${spec.values.join(', ')}`);
      return given;
    case 'string': {
      const text = spec.json !== undefined && jsonType(given) === spec.json ? JSON.stringify(given) : given;
      if (typeof text !== 'string') throw wrongType(spec.json === undefined ? 'a string' : `a JSON ${spec.json} (or its text)`);
      if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`).test(text)) throw bad(`must match ${spec.pattern}`);
      spec.check?.(text);
      return text;
    }
  }
}

/** The JSON type of a value: string, number, boolean, null, array or object. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `a boolean (true)`, `an array ([1,2])`, `a string ("abc")` — shortened past 60 characters. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  const type = jsonType(value);
  const text = JSON.stringify(value) ?? String(value);
  return `${/^[ao]/.test(type) ? 'an' : 'a'} ${type} (${text.length > 60 ? `${text.slice(0, 59)}…` : text})`;
}

/** How a value of the parameter is written in a parameters file. */
function exampleOf(spec: ParameterSpec): string {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return String(spec.default ?? spec.minimum ?? spec.maximum ?? 1);
    case 'boolean':
      return String(spec.default ?? true);
    case 'enum':
      return JSON.stringify(spec.default ?? spec.values[0] ?? '');
    case 'string':
      return spec.example ?? (spec.json === 'array' ? '[]' : spec.json === 'object' ? '{}' : JSON.stringify(spec.default || 'text'));
  }
}
