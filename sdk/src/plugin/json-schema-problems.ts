/**
 * The part of JSON Schema (draft-07) the plugin manifest schema uses, as plain data: types,
 * `properties` / `required` / `additionalProperties`, `items` / `minItems`, `enum`, `pattern`,
 * `minLength` / `maxLength`, `minimum`, `propertyNames`, and `$ref` to `#/definitions/<name>`.
 * Annotations (`description`, `title`, `$schema`) are documentation for editors; the
 * `description` of a string with a `pattern` says what the value must be (a noun phrase), and
 * is the text of the problem when it does not match.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly enum?: readonly (string | number | boolean)[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/**
 * Check `value` against `schema` (whose `$ref`s resolve in `root.definitions`). Returns one
 * message per problem, each starting with the path of the field (`apps[0].outputs.summary.iod`),
 * or `[]`. Pure; the SDK's own validator of its manifest schema (a test checks it agrees with
 * Ajv on the committed schema).
 */
export function jsonSchemaProblems(root: JsonSchema, schema: JsonSchema, value: unknown, path = ''): string[] {
  if (schema.$ref !== undefined) return jsonSchemaProblems(root, resolveRef(root, schema.$ref), value, path);
  const at = path === '' ? 'the value' : path;
  const typeProblem = checkType(schema, value, at);
  if (typeProblem) return [typeProblem];
  if (schema.enum && !schema.enum.includes(value as string)) return [`${at} must be one of ${schema.enum.join(', ')} (got ${JSON.stringify(value)})`];
  if (typeof value === 'string') return stringProblems(schema, value, at);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return [`${at} must be at least ${schema.minimum} (got ${value})`];
  if (Array.isArray(value)) {
    const p = schema.minItems !== undefined && value.length < schema.minItems ? [`${at} must list at least ${schema.minItems} item(s)`] : [];
    if (schema.items) value.forEach((item, i) => p.push(...jsonSchemaProblems(root, schema.items!, item, `${path}[${i}]`)));
    return p;
  }
  if (typeof value === 'object' && value !== null) return objectProblems(root, schema, value as Record<string, unknown>, path);
  return [];
}

function objectProblems(root: JsonSchema, schema: JsonSchema, o: Record<string, unknown>, path: string): string[] {
  const p: string[] = [];
  const field = (key: string): string => (path === '' ? key : `${path}.${key}`);
  for (const key of schema.required ?? []) if (o[key] === undefined) p.push(`${field(key)} is required`);
  const known = Object.keys(schema.properties ?? {});
  for (const [key, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const property = schema.properties?.[key];
    if (schema.propertyNames) p.push(...jsonSchemaProblems(root, schema.propertyNames, key, `${field(key)} (the name)`));
    if (property) p.push(...jsonSchemaProblems(root, property, v, field(key)));
    else if (schema.additionalProperties === false) p.push(`${field(key)} is not a field here${closest(key, known)}; known: ${known.join(', ')}`);
    else if (typeof schema.additionalProperties === 'object') p.push(...jsonSchemaProblems(root, schema.additionalProperties, v, field(key)));
  }
  return p;
}

function stringProblems(schema: JsonSchema, s: string, at: string): string[] {
  if (schema.minLength !== undefined && s.length < schema.minLength) return [schema.minLength === 1 ? `${at} must not be empty` : `${at} must have at least ${schema.minLength} characters`];
  if (schema.maxLength !== undefined && s.length > schema.maxLength) return [`${at} must have at most ${schema.maxLength} characters (got ${s.length})`];
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(s)) {
    return [`${at} must be ${schema.description ?? `text matching ${schema.pattern}`} (got ${JSON.stringify(s)})`];
  }
  return [];
}

const ARTICLE: Readonly<Record<NonNullable<JsonSchema['type']>, string>> = {
  object: 'an object', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false',
};

function checkType(schema: JsonSchema, value: unknown, at: string): string | undefined {
  const t = schema.type;
  if (t === undefined) return undefined;
  const ok = t === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
    : t === 'array' ? Array.isArray(value)
      : t === 'integer' ? Number.isInteger(value)
        : typeof value === t;
  return ok ? undefined : `${at} must be ${ARTICLE[t]} (got ${JSON.stringify(value) ?? String(value)})`;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : root.definitions?.[name];
  if (!target) throw new RangeError(`the schema has no ${ref}`);
  return target;
}

/** ` (did you mean x?)` for a key one or two edits from a known one, else ''. */
function closest(key: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? ` (did you mean ${best.k}?)` : '';
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}
