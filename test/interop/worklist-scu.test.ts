/**
 * Modality Worklist SCU (`atrium worklist`, the keys of the Shimadzu DAR-9500f conformance
 * statement, Table 9) against DCMTK's wlmscpfs and Orthanc's worklist plugin, both serving the
 * same worklist files made here with DCMTK's dump2dcm.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atrium, tempDir } from '../e2e/cli-helpers.js';
import { freePort } from '../support/free-port.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { havePeers, peer, runPeer } from '../support/peers.js';

/** Today in the local time zone, as `atrium worklist --date today` means it. */
const d = new Date();
const TODAY = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

/** Three scheduled procedure steps: two today (NM, CT), one NM in January 2024 with a Latin-1 name. */
const ITEMS = [
  { charset: 'ISO_IR 100', name: 'Doe^Jane', id: 'PID001', accession: 'ACC001', rp: 'RP001', modality: 'NM', station: 'NMSTATION', date: TODAY, time: '093000', physician: 'Smith^Anna', step: 'Whole body bone' },
  { charset: 'ISO_IR 100', name: 'Roe^Richard', id: 'PID002', accession: 'ACC002', rp: 'RP002', modality: 'CT', station: 'CTSTATION', date: TODAY, time: '110000', physician: 'Jones^Bob', step: 'Chest CT' },
  { charset: 'ISO_IR 100', name: 'Müller^Hans', id: 'PID003', accession: 'ACC003', rp: 'RP003', modality: 'NM', station: 'NMSTATION', date: '20240115', time: '080000', physician: 'Smith^Anna', step: 'Thyroid' },
];

/** A worklist file as a DCMTK dump (dump2dcm reads Latin-1 text for ISO_IR 100). */
function dump(i: (typeof ITEMS)[number], n: number): string {
  return [
    `(0008,0005) CS [${i.charset}]`, `(0008,0050) SH [${i.accession}]`, '(0008,0090) PN [Referrer^Ray]',
    `(0010,0010) PN [${i.name}]`, `(0010,0020) LO [${i.id}]`, '(0010,0030) DA [19700101]', '(0010,0040) CS [O]',
    `(0020,000d) UI [1.2.826.0.1.3680043.2.1143.9.${n}]`, `(0032,1060) LO [${i.step} request]`,
    '(0040,0100) SQ (Sequence with undefined length)', '(fffe,e000) na (Item with undefined length)',
    `(0008,0060) CS [${i.modality}]`, `(0040,0001) AE [${i.station}]`, `(0040,0002) DA [${i.date}]`, `(0040,0003) TM [${i.time}]`,
    `(0040,0006) PN [${i.physician}]`, `(0040,0007) LO [${i.step}]`, `(0040,0009) SH [SPS${n}]`, '(0040,0010) SH [ROOM1]',
    '(fffe,e00d)', '(fffe,e0dd)', `(0040,1001) SH [${i.rp}]`, '',
  ].join('\n');
}

/** Write the worklist files into `folder` (dump2dcm, Explicit VR Little Endian, with File Meta). */
function writeWorklist(folder: string): void {
  mkdirSync(folder, { recursive: true });
  ITEMS.forEach((item, n) => {
    const source = join(folder, `item${n}.dump`);
    writeFileSync(source, Buffer.from(dump(item, n + 1), 'latin1'));
    runPeer('dump2dcm', ['-q', '+te', source, join(folder, `item${n}.wl`)]);
  });
}

