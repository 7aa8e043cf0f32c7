import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkstation } from '../../store/open-workstation.js';
import { useCliStore } from '../test-support/cli-harness.js';
import { sqliteOf } from '../../db/test-support/sqlite-of.js';

const MR = 'samples/mr/MR_small.dcm';
const SC = 'samples/sc/SC_rgb.dcm';
const US = 'samples/us/US1_UNCR.dcm';

describe('atrium reconcile', () => {
  it('--full reads back every file: a changed byte, a cut file and a file that no longer parses are reported, left in place, exit 1', async () => {
    const { atrium, store } = useCliStore('atrium-reconcile-full-');
    expect((await atrium('import', MR, SC, US)).code).toBe(0);
    const ws = openWorkstation(store);
    const [mr, sc, us] = [MR, SC, US].map((f) => ws.index.getInstances({}).find((r) => r.file.size === readFileSync(f).length)!.file.path);
    ws.close();
    const abs = (p: string): string => join(store, ...p!.split('/'));
    const flipped = Buffer.from(readFileSync(abs(mr!)));
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 0xff, flipped.length - 1); // one pixel byte: same size, other hash
    writeFileSync(abs(mr!), flipped);
    truncateSync(abs(sc!), 1000);
    // A file stored by an older Atrium that accepted a Transfer Syntax UID that is none: the row agrees with its bytes.
    const garbled = Buffer.from(readFileSync(abs(us!)));
    garbled.write('1.2.840.10008.1.2.9', garbled.indexOf('1.2.840.10008.1.2.1'), 'latin1');
    writeFileSync(abs(us!), garbled);
    const old = openWorkstation(store);
    sqliteOf(old.index).prepare('UPDATE instance SET sha256 = ? WHERE path = ?').run(createHash('sha256').update(garbled).digest('hex'), us);
    old.close();

    const r = await atrium('--json', 'reconcile', '--full');
    expect(r.code).toBe(1);
    const full = JSON.parse(r.out).full;
    expect(full.checked).toBe(3);
    expect(full.damaged.map((d: { path: string; problem: string }) => [d.path, d.problem])).toEqual(
      expect.arrayContaining([[mr, 'hash'], [sc, 'size'], [us, 'parse']]),
    );
    expect(readFileSync(abs(sc!)).length).toBe(1000); // left in place for the user to look at
    const text = await atrium('reconcile', '--full');
    expect(text.out).toContain(`damaged (size), left in place: ${sc}: 1000 bytes on disk`);
    expect(text.out).toContain(`damaged (parse), left in place: ${us}: ATRIUM_ERR_PARSE_TRANSFER_SYNTAX: Transfer Syntax UID 1.2.840.10008.1.2.9 is not a transfer syntax of PS3.6 Table A-1`);
  });

  it('reports what the quiet start-up pass repaired, once', async () => {
    const { atrium, store } = useCliStore('atrium-reconcile-startup-');
    expect((await atrium('import', MR)).code).toBe(0);
    const ws = openWorkstation(store);
    const leftover = join(ws.files.tmpDir, '999999999-0123456789abcdef.part');
    writeFileSync(leftover, 'half a file');
    const ghost = ws.files.instancePath('1.2.3', '1.2.3.4', '1.2.3.4.5');
    ws.intents.begin(ghost);
    ws.close();
    expect((await atrium('ls', 'studies')).code).toBe(0); // any command: its start-up pass repairs quietly

    const first = await atrium('reconcile');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^start-up pass of \S+: temp files removed 1, recovered 0, dropped 1, missing 0, unreadable 0, damaged 0$/m);
    expect(first.out).toContain(`dropped (never reached its place, never acknowledged): ${ghost}`);
    const second = await atrium('--json', 'reconcile');
    expect(JSON.parse(second.out)).toEqual({ startupRepairs: [] });
  });
});
