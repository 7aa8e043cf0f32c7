/**
 * Relational queries (Shimadzu DAR-9500f conformance statement: relational Study Root, then
 * relational Patient Root, then hierarchical), with `atrium find`:
 * - our SCP with relationalQueries set agrees, and answers a SERIES-level query without the
 *   Study Instance UID across studies;
 * - our SCP without it answers the negotiation 0: the query runs hierarchically;
 * - an SCP offering only Patient Root C-FIND (relational): relational Patient Root;
 * - DCMTK's dcmqrscp does not answer the negotiation: hierarchical Study Root;
 * - `atrium serve` after `atrium config set relationalQueries true`: relational, and a series
 *   found by its Station Name (DAR-9500f Table 4).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryRetrieveSopClass, SopClass } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DicomServer } from '../../host/src/net/scp/dicom-server.js';
import { findService } from '../../host/src/net/services/find-service.js';
import { UNCOMPRESSED_SYNTAXES } from '../../host/src/net/syntaxes.js';
import { atrium } from '../e2e/cli-helpers.js';
import { runTool, startDicomServer, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const ok = havePeers('dcmqrscp', 'dcmqridx', 'echoscu');
const SAMPLES = ['samples/mr/MR_small.dcm', 'samples/us/US1_UNCR.dcm', 'samples/nm/UNIFORMIDAD_1.dcm', 'samples/dx-cr/dx_image.dcm'];

interface FindJson { matches: Record<string, string>[]; queried: { model: string; relational: boolean } }

describe.skipIf(!ok)('relational queries: negotiated, with fall-back (DAR-9500f)', () => {
  let dir: string;
  let store: string;
  let relational: DicomServerFixture;
  let hierarchical: DicomServerFixture;
  let patientRoot: DicomServer;
  let dcmqrscp: ChildProcess | undefined;
  const cli = (...args: string[]): ReturnType<typeof atrium> => atrium('--store', store, ...args);
  const find = async (ae: string, ...args: string[]): Promise<FindJson> => {
    const run = await cli('--json', 'find', ae, ...args);
    expect(run.code, run.err + run.out).toBe(0);
    return JSON.parse(run.out) as FindJson;
  };

  beforeAll(async () => {
    dir = makeTempDir('atrium-relational-');
    store = join(dir, 'scu');
    relational = await startDicomServer(join(dir, 'relational'), { aeTitle: 'RELATIONAL', callers: ['ATRIUM'], relationalQueries: true });
    hierarchical = await startDicomServer(join(dir, 'hierarchical'), { aeTitle: 'HIERARCHICAL', callers: ['ATRIUM'] });
    for (const fx of [relational, hierarchical]) for (const f of SAMPLES) expect('code' in fx.ws.store.receive(readFileSync(f), 'test')).toBe(false);
    // An SCP with Patient Root C-FIND only, relational queries agreed, over the first store.
    const syntaxes = new Set(UNCOMPRESSED_SYNTAXES);
    const service = findService({ index: relational.ws.index, aeTitle: 'PATROOT', limit: 0, relationalQueries: true });
    patientRoot = new DicomServer({
      aeTitle: 'PATROOT', port: 0, bindAddress: '127.0.0.1', maxPduLength: 65536, associationTimeoutMs: 5000, idleTimeoutMs: 20_000, maxAssociations: 5,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: true,
      services: [{ ...service, syntaxes: new Map([[QueryRetrieveSopClass.PatientRootFind, syntaxes]]) }],
    });
    const patientPort = await patientRoot.listen();
    // dcmqrscp with the same samples, loaded with dcmqridx.
    const qrPort = await freePort();
    const db = join(dir, 'qrdb');
    mkdirSync(db);
    writeFileSync(join(dir, 'dcmqrscp.cfg'), [
      `NetworkTCPPort = ${qrPort}`, 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END', 'VendorTable BEGIN', 'VendorTable END',
      'AETable BEGIN', `QRSCP ${db} RW (200, 1024mb) ANY`, 'AETable END', '',
    ].join('\n'));
    runPeer('dcmqridx', [db, ...SAMPLES.map((f, i) => {
      const to = join(db, `f${i}.dcm`);
      copyFileSync(f, to);
      return to;
    })]);
    dcmqrscp = spawn(peer('dcmqrscp')!, ['-c', join(dir, 'dcmqrscp.cfg')], { stdio: 'ignore' });
    for (let i = 0; i < 50 && (await runTool('echoscu', ['-aec', 'QRSCP', '127.0.0.1', String(qrPort)])).code !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    for (const [title, port] of [['RELATIONAL', relational.port], ['HIERARCHICAL', hierarchical.port], ['PATROOT', patientPort], ['QRSCP', qrPort]] as const) {
      expect((await cli('ae', 'add', title, '--host', '127.0.0.1', '--port', String(port), '--roles', 'query')).code).toBe(0);
    }
  }, 60_000);
  afterAll(async () => {
    if (dcmqrscp?.pid !== undefined && dcmqrscp.exitCode === null) process.kill(dcmqrscp.pid, 'SIGTERM');
    await patientRoot?.close(500);
    await relational?.stop();
    await hierarchical?.stop();
    removeTempDir(dir);
  });

  it('our SCP with relationalQueries: relational Study Root; a SERIES query without Study Instance UID spans the studies', async () => {
    const r = await find('RELATIONAL', '--level', 'series', '--key', 'Modality=MR', '--key', 'PatientName');
    expect(r.queried).toEqual({ model: 'STUDY', relational: true });
    expect(r.matches.map((m) => m.Modality)).toEqual(['MR']);
    const all = await find('RELATIONAL', '--level', 'series');
    expect(all.matches).toHaveLength(SAMPLES.length);
    // Keys of the levels above match too: image level by the study's date and the patient's name.
    const images = await find('RELATIONAL', '--level', 'image', '--key', 'StudyDate=20040826', '--key', 'PatientName=*US1');
    expect(images.matches.map((m) => m.SOPClassUID)).toEqual([SopClass.UltrasoundImageStorage]);
  });

  it('our SCP without relationalQueries answers the negotiation 0: hierarchical Study Root', async () => {
    const r = await find('HIERARCHICAL', '--level', 'study', '--key', 'PatientName');
    expect(r.queried).toEqual({ model: 'STUDY', relational: false });
    expect(r.matches).toHaveLength(SAMPLES.length);
  });

  it('an SCP with Patient Root C-FIND only: relational Patient Root', async () => {
    const r = await find('PATROOT', '--level', 'series', '--key', 'Modality=US');
    expect(r.queried).toEqual({ model: 'PATIENT', relational: true });
    expect(r.matches.map((m) => m.Modality)).toEqual(['US']);
  });

  it('DCMTK dcmqrscp does not answer the negotiation: hierarchical Study Root', async () => {
    const r = await find('QRSCP', '--level', 'study', '--key', 'PatientName');
    expect(r.queried).toEqual({ model: 'STUDY', relational: false });
    expect(r.matches).toHaveLength(SAMPLES.length);
    // The query goes as given; dcmqrscp answers a SERIES query without the Study Instance UID too.
    const series = await find('QRSCP', '--level', 'series', '--key', 'Modality=MR');
    expect(series.queried).toEqual({ model: 'STUDY', relational: false });
    expect(series.matches.map((m) => m.Modality)).toEqual(['MR']);
  });

  it('atrium serve with relationalQueries set: relational Study Root; a series found by Station Name across studies', async () => {
    const served = join(dir, 'served');
    const run = (...args: string[]): ReturnType<typeof atrium> => atrium('--store', served, ...args);
    expect((await run('import', ...SAMPLES)).code).toBe(0);
    expect((await run('config', 'set', 'relationalQueries', 'true')).code).toBe(0);
    expect((await run('ae', 'add', 'ATRIUM', '--host', '127.0.0.1', '--port', '104', '--roles', 'call')).code).toBe(0);
    const port = await freePort();
    const cliPath = join(fileURLToPath(new URL('../..', import.meta.url)), 'host/bin/atrium.js');
    const child = spawn(process.execPath, [cliPath, '--store', served, 'serve', '--port', String(port), '--bind', '127.0.0.1', '--aet', 'SERVED'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      for (let i = 0; i < 100 && !/listening on/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await cli('ae', 'add', 'SERVED', '--host', '127.0.0.1', '--port', String(port), '--roles', 'query')).code).toBe(0);
      const r = await find('SERVED', '--level', 'series', '--key', 'StationName=DEV*');
      expect(r.queried).toEqual({ model: 'STUDY', relational: true });
      expect(r.matches.map((m) => m.StationName)).toEqual(['DEVO']);
      const table = await cli('find', 'SERVED', '--level', 'series', '--key', 'Modality=NM');
      expect(table.out).toContain('queried relationally in the Study Root model');
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    }
  }, 30_000);
});
