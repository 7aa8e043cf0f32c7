/**
 * `atrium config set uidRoot` (the organisation UID root of the Shimadzu DAR-9500f conformance
 * statement §5.2.2): refused unless it is a UID root with room for what is made under it; once
 * set, derived objects' UIDs are made under it (and their files' Implementation Class UID), and both ends of an association (our SCU to
 * DCMTK's storescp, DCMTK's echoscu to `atrium serve`) see `<root>.1.<version>` as Atrium's
 * Implementation Class UID; `conformance --network` prints it. Every Part 10 file Atrium writes
 * (media files it converts, DICOMDIRs, de-identified copies of atrium deid and of the deidentify
 * app, bare data sets it stores) names Atrium by that UID too; a file
 * copied to a medium as it is stored keeps its own File Meta Information, byte for byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer } from '../support/peers.js';
import { samplePath } from '../support/samples.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const ROOT = '1.2.392.200036.9110';
const IMPLEMENTATION_CLASS_UID = `${ROOT}.1.0.1.0`;
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';
const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';

/** The Implementation Class UID (0002,0012) of a file, as our parser and as DCMTK's dcmdump read it. */
function implementationClassUids(path: string): [string | undefined, string | undefined] {
  const ours = parseDicom(new Uint8Array(readFileSync(path)), { headerOnly: true }).meta?.string(Tag.ImplementationClassUID);
  const dcmdump = /^\(0002,0012\) UI \[([^\]]*)\]/m.exec(runPeer('dcmdump', ['-M', '+P', '0002,0012', path]))?.[1];
  return [ours, dcmdump];
}

/** Start a process, collecting its output, until `ready` shows in it (bounded). */
async function started(command: string, args: readonly string[], ready: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 100 && !ready.test(output); i++) await new Promise((r) => setTimeout(r, 100));
  return { child, output: () => output };
}

/** True once something accepts TCP connections on the loopback port (bounded wait). */
async function listening(port: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket.destroy() !== undefined));
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Stop a process this test started, by its PID. */
function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
}

