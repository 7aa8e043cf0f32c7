import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startAtriumServe } from '../support/serve-process.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * `atrium send --commit` to `atrium serve`, as a user following the README tries it: our SCP
 * takes the Storage Commitment context (to receive reports) but commits nothing, so the N-ACTION
 * is answered 0211. The send says what happened — the instances were stored, the peer is not a
 * Storage Commitment SCP, what to type instead — and the SCP's Error Comment names the operation.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const SOURCE = 'samples/mr/MR_small.dcm';
const SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('atrium send --commit against atrium serve', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir('atrium-commit-serve-');
  });
  afterAll(() => removeTempDir(dir));

  const atrium = (store: string, ...args: string[]) => spawnSync(process.execPath, [CLI, '--store', join(dir, store), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('stores the instances, then fails the commitment request saying the peer is not a Storage Commitment SCP, without retrying', async () => {
    expect(atrium('modality', 'import', SOURCE).status).toBe(0);
    const port = await freePort();
    const serve = await startAtriumServe(join(dir, 'pacs'), port, 'PACS');
    try {
      expect(atrium('modality', 'ae', 'add', 'PACS', '--host', '127.0.0.1', '--port', String(port)).status).toBe(0);
      const send = atrium('modality', 'send', SOP, 'PACS', '--commit');
      expect(send.status).toBe(1);
      expect(send.stderr).toMatch(/^atrium send: job \d+ failed: Storage commitment request to PACS failed: status 0211 \(N-ACTION is not performed by this AE\): PACS accepted the Storage Commitment context but does not commit .* send without --commit, and without the role commit for PACS \[ATRIUM_ERR_NET_REMOTE_FAILED\]\n$/);
      expect(send.stderr).not.toMatch(/retrying/);
    } finally {
      await serve.stop();
    }
    const stored = atrium('pacs', '--json', 'ls', 'instances');
    expect(stored.status, stored.stderr).toBe(0);
    expect((JSON.parse(stored.stdout) as { SOPInstanceUID: string }[]).map((i) => i.SOPInstanceUID)).toEqual([SOP]);
  });
});
