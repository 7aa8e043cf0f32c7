import { readdirSync, readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The options of the rule (HOST_LAYERS in eslint.config.js). */
interface HostLayers {
  readonly layers: readonly (string | readonly string[])[];
  readonly testOnly: readonly string[];
}

/** The lint configuration enforces the layers of host/src (docs/DESIGN.md, Layers). */
describe('host layers', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  /** The layer messages for `code` linted as if it were `filePath`. */
  const lint = async (code: string, filePath: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'atrium/host-layers').map((m) => m.message);
  };
  const importing = (specifier: string, kind: 'value' | 'type' | 'dynamic' | 'export' = 'value'): string =>
    ({
      value: `import * as m from '${specifier}';\nexport const x = m;\n`,
      type: `import type { X } from '${specifier}';\nexport type Y = X;\n`,
      dynamic: `export const x = () => import('${specifier}');\n`,
      export: `export { x } from '${specifier}';\n`,
    })[kind];

  it('lets a folder import lower layers and itself', async () => {
    expect(await lint(importing('../io/parse-part10.js'), 'host/src/store/x.ts')).toEqual([]);
    expect(await lint(importing('../db/dicom-index.js'), 'host/src/net/services/x.ts')).toEqual([]);
    expect(await lint(importing('./file-store.js'), 'host/src/store/x.ts')).toEqual([]);
    expect(await lint(importing('../errors/atrium-error.js'), 'host/src/io/x.ts')).toEqual([]);
    expect(await lint(importing('../store/instance-store.js'), 'host/src/cli/x.ts')).toEqual([]);
  });

  it.each(['value', 'type', 'dynamic', 'export'] as const)('refuses an upward import (%s)', async (kind) => {
    const [message, ...rest] = await lint(importing('../store/instance-store.js', kind), 'host/src/io/x.ts');
    expect(rest).toEqual([]);
    expect(message).toMatch(/^host\/src\/io may not import store, a higher layer: layers only import downward \(.*io < db < store.*\) \(docs\/DESIGN\.md, Layers\)$/);
  });

  it('refuses an import between folders of one layer, and one from a nested file', async () => {
    expect(await lint(importing('../../derive/derive-object.js'), 'host/src/net/scu/x.ts')).toEqual([
      expect.stringMatching(/^host\/src\/net may not import derive: they are in the same layer/),
    ]);
    expect(await lint(importing('../jobs/job-queue.js'), 'host/src/db/x.ts')).toHaveLength(1);
    expect(await lint(importing('../plugins/plugin-registry.js'), 'host/src/net/x.ts')).toHaveLength(1);
    expect(await lint(importing('../cli/main.js'), 'host/src/di/x.ts')).toHaveLength(1);
  });

  it('keeps test data for tests, and the entry points out of the folders', async () => {
    expect(await lint(importing('../testing/synthetic-uid.js'), 'host/src/io/x.test.ts')).toEqual([]);
    expect(await lint(importing('../../testing/synthetic-uid.js'), 'host/src/net/test-support/x.ts')).toEqual([]);
    expect(await lint(importing('../testing/synthetic-uid.js'), 'host/src/io/x.ts')).toEqual([expect.stringMatching(/holds test data: only tests/)]);
    expect(await lint(importing('../io/write-part10.js'), 'host/src/testing/x.ts')).toEqual([]);
    expect(await lint(importing('../di/create-host-container.js'), 'host/src/testing/x.ts')).toHaveLength(1);
    expect(await lint(importing('../index.js'), 'host/src/store/x.ts')).toEqual([expect.stringMatching(/entry point of the host package/)]);
    expect(await lint(importing('./cli/main.js'), 'host/src/index.ts')).toEqual([]);
  });

  it('refuses a folder that has no place in the layers', async () => {
    expect(await lint(importing('../io/vr.js'), 'host/src/widgets/x.ts')).toEqual([expect.stringMatching(/^host\/src\/widgets is not placed in the host layers/)]);
  });

  it('places every folder of host/src, in the order docs/DESIGN.md writes down', async () => {
    const config = (await eslint.calculateConfigForFile('host/src/io/x.ts')) as { rules: Record<string, [unknown, HostLayers]> };
    const HOST_LAYERS = config.rules['atrium/host-layers']![1];
    const placed = new Set([...HOST_LAYERS.layers.flat(), ...HOST_LAYERS.testOnly]);
    const folders = readdirSync('host/src', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !placed.has(f))).toEqual([]);
    const design = readFileSync('docs/DESIGN.md', 'utf8');
    const written = /```\n(core .*<.* cli)\n```/.exec(design)?.[1];
    expect(written).toBe(HOST_LAYERS.layers.map((l) => (typeof l !== 'string' ? l.join(' / ') : l)).join(' < '));
  });

  describe('SQL stays in host/src/db, behind its interfaces', () => {
    const messages = async (code: string, filePath: string): Promise<string[]> => {
      const [result] = await eslint.lintText(code, { filePath });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
    };
    const sql = "export const a = 'SELECT id FROM job WHERE id = ?';\nexport const b = `UPDATE job SET state = ${1}`;\nexport const c = 'DELETE FROM setting';\n";

    it('refuses SQL text and the SQLite driver outside db', async () => {
      expect(await messages(sql, 'host/src/jobs/x.ts')).toEqual(Array(3).fill('SQL belongs in host/src/db, behind its interfaces (docs/DESIGN.md, Layers)'));
      expect(await messages(importing('better-sqlite3'), 'host/src/store/x.ts')).toEqual([expect.stringContaining('the SQLite driver is used in host/src/db only')]);
      expect(await messages(importing('better-sqlite3'), 'host/src/store/x.test.ts')).toHaveLength(1);
    });

    it('lets db hold them, tests use SQL text, and words that are not SQL pass', async () => {
      expect(await messages(sql + importing('better-sqlite3'), 'host/src/db/x.ts')).toEqual([]);
      expect(await messages(sql, 'host/src/store/x.test.ts')).toEqual([]);
      expect(await messages("export const m = 'select a series, then update the settings';\n", 'host/src/cli/x.ts')).toEqual([]);
    });
  });
});
