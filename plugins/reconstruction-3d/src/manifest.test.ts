import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestProblems } from '@atrium/sdk';
import plugin from './index.js';

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; atrium: { apps: { id: string; title: string; input: { modality: string[] } }[] } };

  it('is valid and declares exactly the apps the code defines, with their titles and modalities', () => {
    expect(manifestProblems({ ...manifest.atrium, version: manifest.version })).toEqual([]);
    expect(manifest.atrium.apps.map((a) => [a.id, a.title, a.input.modality])).toEqual(plugin.apps.map((a) => [a.id, a.title, a.input.modality]));
  });
});
