/**
 * Rows of the vendor conformance statements that the Q/R and storage services now honour,
 * checked with DCMTK against our SCP and our SCU:
 * - C-FIND past the limit: A700, or the first matches then Success (Canon GCA-9300R
 *   conformance statement §4.2.4.4.1.3.1), as the `findLimitAnswer` setting says;
 * - series-level Station Name and Performing Physician's Name are matching keys (Shimadzu
 *   DAR-9500f conformance statement, Table 4): FF00, and FF01 only for a key we do not hold;
 * - ECHO-SCU proposes Explicit VR Little Endian first (GCA-9300R §4.2.2.3.1.4.3);
 * - the storage SCP prefers JPEG Lossless (GCA-9300R §4.2.8.4.1.3.3) and accepts the retired
 *   JPEG syntaxes 1.2.840.10008.1.2.4.53 / .55 as received (GCA-9300R Table 4-41).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SopClass, TransferSyntax } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScu } from '../../host/src/net/scu/open-scu.js';
import { atrium } from '../e2e/cli-helpers.js';
import { datasetBytes, fileTransferSyntax, runTool, startDicomServer, storedFile, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer, runPydicom } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const ok = havePeers('findscu', 'storescu', 'storescp', 'echoscu', 'dcmdump', 'pydicom');
const SAMPLES = ['samples/mr/MR_small.dcm', 'samples/us/US1_UNCR.dcm', 'samples/sc/SC_rgb.dcm', 'samples/dx-cr/dx_image.dcm', 'samples/nm/UNIFORMIDAD_1.dcm', 'samples/charsets/chrH31.dcm'];

describe.skipIf(!ok)('conformance statement rows against DCMTK', () => {
  let dir: string;
  let refuse: DicomServerFixture;
  let success: DicomServerFixture;
  const target = (f: DicomServerFixture): string[] => ['-aet', 'DCMTK_SCU', '-aec', f.aeTitle, '127.0.0.1', String(f.port)];

  beforeAll(async () => {
    dir = makeTempDir('atrium-seed-rows-');
    refuse = await startDicomServer(join(dir, 'refuse'), { findLimit: 3, callers: ['DCMTK_SCU'] });
    success = await startDicomServer(join(dir, 'success'), { findLimit: 3, findLimitAnswer: 'success', callers: ['DCMTK_SCU'] });
    for (const file of SAMPLES) for (const f of [refuse, success]) expect('code' in f.ws.store.receive(readFileSync(file), 'test')).toBe(false);
  }, 60_000);
  afterAll(async () => {
    await refuse?.stop();
    await success?.stop();
    removeTempDir(dir);
  });

  it('C-FIND past findLimit: A700 by default, the first matches then Success with findLimitAnswer success (GCA-9300R)', async () => {
    for (const [fx, status] of [[refuse, '0xa700'], [success, '0x0000']] as const) {
      const out = join(dir, `find-${status}`);
      mkdirSync(out);
      const run = await runTool('findscu', ['-v', '-d', '-S', '-X', '-od', out, '-k', 'QueryRetrieveLevel=STUDY', '-k', 'StudyInstanceUID', ...target(fx)]);
      expect(run.code, run.output).toBe(0);
      expect(readdirSync(out)).toHaveLength(3);
      const statuses = [...run.output.matchAll(/DIMSE Status\s*: (0x[0-9a-f]{4})/g)].map((m) => m[1]);
      expect(statuses.at(-1)).toBe(status);
    }
  });

  it('wildcards on Study Date and SOP Class UID match (GCA-9300R Table 4-26: S,*U,R and S,*U), no A900', async () => {
    const find = async (level: string, keys: string[]): Promise<string> => {
      const out = join(dir, `wild-${keys.join('-').replace(/[^A-Za-z0-9]/g, '')}`);
      mkdirSync(out);
      const run = await runTool('findscu', ['-v', '-d', '-S', '-X', '-od', out, '-k', `QueryRetrieveLevel=${level}`, ...keys.flatMap((k) => ['-k', k]), ...target(refuse)]);
      expect(run.code, run.output).toBe(0);
      expect(run.output).not.toMatch(/DIMSE Status\s*: 0xa900/);
      return readdirSync(out).map((f) => runPeer('dcmdump', ['-q', '+P', 'StudyDate', '+P', 'SOPClassUID', join(out, f)])).join('');
    };
    const dates = SAMPLES.map((f) => /\[(\d{8})\]/.exec(runPeer('dcmdump', ['-q', '+P', 'StudyDate', f]))?.[1] ?? '');
    const of2004 = await find('STUDY', ['StudyDate=2004*', 'StudyInstanceUID']);
    // Each sample is a study of its own.
    expect([...of2004.matchAll(/\[(\d{8})\]/g)].map((m) => m[1])).toEqual(dates.filter((d) => d.startsWith('2004')));
    expect(dates.filter((d) => d.startsWith('2004')).length).toBeGreaterThan(0);
    const mr = await find('IMAGE', ['StudyInstanceUID=*', 'SOPClassUID=1.2.840.10008.5.1.4.1.1.4*', 'SOPInstanceUID']);
    expect([...mr.matchAll(/SOPClassUID/g)].length).toBe(1);
    expect(mr).toContain('MRImageStorage');
  });

  it('series keys Station Name and Performing Physician\'s Name (DAR-9500f Table 4) match, answered FF00 (supported); an unknown key gives FF01', async () => {
    const find = async (name: string, keys: string[]): Promise<{ listing: string; statuses: string[] }> => {
      const out = join(dir, `station-${name}`);
      mkdirSync(out);
      const run = await runTool('findscu', ['-v', '-d', '-S', '-X', '-od', out, '-k', 'QueryRetrieveLevel=SERIES', '-k', 'StudyInstanceUID', '-k', 'SeriesInstanceUID', ...keys.flatMap((k) => ['-k', k]), ...target(refuse)]);
      expect(run.code, run.output).toBe(0);
      const listing = readdirSync(out).map((f) => runPeer('dcmdump', ['-q', '+P', 'StationName', '+P', 'PerformingPhysicianName', join(out, f)])).join('');
      return { listing, statuses: [...run.output.matchAll(/DIMSE Status\s*: (0x[0-9a-f]{4})/g)].map((m) => m[1]!) };
    };
    const devo = await find('devo', ['StationName=DEV*', 'PerformingPhysicianName']);
    expect([...devo.listing.matchAll(/\(0008,1010\) SH \[(\w+)\]/g)].map((m) => m[1])).toEqual(['DEVO']);
    expect(devo.statuses).toEqual(['0xff00', '0x0000']);
    // No stored series names this physician.
    const none = await find('physician', ['StationName', 'PerformingPhysicianName=Nobody*']);
    expect(none.statuses).toEqual(['0x0000']);
    const unknown = await find('unknown', ['StationName=DHV', 'OperatorsName']);
    expect(unknown.statuses).toEqual(['0xff01', '0x0000']);
  });

  it('C-FIND in the query’s character set: an ISO 2022 IR 87 query =山田* matches, answered in ISO 2022 IR 87; a Latin-1 query is answered in ISO_IR 192 when the names do not fit', async () => {
    const query = (name: string, charset: string, file: string): void => {
      runPydicom(`
import sys
from pydicom.dataset import Dataset
ds = Dataset()
ds.is_implicit_VR = False
ds.is_little_endian = True
ds.SpecificCharacterSet = sys.argv[2].split('\\\\')
ds.QueryRetrieveLevel = 'STUDY'
ds.PatientName = sys.argv[1]
ds.PatientID = ''
ds.StudyInstanceUID = ''
ds.save_as(sys.argv[3])
`, [name, charset, file]);
    };
    const answers = async (name: string, charset: string): Promise<string[][]> => {
      const file = join(dir, `q-${charset.replace(/\W/g, '')}.dcm`);
      query(name, charset, file);
      const out = join(dir, `a-${charset.replace(/\W/g, '')}`);
      mkdirSync(out);
      const run = await runTool('findscu', ['-S', '-X', '-od', out, ...target(refuse), file]);
      expect(run.code, run.output).toBe(0);
      return readdirSync(out).map((f) => JSON.parse(runPydicom('import sys, json; from pydicom import dcmread; d = dcmread(sys.argv[1]); print(json.dumps([list(d.SpecificCharacterSet) if d.get("SpecificCharacterSet") is not None and not isinstance(d.SpecificCharacterSet, str) else [d.get("SpecificCharacterSet", "")], str(d.PatientName)]))', [join(out, f)])));
    };
    const japanese = await answers('=山田*', '\\ISO 2022 IR 87');
    expect(japanese).toEqual([[['', 'ISO 2022 IR 87'], 'Yamada^Tarou=山田^太郎=やまだ^たろう']]);
    const latin = await answers('Yamada*', 'ISO_IR 100');
    expect(latin).toEqual([[['ISO_IR 192'], 'Yamada^Tarou=山田^太郎=やまだ^たろう']]);
  });

  it('the storage SCP accepts JPEG Lossless when a context offers it, whatever its place', async () => {
    const session = await openScu(refuse.scu, { title: refuse.aeTitle, host: '127.0.0.1', port: refuse.port }, [
      { abstractSyntax: SopClass.NuclearMedicineImageStorage, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.JPEGLosslessSV1] },
      { abstractSyntax: SopClass.CTImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian] },
    ]);
    try {
      expect(session.connection.association.contextFor(SopClass.NuclearMedicineImageStorage)?.transferSyntax).toBe(TransferSyntax.JPEGLosslessSV1);
      expect(session.connection.association.contextFor(SopClass.CTImageStorage)?.transferSyntax).toBe(TransferSyntax.ExplicitVRLittleEndian);
    } finally {
      await session.close();
    }
  });

  it('stores objects in the retired JPEG syntaxes .53 and .55 from storescu as received', async () => {
    // A JPEG baseline Secondary Capture relabelled: the store keeps the bytes, it does not decode them.
    // storescu proposes a syntax it cannot convert to only from a configuration profile.
    const config = join(dir, 'retired.cfg');
    writeFileSync(config, [
      '[[TransferSyntaxes]]', '[Retired53]', `TransferSyntax1 = ${TransferSyntax.JPEGSpectralSelectionNonHierarchical68}`, '[Retired55]', `TransferSyntax1 = ${TransferSyntax.JPEGFullProgressionNonHierarchical1012}`,
      '[[PresentationContexts]]', '[Retired]', `PresentationContext1 = ${SopClass.SecondaryCaptureImageStorage}\\Retired53`, `PresentationContext2 = ${SopClass.SecondaryCaptureImageStorage}\\Retired55`,
      '[[Profiles]]', '[Retired]', 'PresentationContexts = Retired', '',
    ].join('\n'));
    const bytes = readFileSync('samples/sc/SC_rgb_jpeg_dcmtk.dcm');
    const at = bytes.indexOf(TransferSyntax.JPEGBaseline8Bit);
    for (const ts of [TransferSyntax.JPEGSpectralSelectionNonHierarchical68, TransferSyntax.JPEGFullProgressionNonHierarchical1012]) {
      const file = join(dir, `sc-${ts}.dcm`);
      writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from(ts), bytes.subarray(at + TransferSyntax.JPEGBaseline8Bit.length)]));
      const sop = /\[([^\]]*)\]/.exec(runPeer('dcmdump', ['-q', '+P', 'SOPInstanceUID', file]))![1]!.replace(/\0/g, '');
      const run = await runTool('storescu', ['-v', '-xf', config, 'Retired', ...target(refuse), file]);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain('Received Store Response (Success)');
      const stored = storedFile(refuse.ws, sop)!;
      expect(fileTransferSyntax(stored)).toBe(ts);
      expect(datasetBytes(stored).equals(datasetBytes(file))).toBe(true);
    }
  });
});

describe.skipIf(!ok)('ECHO-SCU proposes Explicit VR Little Endian first (GCA-9300R §4.2.2.3.1.4.3)', () => {
  let storescp: ChildProcess | undefined;
  let log = '';
  afterAll(() => {
    if (storescp?.pid !== undefined && storescp.exitCode === null) process.kill(storescp.pid, 'SIGTERM');
  });

  it('atrium echo: the Verification context lists Explicit, then Implicit VR Little Endian', async () => {
    const port = await freePort();
    storescp = spawn(peer('storescp')!, ['-d', '-aet', 'ECHOSCP', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    storescp.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    storescp.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; i < 50 && (await runTool('echoscu', ['-aec', 'ECHOSCP', '127.0.0.1', String(port)])).code !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    log = '';
    const store = makeTempDir('atrium-echo-');
    try {
      expect((await atrium('--store', store, 'ae', 'add', 'ECHOSCP', '--host', '127.0.0.1', '--port', String(port))).code).toBe(0);
      const r = await atrium('--store', store, 'echo', 'ECHOSCP');
      expect(r.code, r.err).toBe(0);
    } finally {
      removeTempDir(store);
    }
    const verification = log.slice(log.indexOf('Abstract Syntax: =VerificationSOPClass'));
    const proposed = /Proposed Transfer Syntax\(es\):\r?\n((?:D:\s+=\S+\r?\n)+)/.exec(verification)?.[1] ?? '';
    expect([...proposed.matchAll(/=(\S+)/g)].map((m) => m[1])).toEqual(['LittleEndianExplicit', 'LittleEndianImplicit']);
  });
});
