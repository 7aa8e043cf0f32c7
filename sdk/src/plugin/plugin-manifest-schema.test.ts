/**
 * The manifest schema: the committed copy (sdk/plugin-manifest.schema.json, for editors) is the
 * schema the SDK validates with, and the SDK's small validator agrees with Ajv (draft-07), the
 * reference JSON Schema validator, on valid and broken package.json files.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { PLUGIN_MANIFEST_SCHEMA } from '../index.js';
import { jsonSchemaProblems } from './json-schema-problems.js';

const committed = new URL('../../plugin-manifest.schema.json', import.meta.url);

const app = { id: 'summary', title: 'Summary', input: { modality: ['CT'], minInstances: 2, where: { ImageType: 'ORIGINAL*' } } };
const output = { iod: 'secondary-capture-image', cardinality: 'N:1', description: 'Summary' };
const manifest = { id: 'acme.summary', engines: { sdk: '^0.1.0' }, capabilities: ['read-series', 'write-derived'], apps: [{ ...app, outputs: { summary: output } }] };
const pkg = (atrium: unknown): unknown => ({ name: 'acme-summary', version: '1.0.0', atrium });
const withApp = (patch: Record<string, unknown>): unknown => pkg({ ...manifest, apps: [{ ...manifest.apps[0], ...patch }] });
const withOutput = (patch: Record<string, unknown>): unknown => withApp({ outputs: { summary: { ...output, ...patch } } });

const CASES: readonly [string, unknown][] = [
  ['a complete manifest', pkg(manifest)],
  ['no atrium field (not a plugin)', { name: 'x', version: '1.0.0' }],
  ['id, version and main given', pkg({ ...manifest, version: '2.0.0-rc.1', main: 'dist/index.js', displayName: 'Acme', manufacturer: 'Acme' })],
  ['an app without outputs', withApp({ outputs: undefined })],
  ['MR Image and Encapsulated STL outputs', withApp({ outputs: { planes: { ...output, iod: 'mr-image' }, model: { ...output, iod: 'encapsulated-stl' } } })],
  ['a derivation code', withOutput({ derivationCode: { value: '113076', scheme: 'DCM', meaning: 'Segmentation' }, derivationDescription: 'cut out' })],
  ['a misspelt manifest key', pkg({ ...manifest, capabilties: [] })],
  ['a misspelt app key', withApp({ inputs: {} })],
  ['an atrium field that is a list', pkg([])],
  ['a bad plugin id', pkg({ ...manifest, id: 'Acme' })],
  ['a version that is not semver', pkg({ ...manifest, version: '1.0' })],
  ['an unknown capability', pkg({ ...manifest, capabilities: ['telepathy'] })],
  ['no apps', pkg({ ...manifest, apps: [] })],
  ['an app id with capitals', withApp({ id: 'Summary' })],
  ['an empty title', withApp({ title: '' })],
  ['a title over 64 characters', withApp({ title: 'x'.repeat(65) })],
  ['a modality that is not a list', withApp({ input: { modality: 'CT' } })],
  ['a SOP class UID list as one value', withApp({ input: { sopClassUid: ['1.2.3\\4.5'] } })],
  ['minInstances 0', withApp({ input: { minInstances: 0 } })],
  ['minInstances 1.5', withApp({ input: { minInstances: 1.5 } })],
  ['a where value that is a number', withApp({ input: { where: { EchoNumbers: 1 } } })],
  ['an output IOD not writable', withOutput({ iod: 'ultrasound-image' })],
  ['a cardinality 1:N', withOutput({ cardinality: '1:N' })],
  ['an output without description', withOutput({ description: undefined })],
  ['an output name with a space', withApp({ outputs: { 'my output': output } })],
  ['a mapping in the manifest', withOutput({ mapping: {} })],
  ['private blocks in the manifest (they are the code\'s, with the mapping)', withOutput({ privateBlocks: [] })],
  ['a derivation code without meaning', withOutput({ derivationCode: { value: '113076', scheme: 'DCM' } })],
  ['engines without sdk', pkg({ ...manifest, engines: { node: '>=20' } })],
];

describe('the plugin manifest schema', () => {
  it('is committed as sdk/plugin-manifest.schema.json (otherwise: run npm run api-report)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(`${JSON.stringify(PLUGIN_MANIFEST_SCHEMA, null, 2)}\n`);
  });

  it.each(CASES)('the SDK validator and Ajv agree: %s', (_name, value) => {
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.validate(JSON.parse(readFileSync(committed, 'utf8')), value);
    const problems = jsonSchemaProblems(PLUGIN_MANIFEST_SCHEMA, PLUGIN_MANIFEST_SCHEMA, value);
    expect(problems.length === 0, `${JSON.stringify(problems)} / Ajv: ${ajv.errorsText()}`).toBe(valid);
  });

  it('names the field of each problem, down to the output', () => {
    expect(jsonSchemaProblems(PLUGIN_MANIFEST_SCHEMA, PLUGIN_MANIFEST_SCHEMA, withOutput({ iod: 'ultrasound-image' }))).toEqual([
      expect.stringMatching(/^atrium\.apps\[0\]\.outputs\.summary\.iod must be one of ct-image, /),
    ]);
    expect(jsonSchemaProblems(PLUGIN_MANIFEST_SCHEMA, PLUGIN_MANIFEST_SCHEMA, withOutput({ privateBlocks: [] }))).toEqual([
      expect.stringMatching(/^atrium\.apps\[0\]\.outputs\.summary\.privateBlocks is not a field here/),
    ]);
  });
});
