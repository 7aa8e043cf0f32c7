import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { manifestProblems, SDK_VERSION } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { scaffoldPlugin } from './scaffold-plugin.js';

/** The workspace's packages by range (nothing packed). */
const WORKSPACE = { sdk: `^${SDK_VERSION}`, host: `^${SDK_VERSION}`, testing: `^${SDK_VERSION}` };

describe('scaffoldPlugin', () => {
  it('writes the package: a valid manifest, the workstation packages, the algorithm, the app and their tests (built and tested in test/interop/plugin-scaffold)', () => {
    const dir = join(tmpdir(), `atrium-scaffold-${process.pid}-${Date.now()}-files`);
    try {
      const { files } = scaffoldPlugin({ name: 'grey-level', dir, publisher: 'acme', packages: WORKSPACE });
      expect(files.map((f) => relative(dir, f).split('\\').join('/'))).toEqual([
        'package.json', 'tsconfig.json', 'src/grey-image.ts', 'src/grey-image.test.ts', 'src/index.ts', 'src/index.test.ts', 'README.md', '.gitignore',
      ]);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg.atrium).toEqual({
        id: 'acme.grey-level',
        main: 'dist/index.js',
        engines: { sdk: `^${SDK_VERSION}` },
        capabilities: ['read-series', 'write-derived'],
        apps: [{
          id: 'grey-level', title: 'Grey level', description: 'Writes one Secondary Capture image of a constant grey level for a series.', input: { minInstances: 1 },
          outputs: { result: { iod: 'secondary-capture-image', cardinality: 'N:1', description: 'Grey level' } },
        }],
        manufacturer: 'acme',
      });
      expect(pkg.dependencies).toEqual({ '@atrium/sdk': `^${SDK_VERSION}` });
      expect(pkg.devDependencies).toMatchObject({ '@atrium/host': `^${SDK_VERSION}`, '@atrium/testing': `^${SDK_VERSION}` });
      expect(pkg.scripts).toEqual({ build: 'tsc -p .', test: 'vitest run --dir src', 'golden:update': 'ATRIUM_UPDATE_GOLDEN=1 vitest run --dir src' });
      expect(manifestProblems({ version: pkg.version, ...pkg.atrium })).toEqual([]);
      const index = readFileSync(join(dir, 'src/index.ts'), 'utf8');
      expect(index).toContain('export const greyLevelApp = defineApp({');
      expect(index).not.toMatch(/title:|input:|iod:/); // declared once, in the manifest
      expect(readFileSync(join(dir, 'src/index.test.ts'), 'utf8')).toContain("expectDerivedToMatchGolden(run.objects[0]!, 'golden/result.json');");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the plugin from the publisher and name, with an identifier for any valid name', () => {
    const dir = join(tmpdir(), `atrium-scaffold-${process.pid}-${Date.now()}`);
    try {
      scaffoldPlugin({ name: '3d-view', dir, packages: WORKSPACE });
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect([pkg.name, pkg.atrium.id, pkg.atrium.apps[0].title]).toEqual(['atrium-plugin-3d-view', 'local.3d-view', '3d view']);
      expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).toContain('export default definePlugin({ apps: [plugin3dViewApp] });');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the plugin by default where the host finds it: the first folder of ATRIUM_PLUGIN_PATH, else ~/.atrium/plugins', () => {
    const home = join(tmpdir(), `atrium-scaffold-home-${process.pid}-${Date.now()}`);
    const path = join(home, 'elsewhere');
    try {
      const inPath = scaffoldPlugin({ name: 'grey', packages: WORKSPACE, env: { HOME: home, ATRIUM_PLUGIN_PATH: path } });
      expect([inPath.dir, inPath.discovered]).toEqual([join(path, 'grey'), true]);
      const inHome = scaffoldPlugin({ name: 'grey', packages: WORKSPACE, env: { HOME: home } });
      expect([inHome.dir, inHome.discovered]).toEqual([join(home, '.atrium', 'plugins', 'grey'), true]);
      expect(readFileSync(join(inHome.dir, 'README.md'), 'utf8')).toContain(`The workstation finds the plugin where it is, in \`${join(home, '.atrium', 'plugins')}\``);
      const aside = scaffoldPlugin({ name: 'grey', dir: join(home, 'aside', 'grey'), packages: WORKSPACE, env: { HOME: home } });
      expect(aside.discovered).toBe(false);
      expect(readFileSync(join(aside.dir, 'README.md'), 'utf8')).toContain(`export ATRIUM_PLUGIN_PATH=${join(home, 'aside')}`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses bad names and a folder that is not empty, writing nothing', () => {
    const dir = join(tmpdir(), `atrium-scaffold-${process.pid}-${Date.now()}-x`);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isAtriumError(e) ? e.code : String(e);
      }
      return undefined;
    };
    try {
      for (const name of ['Grey', 'grey_level', '-grey', 'grey-', '', 'a.b']) {
        expect(code(() => scaffoldPlugin({ name, dir })), name).toBe('ATRIUM_ERR_SCAFFOLD_NAME');
      }
      expect(code(() => scaffoldPlugin({ name: 'ok', dir, publisher: 'ACME' }))).toBe('ATRIUM_ERR_SCAFFOLD_NAME');
      expect(existsSync(dir)).toBe(false);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'keep.txt'), 'mine');
      expect(code(() => scaffoldPlugin({ name: 'ok', dir }))).toBe('ATRIUM_ERR_SCAFFOLD_EXISTS');
      expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
