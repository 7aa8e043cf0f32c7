import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startAtriumServe } from '../support/serve-process.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * MPPS across processes (Shimadzu DAR-9500f conformance statement, MPPS N-CREATE / N-SET):
 * `atrium mpps create|set` of one store against `atrium serve` of another, as a user runs
 * them; the SCP keeps the step, and refuses an N-SET after COMPLETED (0110, Error ID A710)
 * without the SCU retrying it.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const SOURCE = 'samples/mr/MR_small.dcm';
const SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';
const SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('atrium mpps against atrium serve', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir('atrium-mpps-cli-');
  });
  afterAll(() => removeTempDir(dir));

  const atrium = (store: string, ...args: string[]) => spawnSync(process.execPath, [CLI, '--store', join(dir, store), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('creates a step IN PROGRESS and completes it with the performed series; a later N-SET is refused once, not retried', async () => {
    expect(atrium('modality', 'import', SOURCE).status).toBe(0);
    const port = await freePort();
    const serve = await startAtriumServe(join(dir, 'ris'), port, 'RIS');
    try {
      expect(atrium('modality', 'ae', 'add', 'RIS', '--host', '127.0.0.1', '--port', String(port)).status).toBe(0);
      const created = atrium('modality', '--json', 'mpps', 'create', SERIES, 'RIS');
      expect(created.status, created.stderr).toBe(0);
      const { SOPInstanceUID: step, status } = JSON.parse(created.stdout) as { SOPInstanceUID: string; status: string };
      expect(status).toBe('IN PROGRESS');
      const unknownSeries = atrium('modality', 'mpps', 'set', step, 'RIS', '--status', 'COMPLETED', '--series', `${SERIES},1.2.3`);
      expect([unknownSeries.status, unknownSeries.stderr]).toEqual([1, 'atrium mpps: job 2 failed: --series 1.2.3: no stored series has this Series Instance UID (atrium ls series); nothing was sent [ATRIUM_ERR_NET_UNKNOWN_UID]\n']);
      const completed = atrium('modality', 'mpps', 'set', step, 'RIS', '--status', 'completed');
      expect([completed.status, completed.stdout]).toEqual([0, `RIS: performed procedure step ${step} COMPLETED (job 3)\n`]);
      const again = atrium('modality', 'mpps', 'set', step, 'RIS', '--status', 'DISCONTINUED');
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/status 0110 \(Error ID A710\): The step is COMPLETED: it may no longer be updated/);
      expect(again.stderr).not.toMatch(/retrying/);
    } finally {
      await serve.stop();
    }
    expect(serve.output()).toMatch(/MPPS 2\.25\.\d+ created IN PROGRESS by ATRIUM[^]*MPPS 2\.25\.\d+ set COMPLETED by ATRIUM/);
    const ls = atrium('ris', '--json', 'mpps', 'ls');
    expect(ls.status, ls.stderr).toBe(0);
    const [received] = JSON.parse(ls.stdout) as { direction: string; status: string; attributes: Record<string, unknown> }[];
    expect(received).toMatchObject({ direction: 'received', status: 'COMPLETED', ae: 'ATRIUM' });
    expect(received!.attributes).toMatchObject({ Modality: 'MR', PerformedStationAETitle: 'ATRIUM', PerformedSeriesSequence: [{ SeriesInstanceUID: SERIES, RetrieveAETitle: 'ATRIUM', ReferencedImageSequence: [{ ReferencedSOPInstanceUID: SOP }] }] });
    const mine = JSON.parse(atrium('modality', '--json', 'mpps', 'ls').stdout) as { direction: string; status: string }[];
    expect(mine).toEqual([expect.objectContaining({ direction: 'sent', status: 'COMPLETED' })]);
  }, 60_000);

  it('refuses what it cannot do with a coded message: no --status, an unknown UID, a step not created here', () => {
    expect(atrium('modality', 'mpps', 'set', '1.2.3', 'RIS').stderr).toMatch(/needs --status COMPLETED or DISCONTINUED \[ATRIUM_ERR_CLI_BAD_OPTION\]/);
    expect(atrium('modality', 'mpps', 'set', '1.2.3', 'RIS', '--status', 'DONE').stderr).toMatch(/not "DONE"/);
    expect(atrium('modality', 'mpps', 'create', '1.2.3', 'RIS').stderr).toMatch(/UID 1\.2\.3 \[ATRIUM_ERR_NET_UNKNOWN_UID\]/);
    expect(atrium('modality', 'mpps', 'set', '1.2.3', 'RIS', '--status', 'COMPLETED').stderr).toMatch(/No performed procedure step 1\.2\.3 was created here/);
    expect(atrium('modality', 'mpps', 'frob').status).toBe(2);
  });
});
