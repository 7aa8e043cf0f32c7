import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve('.');

/** Every test file and test-support file of the workspaces (what vitest runs or what those files import). */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    const rel = relative(root, p).split(sep).join('/');
    const isTest = /\.test\.ts$/.test(e.name) || (/\.ts$/.test(e.name) && (rel.includes('/test-support/') || rel.startsWith('test/')));
    return isTest && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** `npm run typecheck` (called by `npm run lint`) compiles tsconfig.test.json: it must hold every test file. */
describe('tsconfig.test.json', () => {
  it('type-checks every test file of every workspace', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile('tsconfig.test.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
    const included = new Set(parsed!.fileNames.map((f) => relative(root, f).split(sep).join('/')));
    const files = ['sdk', 'host', 'plugins', 'examples', 'test', 'bench'].flatMap((d) => testFiles(join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !included.has(f))).toEqual([]);
    expect(parsed!.options.noEmit).toBe(true);
  });
});
