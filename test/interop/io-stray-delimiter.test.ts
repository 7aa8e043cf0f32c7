/**
 * Why Atrium refuses the D3 reproducer (a stray Sequence Delimitation Item at the top level
 * of a bare data set): the referees cannot read it either — dcmdump stops with an error,
 * pydicom cannot list its elements — while both read the same data set without those 8
 * bytes, as Atrium does. The stricter verdict is the one every reader can keep.
 * Needs dcmdump and pydicom (under CI=true their absence fails).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { havePeers, peer, runPydicom } from '../support/peers.js';
import { REPO_ROOT } from '../support/samples.js';
import { useTempDir } from '../support/temp-dir.js';

const ok = havePeers('dcmdump', 'pydicom');
const STRAY_AT = 226;

const PYDICOM_LIST = `
import sys, pydicom
for f in sys.argv[1:]:
    try:
        ds = pydicom.dcmread(f, force=True)
        print('read', len(list(ds.iterall())))
    except Exception as e:
        print('error', type(e).__name__)
`;

describe.skipIf(!ok)('D3 against dcmdump and pydicom', () => {
  const tmp = useTempDir('atrium-d3-peers-');

  it('dcmdump and pydicom fail on it and read it without the stray item; Atrium refuses it and reads the other', () => {
    const d3 = join(REPO_ROOT, 'test/fixtures/repro/D3_nometa-stray-SeqDelim_stored-but-unreadable.dcm');
    const bytes = readFileSync(d3);
    const fixed = join(tmp(), 'fixed.dcm');
    writeFileSync(fixed, Buffer.concat([bytes.subarray(0, STRAY_AT), bytes.subarray(STRAY_AT + 8)]));
    const dcmdump = (f: string): { status: number | null; stderr: string } => spawnSync(peer('dcmdump')!, [f], { encoding: 'utf8' });
    expect(dcmdump(d3).status).not.toBe(0);
    expect(dcmdump(d3).stderr).toContain('(fffe,e0dd)');
    expect(dcmdump(fixed).status).toBe(0);
    expect(runPydicom(PYDICOM_LIST, [d3, fixed]).trim().split('\n')).toEqual(['error NotImplementedError', 'read 33']);
    expect(() => parseDicom(bytes)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARSE_MALFORMED' }));
    expect(parseDicom(readFileSync(fixed)).dataset.size).toBe(33);
  });
});
