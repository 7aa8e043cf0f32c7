/**
 * The print, media, worklist and MPPS commands refuse a command line as the other commands do
 * (a missing argument, an unknown option, a value an option does not take): a code, exit 2, the
 * usage line; and one rule for a bad value across every command. A refused command creates
 * nothing, and `media ls` on a file that is not a DICOMDIR says which file and what it is.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from './test-support/cli-harness.js';

const MR = 'samples/mr/MR_small.dcm';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('usage of the print, media, worklist and mpps commands, and bad values everywhere', () => {
  const { atrium, scratch } = useCliStore('atrium-net-media-usage-');

  /** `argv` refused as a usage error: exit 2, `[code]` and the usage line in text, the code as JSON. */
  const refused = async (code: string, ...argv: string[]): Promise<string> => {
    const text = await atrium(...argv);
    expect([text.code, text.out], argv.join(' ')).toEqual([2, '']);
    expect(text.err, argv.join(' ')).toMatch(new RegExp(`^atrium ${argv[0]}: .* \\[${code}\\]\\nusage: atrium ${argv[0]} `));
    const json = await atrium('--json', ...argv);
    expect(json.code, `--json ${argv.join(' ')}`).toBe(2);
    expect((JSON.parse(json.err) as { error: { code: string } }).error.code, `--json ${argv.join(' ')}`).toBe(code);
    return (JSON.parse(json.err) as { error: { message: string } }).error.message;
  };

  it('a missing argument of mpps, print, media or worklist is ATRIUM_ERR_CLI_USAGE with the usage line', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'mpps')).toBe('give a subcommand: create, set or ls');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'mpps', 'create')).toBe('create needs a stored study or series UID and a remote AE');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'mpps', 'set', '1.2.3')).toBe('set needs a remote AE after 1.2.3');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'mpps', 'bogus')).toBe('unknown subcommand "bogus" (create, set or ls)');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'print')).toContain('give the UIDs of the images to print and then the printer AE');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'print', 'PRINTER')).toBe('give the UIDs of the images to print before the printer AE "PRINTER"');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'media')).toBe('give a subcommand: write, add, ls or rm');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'media', 'write', MR_SOP)).toBe('write needs --out <folder>');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'media', 'ls')).toBe('ls needs a DICOMDIR or a medium folder');
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'media', 'rm', scratch)).toBe(`rm needs at least one UID to remove from ${scratch}`);
    expect(await refused('ATRIUM_ERR_CLI_USAGE', 'worklist')).toBe('give the remote worklist AE (title or alias)');
  });

  it('an unknown option is named in the user\'s words with the closest one, never the parser\'s text', async () => {
    for (const command of [['print', MR_SOP, 'AE'], ['worklist', 'AE'], ['mpps', 'ls'], ['media', 'ls', scratch], ['worker']]) {
      const message = await refused('ATRIUM_ERR_CLI_BAD_OPTION', ...command, '--x');
      expect(message, command[0]).toMatch(/^unknown option --x; options: --/);
    }
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'worklist', 'AE', '--modalty', 'NM')).toBe('unknown option --modalty (did you mean --modality?)');
    expect(await refused('ATRIUM_ERR_CLI_BAD_OPTION', 'print', MR_SOP, 'AE', '--copies')).toBe('--copies needs a value');
  });

  it('a value an option or argument does not take is a usage error in every command: exit 2, its code, the usage line', async () => {
    const table: [code: string, argv: string[], message: RegExp][] = [
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['print', MR_SOP, 'AE', '--copies', 'abc'], /^--copies must be a whole number from 1 to 99, not "abc"$/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['print', MR_SOP, 'AE', '--layout', '9x'], /^--layout must be <columns>x<rows>/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['worklist', 'AE', '--modality', 'N-M'], /^--modality must be a modality code such as NM or CT .*not "N-M"$/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['print', MR_SOP, '--preview', join(scratch, 'p.png'), '--copies', '2', '--film-size', 'A4'], /^--film-size, --copies are for a printer, not --preview /],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['print', MR_SOP, '--preview', join(scratch, 'p.png'), '--window', '40'], /^--window must be <center>,<width>/],
      ['ATRIUM_ERR_QUERY_BAD_VALUE', ['worklist', 'AE', '--date', '2024'], /^--date: .*"2024" is not a valid DA value or range$/],
      ['ATRIUM_ERR_CLI_BAD_LIMIT', ['worklist', 'AE', '--limit', '0'], /^--limit must be a positive whole number, not "0"$/],
      ['ATRIUM_ERR_QUERY_BAD_VALUE', ['ls', 'studies', '--date', '2024'], /^--date: /],
      ['ATRIUM_ERR_MEDIA_PROFILE', ['media', 'write', MR_SOP, '--out', join(scratch, 'cd'), '--profile', 'NOPE'], /^--profile: unknown Media Storage Application Profile "NOPE"/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['media', 'write', MR_SOP, '--out', join(scratch, 'cd'), '--file-set-id', 'lower'], /^--file-set-id must be/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['mpps', 'set', '1.2.3', 'AE', '--status', 'DONE'], /^mpps set needs --status COMPLETED or DISCONTINUED, not "DONE"$/],
      ['ATRIUM_ERR_CONFIG_BAD_VALUE', ['serve', '--port', 'abc'], /^--port: Bad value for network setting port: "abc" is not a whole number/],
      ['ATRIUM_ERR_CONFIG_BAD_VALUE', ['config', 'set', 'findLimit', 'abc'], /^Bad value for network setting findLimit/],
      ['ATRIUM_ERR_CONFIG_BAD_VALUE', ['config', 'set', 'validation', 'lax'], /validation/],
      ['ATRIUM_ERR_AE_BAD_VALUE', ['ae', 'add', 'BAD\\AE', '--host', 'localhost', '--port', '104'], /^Bad remote AE title "BAD\\\\AE"/],
      ['ATRIUM_ERR_AE_BAD_VALUE', ['ae', 'add', 'PACS', '--host', 'localhost', '--port', '0'], /^Bad remote AE port 0/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['ae', 'add', 'PACS', '--host', 'localhost', '--port', 'abc'], /^--port must be a whole number from 1 to 65535, not "abc"$/],
      ['ATRIUM_ERR_CLI_BAD_LIMIT', ['jobs', '--limit', 'abc'], /^--limit must be a positive whole number, not "abc"$/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['jobs', '--state', 'done'], /^--state: unknown state "done"/],
      ['ATRIUM_ERR_CLI_BAD_LIMIT', ['find', 'AE', '--limit', 'abc'], /^--limit must be/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['web', '--port', 'abc'], /^--port must be/],
      ['ATRIUM_ERR_CLI_BAD_OPTION', ['show', MR_SOP, '--max-value', 'abc'], /^--max-value must be/],
    ];
    for (const [code, argv, message] of table) expect(await refused(code, ...argv), argv.join(' ')).toMatch(message);
  });

  it('a refused ae add or config set creates no store', async () => {
    const fresh = join(scratch, 'never-made');
    for (const argv of [['ae', 'add', 'BAD\\AE', '--host', 'localhost', '--port', '104'], ['ae', 'add', 'PACS', '--host', 'localhost', '--port', '70000'],
      ['ae', 'add', 'PACS', '--host', 'localhost', '--port', '104', '--roles', 'bogus'], ['ae', 'add', 'PRN', '--host', 'localhost', '--port', '104', '--roles', 'print', '--print-bits', '16'],
      ['config', 'set', 'port', 'abc']]) {
      const r = await atrium('--store', fresh, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(existsSync(fresh), argv.join(' ')).toBe(false);
    }
    expect((await atrium('--store', fresh, 'ae', 'add', 'PACS', '--host', 'localhost', '--port', '104')).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it('a failed print job is reported as the command\'s own error, saying how to give the AE the role; media rm needs a medium', async () => {
    expect((await atrium('ae', 'add', 'PACS', '--host', '127.0.0.1', '--port', '104')).code).toBe(0);
    const print = await atrium('print', MR_SOP, 'PACS');
    expect(print.code).toBe(1);
    expect(print.err).toMatch(/^atrium print: job \d+ failed: PACS does not have the role "print" in the AE table \(it has store, query, call\); atrium ae add PACS --host 127\.0\.0\.1 --port 104 --roles store,query,call,print gives it \[ATRIUM_ERR_AE_ROLE\]\n$/);
    const rm = await atrium('media', 'rm', join(scratch, 'no-such-medium'), MR_SOP);
    expect([rm.code, rm.err.split('\n')[0]]).toEqual([2, `atrium media: medium folder ${join(scratch, 'no-such-medium')} has no DICOMDIR: there is no medium to remove from [ATRIUM_ERR_MEDIA_OUT]`]);
  });

  it('print --preview refuses a --printer that is not a printer of the AE table, and UIDs that name no image', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    expect((await atrium('ae', 'add', 'PACS', '--host', '127.0.0.1', '--port', '104')).code).toBe(0);
    const out = join(scratch, 'film.png');
    const unknown = await atrium('print', MR_SOP, '--preview', out, '--printer', 'PRINTR');
    expect([unknown.code, unknown.err]).toEqual([1, 'atrium print: Unknown remote AE "PRINTR"; known: PACS [ATRIUM_ERR_AE_UNKNOWN]\n']);
    const notPrinter = await atrium('print', MR_SOP, '--preview', out, '--printer', 'PACS');
    expect(notPrinter.code).toBe(1);
    expect(notPrinter.err).toMatch(/^atrium print: --printer PACS is not a printer: it does not have the role "print" .* --roles store,query,call,print gives it \[ATRIUM_ERR_AE_ROLE\]\n$/);
    expect(existsSync(out)).toBe(false);
    expect((await atrium('ae', 'add', 'PRINTER', '--host', '127.0.0.1', '--port', '105', '--roles', 'print', '--print-matrix', '256')).code).toBe(0);
    const ok = await atrium('print', MR_SOP, '--preview', out, '--printer', 'PRINTER');
    expect([ok.code, ok.out]).toEqual([0, `${out}  film 1x1, 256×256\n`]);
    expect((await atrium('import', 'samples/rt-seg-sr/test-SR.dcm')).code).toBe(0);
    const srOut = join(scratch, 'sr.png');
    const sr = await atrium('print', '1.2.276.0.7230010.3.1.4.2139363186.7819.982086466.4', '--preview', srOut);
    expect([sr.code, sr.out]).toEqual([1, '']);
    expect(sr.err).toMatch(/^atrium print: Nothing to preview: 1\.2\.276\.0\.7230010\.3\.1\.4\.2139363186\.7819\.982086466\.4 name no images .*\[ATRIUM_ERR_NET_BAD_REQUEST\]\n$/);
    expect(existsSync(srOut)).toBe(false);
  });

  it('the command list shows each form of a usage of several on its own aligned line', async () => {
    const help = (await atrium('help')).out;
    const indent = ' '.repeat(15);
    expect(help).toContain(`\n${indent}atrium mpps create <study|series-uid> <ae>\n${indent}atrium mpps set <mpps-uid> <ae>`);
    expect(help).toContain(`\n${indent}atrium media ls <DICOMDIR|folder>\n${indent}atrium media rm <folder> <uid...>\n`);
  });

  it('media ls on something that is not a DICOMDIR names the path and what it found', async () => {
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'not a medium\n');
    const empty = join(scratch, 'empty-file');
    writeFileSync(empty, '');
    const folder = join(scratch, 'no-medium');
    mkdirSync(folder);
    const cases: [string, string][] = [
      [text, `${text}: not a DICOMDIR: a file of 13 bytes that is not DICOM (`],
      [empty, `${empty}: not a DICOMDIR: an empty file`],
      [MR, `${MR}: not a DICOMDIR: a DICOM file of MR Image Storage 1.2.840.10008.5.1.4.1.1.4 (`],
      [folder, `${folder} is a folder without a DICOMDIR`],
    ];
    for (const [path, message] of cases) {
      const r = await atrium('--json', 'media', 'ls', path);
      expect(r.code, path).toBe(1);
      const error = (JSON.parse(r.err) as { error: { code: string; message: string; details: { path: string } } }).error;
      expect(error.code, path).toBe('ATRIUM_ERR_DICOMDIR_INVALID');
      expect(error.message, path).toContain(message);
      expect(error.details.path, path).toBe(path);
    }
  });

  it('media ls on a truncated DICOM file says it is truncated and where its data ends, not "not DICOM"', async () => {
    const whole = readFileSync(MR);
    for (const [size, where] of [[1000, 'value length 4 runs past the end of the data (0 bytes left) in (0018,5100) at byte offset 992'], [200, 'File Meta Information runs past the end of the data in (0002,0003) at byte offset 192']] as const) {
      const cut = join(scratch, `cut-${size}.dcm`);
      writeFileSync(cut, whole.subarray(0, size));
      const r = await atrium('media', 'ls', cut);
      expect([r.code, r.out]).toEqual([1, '']);
      expect(r.err).toBe(`atrium media: ${cut}: a truncated DICOM file (DICM preamble found, data ends early at byte ${size}: ${where}) [ATRIUM_ERR_PARSE_TRUNCATED]\n`);
      const json = await atrium('--json', 'media', 'ls', cut);
      expect(JSON.parse(json.err).error).toMatchObject({ code: 'ATRIUM_ERR_PARSE_TRUNCATED', details: { path: cut, size } });
    }
  });
});
