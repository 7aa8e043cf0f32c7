import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPlugins, type DiscoveredPlugin } from './discover-plugins.js';
import { PluginErrorCode } from './plugin-problem.js';
import { manifest, tempDir, writePlugin } from './test-support/plugin-fixtures.js';
import { validateManifest } from './validate-manifest.js';

function discovered(id: string, o: Parameters<typeof writePlugin>[2] = {}): DiscoveredPlugin {
  const root = tempDir();
  writePlugin(join(root, 'plugins', 'p'), id, o);
  const { plugins } = discoverPlugins({ roots: [root], nodeModules: [], env: {} });
  expect(plugins).toHaveLength(1);
  return plugins[0]!;
}

describe('validateManifest', () => {
  it('accepts a valid manifest and resolves the entry inside the package', () => {
    const p = discovered('acme.alpha');
    const check = validateManifest(p);
    expect(check).toEqual({ ok: true, manifest: p.manifest, entry: join(p.packageDir, 'index.mjs') });
  });

  it('names every schema problem, each with ATRIUM_ERR_PLUGIN_MANIFEST', () => {
    const p = discovered('Bad_Id', {
      version: 'one',
      atrium: {
        engines: {},
        capabilities: ['read-series', 'telepathy'],
        apps: [
          { id: 'Upper', title: 'x', input: {} },
          { id: 'dup', title: 'x', input: {} },
          { id: 'dup', title: 'y', input: {} },
          { id: 'no-title', input: {} },
          { id: 'no-input', title: 'x' },
        ],
      },
    });
    const check = validateManifest(p);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const where = `plugin Bad_Id (${p.packageDir}): `;
    expect(check.problems).toEqual([
      'atrium.id is missing and the package name "Bad_Id" is not a plugin id ("publisher.name", lower case letters, digits, "-"): set atrium.id',
      'engines.sdk is required',
      'capabilities[1] must be one of read-series, write-derived, network (got "telepathy")',
      'apps[0].id must be the app id, in lower case letters, digits and "-" (the id of its defineApp) (got "Upper")',
      'apps[3].title is required',
      'apps[4].input is required',
      'version must be a semver version like 1.0.0 (got "one")',
      'apps[2].id "dup" is declared twice',
    ].map((m) => ({ code: PluginErrorCode.MANIFEST, message: where + m })));
  });

  it('refuses a missing app list, a missing main, a main outside the package or not on disk', () => {
    const noApps = discovered('acme.a', { atrium: manifest([], {}) });
    expect(validateManifest(noApps)).toMatchObject({ ok: false, problems: [{ code: PluginErrorCode.MANIFEST, message: expect.stringMatching(/: apps must list at least 1 item\(s\)$/) }] });
    const outside = discovered('acme.b', { main: '../elsewhere.mjs' });
    expect(validateManifest(outside)).toMatchObject({ ok: false, problems: [{ code: PluginErrorCode.MANIFEST, message: `plugin acme.b (${outside.packageDir}): main "../elsewhere.mjs" must name a file inside the package folder` }] });
    const missing = discovered('acme.c', { main: 'dist/index.js' });
    expect(validateManifest(missing)).toMatchObject({ ok: false, problems: [{ code: PluginErrorCode.MANIFEST, message: `plugin acme.c (${missing.packageDir}): main "dist/index.js" does not exist (${join(missing.packageDir, 'dist', 'index.js')})` }] });
  });

  it('refuses an engines.sdk range that excludes this SDK with ATRIUM_ERR_PLUGIN_SDK_RANGE', () => {
    const p = discovered('x.y', { atrium: manifest(['summary'], { engines: { sdk: '^2.0.0' } }) });
    expect(validateManifest(p)).toEqual({ ok: false, problems: [{ code: PluginErrorCode.SDK_RANGE, message: 'plugin x.y needs SDK ^2.0.0, this host has 0.1.0' }] });
  });

  it('refuses an engines.sdk that is not a semver range', () => {
    const p = discovered('x.y', { atrium: manifest(['summary'], { engines: { sdk: 'banana' } }) });
    expect(validateManifest(p)).toEqual({ ok: false, problems: [{ code: PluginErrorCode.MANIFEST, message: `plugin x.y (${p.packageDir}): engines.sdk "banana" is not a semver range (e.g. ^0.1.0)` }] });
  });

  it('checks ranges with semver semantics (caret on 0.x, hyphen, x-ranges, unions)', () => {
    const verdict = (range: string, sdk?: string) => validateManifest(discovered('x.y', { atrium: manifest(['summary'], { engines: { sdk: range } }) }), sdk).ok;
    expect(verdict('^0.1.0')).toBe(true);
    expect(verdict('>=0.1.0 <0.2.0')).toBe(true);
    expect(verdict('0.x')).toBe(true);
    expect(verdict('0.0.1 - 0.1.0')).toBe(true);
    expect(verdict('^0.0.9 || ^0.1.0')).toBe(true);
    expect(verdict('^0.2.0')).toBe(false); // caret on 0.x does not cross minor versions
    expect(verdict('~0.0.9')).toBe(false);
    expect(verdict('^1.2.0', '1.4.0')).toBe(true);
    expect(verdict('^1.2.0', '2.0.0')).toBe(false);
  });
});
