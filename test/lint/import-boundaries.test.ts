import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint configuration enforces the import boundaries of DESIGN.md. */
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
    for (const spec of ['@atrium/host', '../../host/src/workstation.js', 'better-sqlite3', 'inversify', 'tapable', 'dcmjs-dimse', 'dcmjs', 'playwright-core']) {
      const messages = await lint(`import * as m from '${spec}';\nexport const x = m;\n`, file);
      expect(messages.length, `${file} importing ${spec}`).toBe(1);
    }
  });

  it('refuses host from the sdk', async () => {
    expect((await lint("import * as m from '../../host/src/workstation.js';\nexport const x = m;\n", 'sdk/src/x.ts')).length).toBe(1);
    expect((await lint("import Database from 'better-sqlite3';\nexport const x = Database;\n", 'sdk/src/x.ts')).length).toBe(1);
  });

  it('allows host-only libraries inside host', async () => {
    expect(await lint("import Database from 'better-sqlite3';\nexport const x = Database;\n", 'host/src/db/x.ts')).toEqual([]);
  });
});
