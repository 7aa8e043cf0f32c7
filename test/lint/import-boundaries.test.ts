import { existsSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint configuration enforces the import boundaries of docs/DESIGN.md. */
describe('import boundaries', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('lets plugins and examples import @atrium/sdk', async () => {
    expect(await lint("import { Tag } from '@atrium/sdk';\nexport const t = Tag.PatientName;\n", 'plugins/x/src/index.ts')).toEqual([]);
  });

  it('lets a plugin use its own computation libraries (vtk.js single modules, itk-wasm)', async () => {
    expect(await lint("import r from '@kitware/vtk.js/Imaging/Core/ImageReslice.js';\nimport { writeMeshNode } from '@itk-wasm/mesh-io';\nexport const x = [r, writeMeshNode];\n", 'plugins/x/src/index.ts')).toEqual([]);
  });

  it.each(['plugins/x/src/index.ts', 'examples/x/index.ts'])('refuses host and host-only libraries in %s', async (file) => {
    for (const spec of ['@atrium/host', '../../host/src/store/open-workstation.js', 'better-sqlite3', 'inversify', 'tapable', 'dcmjs-dimse', 'dcmjs', 'playwright-core']) {
      const messages = await lint(`import * as m from '${spec}';\nexport const x = m;\n`, file);
      expect(messages.length, `${file} importing ${spec}`).toBe(1);
    }
  });

  it('refuses host from the sdk', async () => {
    expect((await lint("import * as m from '../../host/src/store/open-workstation.js';\nexport const x = m;\n", 'sdk/src/x.ts')).length).toBe(1);
    expect((await lint("import Database from 'better-sqlite3';\nexport const x = Database;\n", 'sdk/src/x.ts')).length).toBe(1);
  });

  it('cites a design document that is in the repository', async () => {
    const messages = [
      ...(await lint("import * as m from 'better-sqlite3';\nexport const x = m;\n", 'plugins/x/src/index.ts')),
      ...(await lint("import * as m from '@atrium/host';\nexport const x = m;\n", 'examples/x/index.ts')),
      ...(await lint("import * as m from '../../host/src/store/open-workstation.js';\nexport const x = m;\n", 'sdk/src/x.ts')),
    ];
    expect(messages.length).toBe(3);
    for (const message of messages) {
      const doc = /\(([\w/.-]+\.md)\b/.exec(message)?.[1];
      expect(doc, message).toBe('docs/DESIGN.md');
      expect(existsSync(doc!)).toBe(true);
    }
  });

  it('lets the tests of plugins and examples import the test kit, never their code or the sdk', async () => {
    const kit = "import { testSeries } from '@atrium/testing';\nexport const t = testSeries;\n";
    for (const file of ['plugins/x/src/app.test.ts', 'plugins/x/src/test-support/phantom.ts', 'examples/x/src/app.test.ts']) expect(await lint(kit, file), file).toEqual([]);
    for (const file of ['plugins/x/src/index.ts', 'examples/x/src/app.ts', 'sdk/src/x.ts']) {
      expect(await lint(kit, file), file).toEqual([expect.stringContaining('the test kit @atrium/testing is for tests only')]);
    }
    expect(await lint("import * as m from '../../testing/src/index.js';\nexport const x = m;\n", 'plugins/x/src/index.ts')).toHaveLength(1);
  });

  it('keeps the host and its libraries out of plugin tests too', async () => {
    for (const spec of ['@atrium/host', '@atrium/host/engine', '../../../host/src/store/open-workstation.js', 'better-sqlite3']) {
      expect((await lint(`import * as m from '${spec}';\nexport const x = m;\n`, 'plugins/x/src/app.test.ts')).length, spec).toBe(1);
    }
  });

  it('lets the test kit reach the host through @atrium/host/engine only', async () => {
    expect(await lint("import { executeApp } from '@atrium/host/engine';\nexport const x = executeApp;\n", 'testing/src/x.ts')).toEqual([]);
    for (const spec of ['@atrium/host', '../../host/src/store/open-workstation.js', 'better-sqlite3']) {
      expect((await lint(`import * as m from '${spec}';\nexport const x = m;\n`, 'testing/src/x.ts')).length, spec).toBe(1);
    }
  });

  it('allows host-only libraries inside host', async () => {
    expect(await lint("import Database from 'better-sqlite3';\nexport const x = Database;\n", 'host/src/db/x.ts')).toEqual([]);
  });
});
