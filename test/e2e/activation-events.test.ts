/**
 * Activation events (manifest `activationEvents`, as VS Code's): a plugin that asks for the
 * store's events is activated in whichever process stores — here a real `atrium import` —
 * before anything is stored, so its listeners hear every instance; one that does not ask is
 * not even imported by an import.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCount, manifest, writePlugin } from '../../host/src/plugins/test-support/plugin-fixtures.js';
import { REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const CLI = join(REPO_ROOT, 'host', 'bin', 'atrium.js');
const MR = join(REPO_ROOT, 'samples', 'mr', 'MR_small.dcm');
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

const dir = makeTempDir('atrium-activation-');
afterAll(() => removeTempDir(dir));

/** Listeners that append what they hear to `heard.log` beside the plugin's entry. */
const LISTEN = `const log = (line) => appendFileSync(new URL('./heard.log', import.meta.url), line + '\\n');
    ctx.subscriptions.push(ctx.events.onDidStoreInstance((e) => log('stored ' + e.sopInstanceUID)));
    ctx.subscriptions.push(ctx.events.onDidCompleteSeries((e) => log('complete ' + e.seriesInstanceUID)));`;

const plugins = join(dir, 'plugins');
const eager = writePlugin(join(plugins, 'eager'), 'acme.eager', { atrium: manifest(['summary'], { activationEvents: ['onDidStoreInstance', 'onDidCompleteSeries'] }), entry: { activate: LISTEN } });
const lazy = writePlugin(join(plugins, 'lazy'), 'acme.lazy', { entry: { activate: LISTEN } });
const heard = (plugin: string): string[] => (existsSync(join(plugin, 'heard.log')) ? readFileSync(join(plugin, 'heard.log'), 'utf8').trim().split('\n') : []);

function atrium(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, '--store', join(dir, 'store'), ...args], { encoding: 'utf8', env: { ...process.env, ATRIUM_PLUGIN_PATH: plugins }, timeout: 60_000 });
}

describe('activationEvents: onDidStoreInstance, onDidCompleteSeries', () => {
  it('activates the plugin that asks before `atrium import` stores, and it hears every instance and the series complete', () => {
    const r = atrium('import', MR);
    expect(r.status, r.stderr).toBe(0);
    expect(heard(eager)).toEqual([`stored ${MR_SOP}`, `complete ${MR_SERIES}`]);
    expect(importCount(lazy)).toBe(0);
    expect(heard(lazy)).toEqual([]);
  });

  it('does not activate it for a command that stores nothing', () => {
    const before = importCount(eager);
    expect(atrium('ls', 'series').status).toBe(0);
    expect(importCount(eager)).toBe(before);
  });

  it('refuses an activation event the host does not know, naming the field', () => {
    writePlugin(join(plugins, 'odd'), 'acme.odd', { atrium: manifest(['summary'], { activationEvents: ['onStartup'] }) });
    const r = atrium('--json', 'apps');
    const { problems } = JSON.parse(r.stdout) as { problems: { id: string; problems: { code: string; message: string }[] }[] };
    expect(problems.find((p) => p.id === 'acme.odd')?.problems).toEqual([expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_MANIFEST', message: expect.stringContaining('activationEvents[0] must be one of onDidStoreInstance, onDidCompleteSeries (got "onStartup")') })]);
  });
});
