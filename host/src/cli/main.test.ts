import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_VERSION } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { useCliStore } from './test-support/cli-harness.js';

const MR = 'samples/mr/MR_small.dcm';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('atrium without a store', () => {
  const { atrium, store } = useCliStore('atrium-main-none-');

  it.each([
    ['ls', 'series'], ['show', '1.2.3'], ['export', '1.2.3', '--out', 'x'], ['rm', '1.2.3'], ['quarantine'], ['reconcile'],
    ['jobs'], ['render', '1.2.3', '--out', 'x.png'], ['run', 'series-summary', '--series', '1.2.3'], ['batch', 'series-summary', '--where', 'Modality=CT'],
    ['send', '1.2.3', 'PACS'], ['echo', 'PACS'], ['find', 'PACS'], ['config'], ['ae', 'ls'], ['deid', '--where', 'Modality=CT', '--out', 'x'],
  ])('%s says there is no store and creates none', async (...argv) => {
    const r = await atrium(...argv);
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toBe(`atrium ${argv[0]}: there is no Atrium store at ${store} (--store); nothing was created. \`atrium import <files>\` creates one there; --store <dir> or $ATRIUM_STORE name another [ATRIUM_ERR_CLI_NO_STORE]\n`);
    expect(existsSync(store)).toBe(false);
  });

  it('lists apps and prints an app\'s help without creating a store', async () => {
    expect((await atrium('apps')).code).toBe(0);
    expect((await atrium('help', 'run', 'series-summary')).code).toBe(0);
    expect(existsSync(store)).toBe(false);
  });
});

describe('atrium help and version', () => {
  const { atrium } = useCliStore('atrium-main-help-');

  it('prints the versions of atrium, the SDK and Node', async () => {
    const host = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
    expect(await atrium('--version')).toEqual({ code: 0, out: `atrium ${host} (@atrium/sdk ${SDK_VERSION}, Node ${process.version})\n`, err: '' });
  });

  it('prints a command\'s usage with `help <command>` and `<command> --help`', async () => {
    const help = await atrium('help', 'ls');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: atrium ls patients\|studies\|series\|instances /);
    expect(await atrium('ls', '--help')).toEqual(help);
    const all = await atrium('help');
    expect([all.code, all.err]).toEqual([0, '']);
    expect(all.out).toContain('atrium help <command>');
  });

  it('lists an app\'s parameters with types, defaults and descriptions from its schema', async () => {
    const r = await atrium('run', 'series-summary', '--help');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('example.series-summary.series-summary 0.1.0: Series summary');
    expect(r.out).toMatch(/\nthumbnails +integer \(1…16\) +8 +number of thumbnails/);
    expect(r.out).toMatch(/\ntitle +string +Series summary +title line of the image/);
    expect((await atrium('help', 'batch', 'series-summary')).out).toContain('\nthumbnails ');
    const unknown = await atrium('run', 'no-such-app', '--help');
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('[ATRIUM_ERR_APP_UNKNOWN]')]);
  });

  it('names the closest command to a misspelt one', async () => {
    expect(await atrium('lss', 'series')).toEqual({ code: 2, out: '', err: 'atrium: unknown command "lss": did you mean ls? (`atrium help` lists the commands) [ATRIUM_ERR_CLI_UNKNOWN_COMMAND]\n' });
  });
});

describe('atrium usage errors', () => {
  const { atrium, scratch, store } = useCliStore('atrium-main-usage-');

  it('run names what is missing: the app, its input (--series or --study), or one of the two', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    const line = async (...argv: string[]): Promise<string> => {
      const r = await atrium(...argv);
      expect([r.code, r.out], argv.join(' ')).toEqual([2, '']);
      return r.err.split('\n')[0]!;
    };
    expect(await line('run')).toBe('atrium run: give the app to run (atrium apps lists them) [ATRIUM_ERR_CLI_USAGE]');
    expect(await line('run', 'calcium-scoring')).toBe('atrium run: calcium-scoring needs its input: --series <uid> or --study <uid> [ATRIUM_ERR_CLI_USAGE]');
    expect(await line('run', 'calcium-scoring', '--series', '1.2.3', '--study', '1.2.4')).toBe('atrium run: give --series or --study, not both [ATRIUM_ERR_CLI_USAGE]');
    expect(await line('run', 'calcium-scoring', '1.2.3', '--series', '1.2.3')).toBe('atrium run: unexpected argument "1.2.3": give one app, and its input with --series or --study [ATRIUM_ERR_CLI_USAGE]');
    // --params: a missing file or one that is not JSON is named in words, not as a Node error.
    const missing = join(scratch, 'no-such-params.json');
    const noFile = await atrium('run', 'series-summary', '--series', '1.2.3', '--params', missing);
    expect([noFile.code, noFile.err.split('\n')[0]]).toEqual([2, `atrium run: --params ${missing} does not exist: give a JSON file of parameters [ATRIUM_ERR_CLI_BAD_PARAMS]`]);
    const notJson = join(scratch, 'params.json');
    writeFileSync(notJson, '{thumbnails: 4}');
    const badJson = await atrium('run', 'series-summary', '--series', '1.2.3', '--params', notJson);
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(new RegExp(`^atrium run: --params ${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\) \\[ATRIUM_ERR_CLI_BAD_PARAMS\\]\nusage: atrium run `));
  });

  it('refuses an option without its value with a code and the usage, no stack trace', async () => {
    await atrium('import', MR);
    for (const argv of [['ls', 'series', '--limit'], ['ls', 'studies', '--date'], ['render', MR_SOP, '--out'], ['batch', 'series-summary', '--where']]) {
      const r = await atrium(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^atrium \w+: --\w+ needs a value \[ATRIUM_ERR_CLI_BAD_OPTION\]\nusage: atrium /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const noStore = await atrium('--store');
    expect(noStore).toEqual({ code: 2, out: '', err: 'atrium: --store needs a value (a folder) [ATRIUM_ERR_CLI_BAD_OPTION]\n' });
  });

  it('refuses to render into a folder that does not exist, naming it', async () => {
    const missing = join(scratch, 'no', 'such');
    const r = await atrium('render', MR_SOP, '--out', join(missing, 'mr.png'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`atrium render: cannot open ${join(missing, 'mr.png')}: no such file or folder (the folder ${missing} does not exist) [ATRIUM_ERR_CLI_FILE]\n`);
    expect(existsSync(join(scratch, 'no'))).toBe(false);
    const json = await atrium('--json', 'render', MR_SOP, '--out', join(missing, 'mr.png'));
    expect(JSON.parse(json.err).error).toMatchObject({ code: 'ATRIUM_ERR_CLI_FILE', details: { path: join(missing, 'mr.png'), errno: 'ENOENT' } });
    mkdirSync(missing, { recursive: true });
    expect((await atrium('render', MR_SOP, '--out', join(missing, 'mr.png'))).code).toBe(0);
    expect(readdirSync(missing)).toEqual(['mr.png']);
    expect(existsSync(store)).toBe(true);
  });
});
