import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultNodeModules, defaultPluginRoots, discoverPlugins } from './discover-plugins.js';
import { PluginErrorCode } from './plugin-problem.js';
import { importCount, manifest, tempDir, writePlugin } from './test-support/plugin-fixtures.js';

describe('discoverPlugins', () => {
  it('finds plugins in plugins/, examples/, extra folders, $ATRIUM_PLUGIN_PATH and node_modules, in that order', () => {
    const root = tempDir();
    const a = writePlugin(join(root, 'plugins', 'alpha'), 'acme.alpha');
    const b = writePlugin(join(root, 'examples', 'beta'), 'acme.beta');
    mkdirSync(join(root, 'examples', 'scripts-only'));
    writeFileSync(join(root, 'examples', 'scripts-only', 'package.json'), JSON.stringify({ name: 'scripts', version: '1.0.0' }));
    writePlugin(join(root, 'plugins', '.hidden'), 'acme.hidden');
    const extra = tempDir();
    const c = writePlugin(join(extra, 'gamma'), 'acme.gamma');
    const envHolder = tempDir();
    const d = writePlugin(join(envHolder, 'delta'), 'acme.delta');
    const direct = writePlugin(join(tempDir(), 'epsilon'), 'acme.epsilon'); // a plugin folder named directly
    const nm = join(tempDir(), 'node_modules');
    const e = writePlugin(join(nm, 'acme.zeta'), 'acme.zeta');
    const f = writePlugin(join(nm, '@acme', 'eta'), 'acme.eta', { name: '@acme/eta', atrium: manifest(['summary'], { id: 'acme.eta' }) });
    mkdirSync(join(nm, 'left-pad'));
    writeFileSync(join(nm, 'left-pad', 'package.json'), JSON.stringify({ name: 'left-pad', version: '1.0.0' }));

    const found = discoverPlugins({ roots: [root], folders: [extra], nodeModules: [nm], env: { ATRIUM_PLUGIN_PATH: [envHolder, direct].join(delimiter) } });

    expect(found.rejected).toEqual([]);
    expect(found.plugins.map((p) => [p.manifest.id, p.origin, p.packageDir])).toEqual([
      ['acme.alpha', 'plugins', a],
      ['acme.beta', 'examples', b],
      ['acme.gamma', 'folder', c],
      ['acme.delta', 'folder', d],
      ['acme.epsilon', 'folder', direct],
      ['acme.eta', 'npm', f], // node_modules entries sorted by name: @acme/eta before acme.zeta
      ['acme.zeta', 'npm', e],
    ]);
    for (const p of found.plugins) expect(importCount(p.packageDir)).toBe(0); // JSON only
  });

  it('finds plugins in the user\'s folder ~/.atrium/plugins after $ATRIUM_PLUGIN_PATH', () => {
    const home = tempDir();
    const envHolder = tempDir();
    const d = writePlugin(join(envHolder, 'delta'), 'acme.delta');
    const u = writePlugin(join(home, '.atrium', 'plugins', 'upsilon'), 'acme.upsilon');
    writePlugin(join(home, '.atrium', 'plugins', 'delta-copy'), 'acme.delta');
    const found = discoverPlugins({ roots: [], nodeModules: [], env: { HOME: home, ATRIUM_PLUGIN_PATH: envHolder } });
    expect(found.plugins.map((p) => [p.manifest.id, p.packageDir])).toEqual([['acme.delta', d], ['acme.upsilon', u]]);
    expect(found.rejected.map((r) => r.problem.code)).toEqual([PluginErrorCode.DUPLICATE]);
    expect(discoverPlugins({ roots: [], nodeModules: [], env: {} }).plugins).toEqual([]);
  });

  it('defaults id (only from a publisher.name package name), version and main from package.json', () => {
    const root = tempDir();
    writePlugin(join(root, 'plugins', 'a'), 'acme.alpha', { version: '2.5.0', main: 'index.mjs' });
    writePlugin(join(root, 'plugins', 'b'), 'x', { name: '@acme/beta' });
    writePlugin(join(root, 'plugins', 'c'), 'x', { name: 'acme.gamma', atrium: manifest(['summary'], { id: 'acme.other', version: '9.9.9', main: 'lib/entry.mjs' }) });
    const [a, b, c] = discoverPlugins({ roots: [root], nodeModules: [], env: {} }).plugins;
    expect(a!.manifest).toMatchObject({ id: 'acme.alpha', version: '2.5.0', main: 'index.mjs' });
    expect(b!.manifest.id).toBeUndefined();
    expect(b!.label).toBe('@acme/beta');
    expect(c!.manifest).toMatchObject({ id: 'acme.other', version: '9.9.9', main: 'lib/entry.mjs' });
    expect(Object.isFrozen(a!.manifest)).toBe(true);
  });

  it('keeps the first of two plugins with the same id and reports the second', () => {
    const root = tempDir();
    const first = writePlugin(join(root, 'plugins', 'alpha'), 'acme.alpha');
    const nm = join(tempDir(), 'node_modules');
    const second = writePlugin(join(nm, 'acme.alpha'), 'acme.alpha', { version: '3.0.0' });
    const found = discoverPlugins({ roots: [root], nodeModules: [nm], env: {} });
    expect(found.plugins.map((p) => p.packageDir)).toEqual([first]);
    expect(found.rejected).toEqual([{
      packageDir: second, origin: 'npm', label: 'acme.alpha',
      problem: { code: PluginErrorCode.DUPLICATE, message: `plugin acme.alpha is found twice: ${first} is used, ${second} is ignored` },
    }]);
  });

  it('counts a folder reached twice through a symlink (a workspace link) once', () => {
    const root = tempDir();
    const real = writePlugin(join(root, 'examples', 'alpha'), 'acme.alpha');
    const nm = join(tempDir(), 'node_modules');
    mkdirSync(join(nm, '@acme'), { recursive: true });
    symlinkSync(real, join(nm, '@acme', 'alpha'), 'dir');
    const found = discoverPlugins({ roots: [root], nodeModules: [nm], env: {} });
    expect(found.plugins.map((p) => p.packageDir)).toEqual([real]);
    expect(found.rejected).toEqual([]);
  });

  it('reports an unreadable package.json or a non-object atrium field in plugin folders; ignores broken npm packages', () => {
    const root = tempDir();
    const broken = writePlugin(join(root, 'plugins', 'broken'), 'acme.broken', { rawPackageJson: '{ "name": "acme.broken", ' });
    const notObject = writePlugin(join(root, 'plugins', 'flag'), 'acme.flag', { atrium: true });
    const nm = join(tempDir(), 'node_modules');
    writePlugin(join(nm, 'junk'), 'acme.junk', { rawPackageJson: 'not json' });
    const found = discoverPlugins({ roots: [root], nodeModules: [nm], env: {} });
    expect(found.plugins).toEqual([]);
    expect(found.rejected.map((r) => [r.packageDir, r.problem.code])).toEqual([
      [broken, PluginErrorCode.MANIFEST],
      [notObject, PluginErrorCode.MANIFEST],
    ]);
    expect(found.rejected[0]!.problem.message).toMatch(/^plugin broken \(.*broken\): package\.json cannot be read: /);
    expect(found.rejected[1]!.problem.message).toBe(`plugin acme.flag (${notObject}): the "atrium" field of package.json must be an object`);
  });

  it('skips folders that do not exist', () => {
    const missing = join(tempDir(), 'nope');
    expect(discoverPlugins({ roots: [missing], folders: [missing], nodeModules: [missing], env: { ATRIUM_PLUGIN_PATH: missing } })).toEqual({ plugins: [], rejected: [] });
  });

  it('defaults to this repository and the node_modules folders on the host resolution path', () => {
    const [repo] = defaultPluginRoots();
    expect(repo).toBe(join(import.meta.dirname, '..', '..', '..'));
    expect(defaultNodeModules()).toContain(join(repo!, 'node_modules'));
  });
});