describe('uidRoot', () => {
  it('is refused unless dot-separated numbers without leading zeros, from an ISO/ITU-T arc, at most 40 characters; a refused value creates no store', async () => {
    const store = join(tempDir('atrium-uid-root-'), 'store');
    const bad = ['abc', '1', '1.2.03', '3.1.2', '1..2', '1.2.x', `1.2.${'3'.repeat(37)}`];
    for (const value of bad) {
      const r = await atrium('--store', store, 'config', 'set', 'uidRoot', value);
      expect([r.code, r.err.split('\n')[0]], value).toEqual([2, expect.stringMatching(/^atrium config: Bad value for network setting uidRoot: .*\[ATRIUM_ERR_CONFIG_BAD_VALUE\]$/)]);
    }
    expect(existsSync(store)).toBe(false);
    const longest = `1.2.${'3'.repeat(36)}`;
    expect(longest.length).toBe(40);
    expect(await atrium('--store', store, 'config', 'set', 'uidRoot', longest)).toMatchObject({ code: 0, out: `uidRoot = ${longest}\n` });
    expect(await atrium('--store', store, 'config', 'set', 'uidRoot', `${ROOT}.`)).toMatchObject({ code: 0, out: `uidRoot = ${ROOT}\n` });
  });

  it('makes the UIDs of derived objects under the root', async () => {
    const store = join(tempDir('atrium-uid-root-app-'), 'store');
    expect((await atrium('--store', store, 'import', samplePath('mr/MR_small.dcm'))).code).toBe(0);
    expect((await atrium('--store', store, 'config', 'set', 'uidRoot', ROOT)).code).toBe(0);
    const run = await atrium('--store', store, '--json', 'run', 'example.series-summary.series-summary', '--series', MR_SERIES);
    expect(run.code, run.err).toBe(0);
    const derived = (JSON.parse((await atrium('--store', store, '--json', 'ls', 'instances')).out) as { SOPInstanceUID: string; SeriesInstanceUID?: string }[])
      .filter((i) => !i.SOPInstanceUID.startsWith('1.3.6.1.4.1.5962.'));
    expect(derived.length).toBe(1);
    expect(derived[0]!.SOPInstanceUID).toMatch(/^1\.2\.392\.200036\.9110\.[1-9]\d+$/);
    // Its Part 10 file names Atrium under the same root.
    const file = filesUnder(join(store, 'files')).map((f) => parseDicom(new Uint8Array(readFileSync(f)), { headerOnly: true })).find((f) => f.dataset.string(Tag.SOPInstanceUID) === derived[0]!.SOPInstanceUID);
    expect(file?.meta?.string(Tag.ImplementationClassUID)).toBe(IMPLEMENTATION_CLASS_UID);
    // The deidentify app's copy (replacement UIDs under 2.25, its own parameter) names Atrium under the root too.
    const deid = await atrium('--store', store, 'run', 'deidentify', '--study', MR_STUDY, '--param', 'secret=e2e-uid-root');
    expect(deid.code, deid.err).toBe(0);
    const copies = filesUnder(join(store, 'files')).map((f) => parseDicom(new Uint8Array(readFileSync(f)), { headerOnly: true })).filter((f) => f.dataset.string(Tag.SOPInstanceUID)?.startsWith('2.25.'));
    expect(copies.map((f) => f.meta?.string(Tag.ImplementationClassUID))).toEqual([IMPLEMENTATION_CLASS_UID]);
  }, 60_000);

  it('is the root of atrium deid --preset dar-9500f (SOP Instance UIDs under <root>.66), which is refused without one', async () => {
    const dir = tempDir('atrium-uid-root-deid-');
    const store = join(dir, 'store');
    const refused = await atrium('--store', store, 'deid', samplePath('mr/MR_small.dcm'), '--out', join(dir, 'none'), '--preset', 'dar-9500f');
    expect([refused.code, refused.err.split('\n')[0]]).toEqual([2, expect.stringMatching(/^atrium deid: --preset dar-9500f: .*give --uid-root or set one .*\[ATRIUM_ERR_DEID_UID_ROOT\]$/)]);
    expect(existsSync(join(dir, 'none'))).toBe(false);
    // --uid-root follows the uidRoot setting's rule (40 characters): a longer one is refused up front, not file by file.
    const long = `${ROOT}.1234567890.123456789012`;
    const tooLong = await atrium('--store', store, 'deid', samplePath('mr/MR_small.dcm'), '--out', join(dir, 'none'), '--preset', 'dar-9500f', '--uid-root', long);
    expect([tooLong.code, tooLong.err.split('\n')[0]]).toEqual([2, `atrium deid: --preset dar-9500f: the DAR-9500f preset (Shimadzu DAR-9500f conformance statement §5.2.2) needs an organisation root: "${long}" is 43 characters; at most 40, so that the UIDs made under it (the de-identification root <root>.66 and its 20 digits, derived objects, the Implementation Class UID) fit in 64 [ATRIUM_ERR_DEID_UID_ROOT]`]);
    expect(existsSync(join(dir, 'none'))).toBe(false);
    expect((await atrium('--store', store, 'config', 'set', 'uidRoot', ROOT)).code).toBe(0);
    const out = join(dir, 'out');
    const deid = await atrium('--store', store, 'deid', samplePath('mr/MR_small.dcm'), '--out', out, '--preset', 'dar-9500f');
    expect(deid.code, deid.err).toBe(0);
    expect(deid.out).toContain(`SOP Instance UIDs replaced under ${ROOT}.66, study, series and every other UID under ${ROOT}`);
    const [study] = readdirSync(out);
    const [series] = readdirSync(join(out, study!));
    const [file] = readdirSync(join(out, study!, series!));
    expect(study).toMatch(/^1\.2\.392\.200036\.9110\.(?!66\.)\d+$/);
    expect(series).toMatch(/^1\.2\.392\.200036\.9110\.(?!66\.)\d+$/);
    expect(file).toMatch(/^1\.2\.392\.200036\.9110\.66\.\d+\.dcm$/);
  });

  it.runIf(havePeers('dcmdump'))('names Atrium under the root in the media files it converts, the DICOMDIR and de-identified copies; a file copied as stored keeps its meta', async () => {
    const dir = tempDir('atrium-uid-root-files-');
    const store = join(dir, 'store');
    // MR_small: Explicit VR Little Endian, copied to an STD-GEN-CD medium as it is; NM1_JPLL: JPEG Lossless, converted.
    expect((await atrium('--store', store, 'import', samplePath('mr/MR_small.dcm'), samplePath('nm/NM1_JPLL.dcm'))).code).toBe(0);
    expect((await atrium('--store', store, 'config', 'set', 'uidRoot', ROOT)).code).toBe(0);
    const uids = (JSON.parse((await atrium('--store', store, '--json', 'ls', 'instances')).out) as { SOPInstanceUID: string }[]).map((i) => i.SOPInstanceUID);
    expect(uids.length).toBe(2);
    const medium = join(dir, 'medium');
    const write = await atrium('--store', store, '--json', 'media', 'write', ...uids, '--out', medium);
    expect(write.code, write.err).toBe(0);
    const written = (JSON.parse(write.out) as { written: { fileId: string; convertedFrom?: string; sopInstanceUid: string }[] }).written;
    expect(written.map((w) => w.convertedFrom !== undefined).sort()).toEqual([false, true]);
    expect(implementationClassUids(join(medium, 'DICOMDIR'))).toEqual([IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID]);
    for (const w of written) {
      const path = join(medium, ...w.fileId.split('/'));
      if (w.convertedFrom) expect(implementationClassUids(path), w.fileId).toEqual([IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID]);
      else {
        // Copied as stored: the same bytes, MR_small's own Implementation Class UID.
        const stored = filesUnder(join(store, 'files')).find((f) => parseDicom(new Uint8Array(readFileSync(f)), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID) === w.sopInstanceUid)!;
        expect(readFileSync(path).equals(readFileSync(stored))).toBe(true);
        expect(implementationClassUids(path)).toEqual(['1.3.6.1.4.1.5962.2', '1.3.6.1.4.1.5962.2']);
      }
    }
    // De-identified copies of the medium (the Basic Profile, replacement UIDs under 2.25): Atrium under the root.
    const out = join(dir, 'deid');
    // NM1_JPLL is a Secondary Capture image: refused unless a pixel mask is given (the Clean Pixel Data Option).
    const deid = await atrium('--store', store, 'deid', medium, '--out', out, '--mask', '0,0,1,1');
    expect(deid.code, deid.out + deid.err).toBe(0);
    const copies = filesUnder(out);
    expect(copies.length).toBe(2);
    for (const copy of copies) {
      expect(parseDicom(new Uint8Array(readFileSync(copy)), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID)).toMatch(/^2\.25\./);
      expect(implementationClassUids(copy), copy).toEqual([IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID]);
    }
    // The DICOMDIR `media rm` rewrites names Atrium under the root too.
    const removed = await atrium('--store', store, 'media', 'rm', medium, written[0]!.sopInstanceUid);
    expect(removed.code, removed.err).toBe(0);
    expect(implementationClassUids(join(medium, 'DICOMDIR'))).toEqual([IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID]);
    // A bare data set (no File Meta Information) imported: the store's generated meta names Atrium under the root.
    const source = parseDicom(new Uint8Array(readFileSync(samplePath('charsets/chrGerm.dcm'))));
    const bare = join(dir, 'bare.dcm');
    writeFileSync(bare, writeDataset(source.dataset, source.transferSyntax));
    const imported = await atrium('--store', store, 'import', bare);
    expect(imported.code, imported.out + imported.err).toBe(0);
    const stored = filesUnder(join(store, 'files')).find((f) => parseDicom(new Uint8Array(readFileSync(f)), { headerOnly: true }).dataset.string(Tag.SOPInstanceUID) === source.dataset.string(Tag.SOPInstanceUID))!;
    expect(implementationClassUids(stored)).toEqual([IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID]);
  }, 60_000);

  it.runIf(havePeers('echoscu', 'storescp'))('is the root of the Implementation Class UID that storescp and echoscu see, and of the one the conformance statement prints', async () => {
    const store = join(tempDir('atrium-uid-root-net-'), 'store');
    expect((await atrium('--store', store, 'config', 'set', 'uidRoot', ROOT)).code).toBe(0);
    expect((await atrium('--store', store, 'conformance', '--network')).out).toContain(`| ${IMPLEMENTATION_CLASS_UID} | ATRIUM_010 |`);
    // Our SCU: the A-ASSOCIATE-RQ storescp receives.
    const scpPort = await freePort();
    const scp = await started(peer('storescp')!, ['-d', String(scpPort)], /private\.dic/);
    try {
      expect(await listening(scpPort)).toBe(true);
      expect((await atrium('--store', store, 'ae', 'add', 'SCP', '--host', '127.0.0.1', '--port', String(scpPort))).code).toBe(0);
      const echo = await atrium('--store', store, 'echo', 'SCP');
      expect(echo.code, echo.err).toBe(0);
      for (let i = 0; i < 50 && !/Their Implementation Class UID/.test(scp.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(scp.output()).toMatch(new RegExp(`Their Implementation Class UID: +${IMPLEMENTATION_CLASS_UID.replace(/\./g, '\\.')}\\n`));
    } finally {
      stop(scp.child);
    }
    // Our SCP: the A-ASSOCIATE-AC echoscu receives from atrium serve.
    const port = await freePort();
    const serve = await started(process.execPath, [CLI, '--store', store, 'serve', '--port', String(port), '--bind', '127.0.0.1'], /listening on/);
    try {
      const echo = await runTool('echoscu', ['-d', '-aec', 'ATRIUM', '127.0.0.1', String(port)]);
      expect(echo.code, echo.output).toBe(0);
      expect(echo.output).toMatch(new RegExp(`Their Implementation Class UID: +${IMPLEMENTATION_CLASS_UID.replace(/\./g, '\\.')}\\n`));
    } finally {
      stop(serve.child);
    }
  }, 60_000);
});
