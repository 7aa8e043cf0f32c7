import { OUTPUT_IODS, type ManifestOutput } from '../app/output-definition.js';
import type { SeriesSelector } from '../app/series-selector.js';
import type { JsonSchema } from './json-schema-problems.js';
import type { ManifestApp, PluginManifest } from './plugin-manifest.js';

/*
 * Each `properties` below `satisfies` the keys of its TypeScript type: a field added to
 * PluginManifest, ManifestApp, ManifestOutput or SeriesSelector does not compile until the schema
 * has it too (and a field the type lacks is refused), so the schema and the types cannot drift.
 */
const manifestProperties = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*$', description: 'the plugin id, "publisher.name" in lower case letters, digits and "-", e.g. atrium.calcium-scoring' },
  version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?$', description: 'a semver version like 1.0.0' },
  displayName: { type: 'string', minLength: 1 },
  main: { type: 'string', minLength: 1, description: 'the entry module, relative to the package folder; its default export is definePlugin(...)' },
  engines: {
    type: 'object',
    required: ['sdk'],
    additionalProperties: false,
    properties: { sdk: { type: 'string', pattern: '\\S', description: 'the semver range of @atrium/sdk the plugin was built against, e.g. ^0.1.0' } },
  },
  capabilities: {
    type: 'array',
    description: 'what the plugin may do; the host grants only these',
    items: { enum: ['read-series', 'write-derived', 'network'] },
  },
  apps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/app' } },
  activationEvents: {
    type: 'array',
    description: 'host events that activate the plugin before they happen, in whichever process (VS Code activationEvents): onDidStoreInstance, onDidCompleteSeries',
    items: { enum: ['onDidStoreInstance', 'onDidCompleteSeries'] },
  },
  manufacturer: { type: 'string', minLength: 1, maxLength: 64, description: 'Secondary Capture Device Manufacturer of the derived objects' },
} satisfies Record<keyof PluginManifest, JsonSchema>;

const appProperties = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'the app id, in lower case letters, digits and "-" (the id of its defineApp)' },
  title: { type: 'string', minLength: 1, maxLength: 64, description: 'shown by atrium apps; the model name of the derived objects\' equipment' },
  description: { type: 'string', minLength: 1 },
  input: { $ref: '#/definitions/seriesSelector' },
  outputs: {
    type: 'object',
    description: 'the derived series the app writes, by name; its defineApp gives each a mapping table',
    propertyNames: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'an output name, in lower case letters, digits and "-"' },
    additionalProperties: { $ref: '#/definitions/output' },
  },
  earlierRuns: {
    enum: ['keep', 'replace'],
    description: 'what a run with other parameters does with the outputs earlier runs wrote from the same series: keep (default) or replace (removed when the run succeeds)',
  },
} satisfies Record<keyof ManifestApp, JsonSchema>;

const selectorProperties = {
  modality: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z0-9 _]{1,16}$', description: 'a Modality (0008,0060) value, e.g. CT' } },
  sopClassUid: { type: 'array', minItems: 1, items: { type: 'string', maxLength: 64, pattern: '^(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))+$', description: 'a SOP Class UID' } },
  where: {
    type: 'object',
    description: 'keyword → DICOM matching value (PS3.4 C.2.2.2), checked on every instance',
    additionalProperties: { type: 'string' },
  },
  minInstances: { type: 'integer', minimum: 1 },
} satisfies Record<keyof SeriesSelector, JsonSchema>;

const outputProperties = {
  iod: { enum: OUTPUT_IODS },
  cardinality: { enum: ['1:1', 'N:1'], description: '1:1: one object per source image; N:1: one object from many sources' },
  description: { type: 'string', minLength: 1, maxLength: 64, description: 'Series Description (0008,103E) of the derived series' },
  derivationDescription: { type: 'string', minLength: 1, maxLength: 1024, description: 'Derivation Description (0008,2111)' },
  derivationCode: {
    type: 'object',
    description: 'the item of Derivation Code Sequence (0008,9215), e.g. 113076 DCM Segmentation',
    required: ['value', 'scheme', 'meaning'],
    additionalProperties: false,
    properties: {
      value: { type: 'string', minLength: 1, maxLength: 16 },
      scheme: { type: 'string', minLength: 1, maxLength: 16 },
      meaning: { type: 'string', minLength: 1, maxLength: 64 },
    } satisfies Record<keyof NonNullable<ManifestOutput['derivationCode']>, JsonSchema>,
  },
} satisfies Record<keyof ManifestOutput, JsonSchema>;

/**
 * The JSON Schema (draft-07) of a plugin's package.json, for its `atrium` field: the one
 * declarative source of a plugin — id, SDK range, capabilities, and per app its title,
 * description, input series selector and outputs (IOD, cardinality, Series Description) — as
 * VS Code's schema checks an extension's `contributes`. The host checks every manifest against
 * `definitions.manifest` before any plugin code runs ({@link manifestProblems}); editors can use
 * the committed copy, `@atrium/sdk/plugin-manifest.schema.json` (written by `npm run api-report`).
 */
export const PLUGIN_MANIFEST_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'package.json of an Atrium plugin',
  description: 'The "atrium" field is the plugin manifest, read and checked by the host before any plugin code runs.',
  type: 'object',
  properties: {
    atrium: { $ref: '#/definitions/manifest' },
  },
  definitions: {
    manifest: {
      description: 'The plugin manifest. id, version and main default to the package\'s name (when it has the form publisher.name), version and main.',
      type: 'object',
      required: ['engines', 'capabilities', 'apps'],
      additionalProperties: false,
      properties: manifestProperties,
    },
    app: { type: 'object', required: ['id', 'title', 'input'], additionalProperties: false, properties: appProperties },
    seriesSelector: {
      type: 'object',
      description: 'which series the app accepts; every condition given must hold',
      additionalProperties: false,
      properties: selectorProperties,
    },
    output: { type: 'object', required: ['iod', 'cardinality', 'description'], additionalProperties: false, properties: outputProperties },
  },
};
