/**
 * The Orthanc test peer (test/support/orthanc.ts): it starts on free ports, accepts a file
 * over REST, answers a DCMTK C-ECHO on 127.0.0.1 with its AE title, refuses a wrong called AE
 * title, and stop() leaves no process and no temp dir behind.
 * Needs Orthanc and echoscu (under CI=true their absence fails).
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { havePeers, peer } from '../support/peers.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { readSample } from '../support/samples.js';
import { spawnSync } from 'node:child_process';

const ok = havePeers('Orthanc', 'echoscu');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!ok)('startOrthanc', () => {
  let orthanc: OrthancPeer | undefined;
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('starts, stores an upload, answers C-ECHO, stops without leftovers', async () => {
    orthanc = await startOrthanc({ aet: 'ATRIUM_TEST_PEER', modalities: { atrium: { aet: 'ATRIUM', host: '127.0.0.1', port: 11112 } } });
    expect(alive(orthanc.pid)).toBe(true);
    expect(orthanc.url).toBe(`http://127.0.0.1:${orthanc.httpPort}`);

    const system = await orthanc.rest<{ DicomAet: string; DicomPort: number; Version: string }>('GET', '/system');
    expect(system).toMatchObject({ DicomAet: 'ATRIUM_TEST_PEER', DicomPort: orthanc.dicomPort, Version: '1.10.1' });
    expect(await orthanc.rest('GET', '/modalities')).toEqual(['atrium']);

    const stored = (await orthanc.upload(readSample('mr/MR_small.dcm'))) as { ID: string; Status: string };
    expect(stored.Status).toBe('Success');
    const instances = await orthanc.rest<string[]>('GET', '/instances');
    expect(instances).toEqual([stored.ID]);
    const file = await orthanc.rest<Uint8Array>('GET', `/instances/${stored.ID}/file`);
    expect(Buffer.from(file).equals(Buffer.from(readSample('mr/MR_small.dcm')))).toBe(true);

    const echo = spawnSync(peer('echoscu')!, ['127.0.0.1', String(orthanc.dicomPort), '-aec', orthanc.aet], { encoding: 'utf8', timeout: 15_000 });
    expect(echo.status, echo.stderr).toBe(0);
    const wrongAet = spawnSync(peer('echoscu')!, ['127.0.0.1', String(orthanc.dicomPort), '-aec', 'NOT_ORTHANC'], { encoding: 'utf8', timeout: 15_000 });
    expect(wrongAet.status).not.toBe(0); // DicomCheckCalledAet: the association is rejected

    const { pid, storageDir } = orthanc;
    await orthanc.stop();
    expect(alive(pid)).toBe(false);
    expect(existsSync(storageDir)).toBe(false);
    await orthanc.stop(); // idempotent
  });
});
