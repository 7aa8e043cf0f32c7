/**
 * Outputs never land among the originals: `print --preview`, `render --out` and `export --out`
 * refuse a path inside the store with the same check `media write` and `deid` use for their
 * folders — a coded usage error (exit 2) naming the path and the store; nothing is written.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from './test-support/cli-harness.js';

const MR = 'samples/mr/MR_small.dcm';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('outputs inside the store', () => {
  const { atrium, scratch, store } = useCliStore('atrium-output-in-store-');

  it('print --preview, render --out and export --out inside the store are refused before anything is written', async () => {
    expect((await atrium('import', MR)).code).toBe(0);
    const before = readdirSync(store).sort();
    const preview = join(store, 'files', 'film.png');
    const print = await atrium('print', MR_SOP, '--preview', preview);
    expect([print.code, print.out]).toEqual([2, '']);
    expect(print.err.split('\n')[0]).toBe(`atrium print: --preview: output file ${preview} is inside the store (${store}): choose a folder outside it, so that no copy is written among the originals [ATRIUM_ERR_CLI_OUT]`);
    const json = await atrium('--json', 'print', MR_SOP, '--preview', join(store, 'film.png'));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.err).error).toMatchObject({ code: 'ATRIUM_ERR_CLI_OUT', details: { option: '--preview', out: join(store, 'film.png') } });
    const render = await atrium('render', MR_SOP, '--out', join(store, 'mr.png'));
    expect([render.code, render.err.split('\n')[0]]).toEqual([2, `atrium render: --out: output file ${join(store, 'mr.png')} is inside the store (${store}): choose a folder outside it, so that no copy is written among the originals [ATRIUM_ERR_CLI_OUT]`]);
    const copy = await atrium('export', MR_SOP, '--out', join(store, 'copies'));
    expect([copy.code, copy.err.split('\n')[0]]).toEqual([2, `atrium export: --out: output ${join(store, 'copies')} is inside the store (${store}): choose a folder outside it, so that no copy is written among the originals [ATRIUM_ERR_EXPORT_TARGET]`]);
    expect(readdirSync(store).sort()).toEqual(before);
    expect(existsSync(preview)).toBe(false);
  });

  it('print --preview refuses a folder, and writes a file outside the store', async () => {
    await atrium('import', MR);
    const folder = await atrium('print', MR_SOP, '--preview', scratch);
    expect([folder.code, folder.err.split('\n')[0]]).toEqual([2, `atrium print: --preview: output file ${scratch} is a folder: give the name of a file [ATRIUM_ERR_CLI_OUT]`]);
    const film = join(scratch, 'film.png');
    const written = await atrium('print', MR_SOP, '--preview', film);
    expect([written.code, written.err]).toEqual([0, '']);
    expect(existsSync(film)).toBe(true);
  });
});
