/**
 * Every usage problem of the command line, from the user's side: a code, exit 2, the usage line in
 * text, one JSON object under --json — never the argument parser's own words or a bare usage line.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_STATUS } from './cli-help.js';
import { COMMAND_NAMES } from './command-list.js';
import { useCliStore } from './test-support/cli-harness.js';

const MR = 'samples/mr/MR_small.dcm';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const STACK = /\n\s+at /;

describe('usage errors', () => {
  const { atrium, scratch, store } = useCliStore('atrium-usage-');

  /** Runs `argv` with and without --json: exit 2 both times, the code in text and as JSON. */
  const refused = async (code: string, ...argv: string[]): Promise<string> => {
    const text = await atrium(...argv);
    expect([text.code, text.out], argv.join(' ')).toEqual([2, '']);
    expect(text.err, argv.join(' ')).toContain(`[${code}]`);
    expect(text.err).not.toMatch(STACK);
    const json = await atrium('--json', ...argv);
    expect(json.code, `--json ${argv.join(' ')}`).toBe(2);
    const parsed = JSON.parse(json.err) as { error: { code: string; message: string } };
    expect(parsed.error.code, `--json ${argv.join(' ')}`).toBe(code);
    return parsed.error.message;
  };

  it('a missing argument is ATRIUM_ERR_CLI_USAGE with the usage line, and JSON under --json', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'show')).toBe('give a study, series or SOP instance UID');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'import')).toBe('give at least one file, folder or DICOMDIR');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'config', 'set')).toBe('set takes a key and a value');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'jobs', 'show')).toBe('show needs a job id (a number)');
    expect((await atrium('show')).err).toBe('atrium show: give a study, series or SOP instance UID [ATRIUM_ERR_CLI_USAGE]\nusage: atrium show <uid> [--max-value <chars>]\n');
    expect(await refused('ATRIUM_ERR_CLI_UNKNOWN_COMMAND', 'lss')).toContain('did you mean ls?');
    expect(await refused('ATRIUM_ERR_CLI_USAGE')).toContain('no command given');
    expect(await refused('ATRIUM_ERR_APP_UNKNOWN', 'batch', 'series-sumary', '--where', 'Modality=CT')).toBe('no app "series-sumary": did you mean series-summary? (atrium apps lists them)');
    expect(await refused('ATRIUM_ERR_APP_UNKNOWN', 'run', 'series-sumary', '--series', '1.2.3')).toBe('no app "series-sumary": did you mean series-summary? (atrium apps lists them)');
  });

  it('atrium help batch explains each option batch takes', async () => {
    const help = (await atrium('help', 'batch')).out;
    for (const option of ['<app>', '--where', '--param', '--params', '--limit', '--local n', '--expire s']) expect(help).toContain(`  ${option}`);
    expect(help).toContain('0: this host only waits');
  });

  it('an option without its value, or a value it does not take, is ATRIUM_ERR_CLI_BAD_OPTION naming the option', async () => {
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'deid', MR, '--out')).toBe('--out needs a value');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'render', MR_SOP, '--out', `${scratch}/x.png`, '--frame', '0')).toBe('--frame must be a frame number from 1, not "0"');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'render', MR_SOP, '--out', `${scratch}/x.png`, '--frame', 'abc')).toBe('--frame must be a frame number from 1, not "abc"');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'render', MR_SOP, '--out', `${scratch}/x.png`, '--window', '10')).toContain('--window must be <center>,<width>');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'ls', 'series', '--warnings=yes')).toBe('--warnings takes no value');
  });

  it('an unknown option says which, with the closest one; a negative number is the value of the option before it: --limit -1 is refused by name, --date -20301231 is a range', async () => {
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'ls', 'series', '--modalty', 'CT')).toBe('unknown option --modalty (did you mean --modality?)');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'import', MR, '--force')).toBe('unknown option --force; it takes no options');
    expect(await refused('ATRIUM_ERR_CLI_BAD_LIMIT', 'ls', 'series', '--limit', '-1')).toBe('--limit must be a positive whole number, not "-1"');
    expect(await refused('ATRIUM_ERR_CLI_BAD_LIMIT', 'batch', 'series-summary', '--where', 'Modality=CT', '--local', '-1')).toBe('--local must be a whole number, 0 or more (the jobs run on this host meanwhile; 0: the workers run them all), not "-1"');
    // A negative number after an option is its value: an open date range, not an option.
    const until = await atrium('--json', 'ls', 'studies', '--date', '-20301231');
    expect([until.code, until.err]).toEqual([0, '']);
    expect((JSON.parse(until.out) as unknown[]).length).toBe(1);
  });

  it('every command names an unknown option (with the nearest known one), before it reads or sends anything', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'send', MR_SOP, 'PACS', '--comit')).toBe('unknown option --comit (did you mean --commit?)');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'echo', 'PACS', '--verbose')).toBe('unknown option --verbose; it takes no options');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'config', 'get', 'validation', '--al')).toBe('unknown option --al; it takes no options');
    for (const name of COMMAND_NAMES) {
      const r = await atrium(name, '--bogus-option');
      expect([r.code, r.out], name).toEqual([2, '']);
      expect(r.err, name).toMatch(new RegExp(`^atrium ${name}: unknown option --bogus-option; (options: --|it takes no options)`));
    }
  });

  it('one exit rule, stated by atrium help: a bad output folder, an unknown or bad app parameter, a bad --params file exit 2 like a bad option; a UID not found exits 1', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    expect((await atrium('help')).out).toContain(`\n${EXIT_STATUS}\n`);
    const inStore = join(store, 'out');
    expect(await refused('ATRIUM_ERR_MEDIA_OUT', 'media', 'write', MR_SOP, '--out', inStore)).toMatch(/^output folder .* is inside the store/);
    expect(await refused('ATRIUM_ERR_DEID_OUT', 'deid', MR, '--out', inStore)).toMatch(/^output folder .* is inside the store/);
    expect(await refused('ATRIUM_ERR_PARAM_UNKNOWN', 'run', 'series-summary', '--series', '1.2.3', '--param', 'thumbnail=4')).toBe('unknown parameter "thumbnail" (did you mean thumbnails?)');
    expect(await refused('ATRIUM_ERR_PARAM_INVALID', 'run', 'series-summary', '--series', '1.2.3', '--param', 'thumbnails=99')).toBe('parameter "thumbnails" must be at most 16 (got "99")');
    writeFileSync(join(scratch, 'list.json'), '[1]');
    expect(await refused('ATRIUM_ERR_CLI_BAD_PARAMS', 'run', 'series-summary', '--series', '1.2.3', '--params', join(scratch, 'list.json'))).toContain('must hold a JSON object');
    expect(existsSync(inStore)).toBe(false);
    const notFound = await atrium('rm', '1.2.3');
    expect([notFound.code, notFound.err]).toEqual([1, 'atrium rm: no stored study, series or instance has the UID 1.2.3 [ATRIUM_ERR_CLI_UNKNOWN_UID]\n']);
  });

  it('a misspelt setting is a usage error with the closest name; a query key in another letter case is named', async () => {
    expect(await refused('ATRIUM_ERR_CONFIG_UNKNOWN_KEY', 'config', 'set', 'valdation', 'strict')).toContain('unknown setting "valdation" (did you mean validation?)');
    expect(await refused('ATRIUM_ERR_QUERY_UNKNOWN_KEY', 'ls', 'series', '--key', 'modality=CT')).toBe('--key: unknown query key "modality": did you mean Modality?');
    expect(await refused('ATRIUM_ERR_QUERY_UNKNOWN_KEY', 'ls', 'studies', '--key', 'modality=CT')).toMatch(/^--key: unknown query key "modality": did you mean Modality\? \(a key of the series level; study queries match PatientName, .*ModalitiesInStudy\)$/);
  });
});
