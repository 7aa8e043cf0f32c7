/**
 * The D3 reproducer (a bare data set with a stray Sequence Delimitation Item at the top
 * level, stored before although DCMTK and pydicom cannot read it) through every command
 * that reads it, from the attacker's side: `import` refuses it (coded, kept in quarantine),
 * `deid` names it unreadable with the same reason; and a copy stored by an earlier version
 * gets that verdict from `show`, `render` and `deid --where` too, never a listing that
 * hides the damage or "no Pixel Data".
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { part10Header } from '../../host/src/io/wrap-dataset.js';
import { REPO_ROOT } from '../support/samples.js';
import { useTempDir } from '../support/temp-dir.js';
import { atrium } from './cli-helpers.js';

const dir = useTempDir('atrium-d3-');
const D3 = 'D3_nometa-stray-SeqDelim_stored-but-unreadable.dcm';
/** Where D3's stray (FFFE,E0DD) lies in the bare data set. */
const STRAY_AT = 226;
const verdict = (offset: number): string => `found a Sequence Delimitation Item (FFFE,E0DD), which ends no sequence here, where a data element is expected at byte offset ${offset}`;

describe('D3: one verdict from import, deid, show and render', () => {
  it('import refuses it and keeps it in quarantine; deid names it unreadable with the same reason', async () => {
    const file = join(dir(), D3);
    copyFileSync(join(REPO_ROOT, 'test/fixtures/repro', D3), file);
    const store = join(dir(), 'store-import');
    const imported = await atrium('--store', store, '--json', 'import', file);
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.out).items).toEqual([expect.objectContaining({ file, status: 'rejected', code: 'ATRIUM_ERR_PARSE_MALFORMED', reason: verdict(STRAY_AT) })]);
    const [kept] = JSON.parse((await atrium('--store', store, '--json', 'quarantine')).out);
    expect(kept).toMatchObject({ reasonCode: 'ATRIUM_ERR_PARSE_MALFORMED', reason: verdict(STRAY_AT) });
    expect(readFileSync(join(store, kept.path)).equals(readFileSync(file))).toBe(true);
    const deid = await atrium('--json', 'deid', file, '--out', join(dir(), 'deid-out'));
    expect(deid.code).toBe(1);
    expect(JSON.parse(deid.out).files).toEqual([{ status: 'unreadable', input: file, code: 'ATRIUM_ERR_PARSE_MALFORMED', reason: verdict(STRAY_AT) }]);
  });

  it('a copy stored by an earlier version: show, render and deid --where refuse it alike (offsets in the stored file)', async () => {
    const bytes = readFileSync(join(REPO_ROOT, 'test/fixtures/repro', D3));
    // Stored the way an earlier version stored it: a generated File Meta in front of the data set bytes as received.
    const fixed = join(dir(), 'fixed.dcm');
    writeFileSync(fixed, Buffer.concat([bytes.subarray(0, STRAY_AT), bytes.subarray(STRAY_AT + 8)]));
    const store = join(dir(), 'store-earlier');
    const stored = JSON.parse((await atrium('--store', store, '--json', 'import', fixed)).out).items[0];
    expect(stored.status).toBe('stored');
    const ds = parseDicom(bytes.subarray(0, STRAY_AT)).dataset;
    const header = part10Header({ SOPClassUID: ds.string(Tag.SOPClassUID)!, SOPInstanceUID: ds.string(Tag.SOPInstanceUID)!, TransferSyntaxUID: '1.2.840.10008.1.2.1' });
    writeFileSync(join(store, stored.path), Buffer.concat([header, bytes]));
    const expected = `${verdict(header.length + STRAY_AT)} [ATRIUM_ERR_PARSE_MALFORMED]`;
    const sop = stored.SOPInstanceUID as string;
    const show = await atrium('--store', store, 'show', sop);
    expect(show.code).toBe(1);
    expect(show.out).toBe('');
    expect(show.err.trim()).toBe(`atrium show: ${expected}`);
    const render = await atrium('--store', store, 'render', sop, '--out', join(dir(), 'd3.png'));
    expect(render.code).toBe(1);
    expect(render.err.trim()).toBe(`atrium render: ${expected}`);
    const deid = await atrium('--store', store, '--json', 'deid', '--where', `SOPInstanceUID=${sop}`, '--out', join(dir(), 'deid-where'));
    expect(JSON.parse(deid.out).files).toEqual([expect.objectContaining({ status: 'unreadable', code: 'ATRIUM_ERR_PARSE_MALFORMED', reason: verdict(header.length + STRAY_AT) })]);
  });
});
