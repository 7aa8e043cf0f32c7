/**
 * The committed API report (sdk/api-report.md) matches the SDK's compiled declarations, so
 * a change to the public surface is visible in review. Regenerates the report in memory
 * with tools/sdk-api-report.mjs from sdk/dist (brought up to date with `tsc -b sdk` first).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('sdk/api-report.md', () => {
  it('is up to date with the compiled declarations (otherwise: run npm run api-report)', async () => {
    // tsc -b is a no-op when sdk/dist is up to date; it builds it when missing or stale.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', 'sdk'], { cwd: repo, timeout: 180_000, stdio: 'pipe' });
    const tool = (await import(pathToFileURL(join(repo, 'tools/sdk-api-report.mjs')).href)) as { renderApiReport(sdkDir: string): string };
    const generated = tool.renderApiReport(join(repo, 'sdk'));
    const committed = readFileSync(join(repo, 'sdk/api-report.md'), 'utf8');
    expect(generated, 'the public surface of @atrium/sdk changed: run npm run api-report and commit sdk/api-report.md').toBe(committed);
  });

  it('lists the public entry points and only the exported names of the generated tables', () => {
    const report = readFileSync(join(repo, 'sdk/api-report.md'), 'utf8');
    const sections = [...report.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections[0]).toBe('index.d.ts');
    expect(sections).toContain('plugin/define-plugin.d.ts');
    expect(report).toContain('export declare function defineApp<const P extends ParameterSchema>(app: AppDefinition<P>): AppDefinition<P>;');
    expect(report).toContain('export declare function definePlugin(plugin: PluginDefinition): PluginDefinition;');
    expect(report).toMatch(/^- `Tag` \(const, \d+ members\)$/m);
    expect(report).not.toContain('FileMetaInformationGroupLength');
    expect(report).not.toMatch(/^\s*\/\*\*/m); // no TSDoc: comments are removed
  });
});