/** The checks both SCPs must pass, through `atrium worklist <ae>` on `store`. */
function worklistChecks(setup: () => { store: string; ae: string }): void {
  const query = async (...options: string[]): Promise<{ items: Record<string, unknown>[]; truncated: boolean }> => {
    const { store, ae } = setup();
    const r = await atrium('--store', store, '--json', 'worklist', ae, ...options);
    expect(r.code, `${r.err}${r.out}`).toBe(0);
    return JSON.parse(r.out);
  };
  const ids = (r: { items: Record<string, unknown>[] }): string[] => r.items.map((i) => i.PatientID as string).sort();

  it('returns every item with the DAR-9500f keys and the scheduled procedure step, names decoded from their character set', async () => {
    const r = await query();
    expect(ids(r)).toEqual(['PID001', 'PID002', 'PID003']);
    const hans = r.items.find((i) => i.PatientID === 'PID003')!;
    expect(hans).toMatchObject({ PatientName: 'Müller^Hans', AccessionNumber: 'ACC003', RequestedProcedureID: 'RP003', StudyInstanceUID: '1.2.826.0.1.3680043.2.1143.9.3' });
    expect(hans.ScheduledProcedureStepSequence).toEqual([expect.objectContaining({ Modality: 'NM', ScheduledStationAETitle: 'NMSTATION', ScheduledProcedureStepStartDate: '20240115', ScheduledProcedureStepStartTime: '080000', ScheduledPerformingPhysicianName: 'Smith^Anna', ScheduledProcedureStepDescription: 'Thyroid' })]);
  });

  it('matches on date (today, a range), modality, station, physician, patient, accession and requested procedure', async () => {
    expect(ids(await query('--date', 'today'))).toEqual(['PID001', 'PID002']);
    expect(ids(await query('--date', '20240101-20240131'))).toEqual(['PID003']);
    expect(ids(await query('--modality', 'NM'))).toEqual(['PID001', 'PID003']);
    expect(ids(await query('--date', 'today', '--modality', 'NM', '--station', 'NMSTATION'))).toEqual(['PID001']);
    expect(ids(await query('--physician', 'Jones*'))).toEqual(['PID002']);
    expect(ids(await query('--name', 'Doe*'))).toEqual(['PID001']);
    expect(ids(await query('--patient-id', 'PID002'))).toEqual(['PID002']);
    expect(ids(await query('--accession', 'ACC003'))).toEqual(['PID003']);
    expect(ids(await query('--procedure-id', 'RP001'))).toEqual(['PID001']);
    expect(ids(await query('--modality', 'MR'))).toEqual([]);
    // A modality is a CS value: typed in lower case it is the same code (sent as typed, wlmscpfs answers A900).
    expect(ids(await query('--modality', 'nm'))).toEqual(['PID001', 'PID003']);
  });

  it('stops at --limit and says the SCP has more; prints a table by default', async () => {
    const r = await query('--limit', '1');
    expect([r.items.length, r.truncated]).toEqual([1, true]);
    const { store, ae } = setup();
    const table = await atrium('--store', store, 'worklist', ae, '--date', 'today', '--modality', 'CT');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(new RegExp(`${TODAY}\\s+110000\\s+CT\\s+CTSTATION\\s+Roe\\^Richard\\s+PID002\\s+ACC002\\s+RP002\\s+Chest CT\\s+Jones\\^Bob`));
    expect(table.out).toMatch(/1 worklist item \(job \d+\)/);
  });
}

describe.runIf(havePeers('wlmscpfs', 'dump2dcm', 'echoscu'))('atrium worklist against DCMTK wlmscpfs', () => {
  const store = tempDir('atrium-worklist-');
  const root = tempDir('atrium-wlmscpfs-');
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // wlmscpfs serves <root>/<called AE title>/*.wl (a "lockfile" marks the folder as a worklist).
    writeWorklist(join(root, 'WLMSCP'));
    writeFileSync(join(root, 'WLMSCP', 'lockfile'), '');
    const port = await freePort();
    child = spawn(peer('wlmscpfs')!, ['-dfp', root, String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 50 && spawnSync(peer('echoscu')!, ['-aec', 'WLMSCP', '127.0.0.1', String(port)]).status !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    const added = await atrium('--store', store, 'ae', 'add', 'WLMSCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'query');
    expect(added.code, added.err).toBe(0);
  }, 30_000);
  afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
  });

  worklistChecks(() => ({ store, ae: 'WLMSCP' }));

  it('refuses an AE that is not in the AE table, with a coded message', async () => {
    const r = await atrium('--store', store, 'worklist', 'NOSUCHAE');
    expect(r.code).toBe(1);
    expect(r.err).toContain('ATRIUM_ERR_AE_UNKNOWN');
  });
});

/** Where Debian's orthanc package installs the worklist plugin (`dpkg -L orthanc`). */
function worklistPlugin(): string | undefined {
  const listed = spawnSync('dpkg', ['-L', 'orthanc'], { encoding: 'utf8' });
  const found = (listed.stdout ?? '').split('\n').find((l) => /libModalityWorklists\.so$/.test(l) && existsSync(l));
  if (!found && process.env.CI === 'true') throw new Error('the orthanc package has no libModalityWorklists.so (CI=true: .ci/run must install orthanc)');
  return found;
}

describe.runIf(havePeers('Orthanc', 'dump2dcm') && worklistPlugin() !== undefined)('atrium worklist against Orthanc’s worklist plugin', () => {
  const store = tempDir('atrium-worklist-');
  const folder = join(tempDir('atrium-orthanc-worklists-'), 'worklists');
  let orthanc: OrthancPeer | undefined;

  beforeAll(async () => {
    writeWorklist(folder);
    // Orthanc answers a C-FIND only from a modality it knows: ours (default AE title ATRIUM; it is never called back).
    orthanc = await startOrthanc({ aet: 'ORTHANCWL', modalities: { atrium: { aet: 'ATRIUM', host: '127.0.0.1', port: 104 } }, config: { Plugins: [worklistPlugin()!], Worklists: { Enable: true, Database: folder } } });
    const added = await atrium('--store', store, 'ae', 'add', 'ORTHANCWL', '--host', '127.0.0.1', '--port', String(orthanc.dicomPort), '--roles', 'query');
    expect(added.code, added.err).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
  });

  worklistChecks(() => ({ store, ae: 'ORTHANCWL' }));
});
