import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { openWorkstation } from './open-workstation.js';

const SAMPLE = 'samples/mr/MR_small.dcm';
const SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe('InstanceStore.stage (answer first, index after: the C-STORE SCP path)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeTempDir));

  it('writes the file before commit; commit indexes it with its hash', () => {
    const dir = makeTempDir('stage-');
    dirs.push(dir);
    const ws = openWorkstation(dir);
    const staged = ws.store.stage(readFileSync(SAMPLE), 'test');
    expect('commit' in staged).toBe(true);
    if (!('commit' in staged)) return;
    expect(ws.files.exists(staged.path)).toBe(true);
    expect(ws.index.getInstances({ SOPInstanceUID: SOP })).toHaveLength(0);
    expect(staged.commit()).toMatchObject({ status: 'stored', SOPInstanceUID: SOP });
    const [row] = ws.index.getInstances({ SOPInstanceUID: SOP });
    expect(row?.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    ws.close();
  });

  it('an acknowledged object whose indexing never ran (crash) is indexed by the next start', () => {
    const dir = makeTempDir('stage-crash-');
    dirs.push(dir);
    const first = openWorkstation(dir);
    const staged = first.store.stage(readFileSync(SAMPLE), 'test');
    expect('commit' in staged).toBe(true);
    first.close(); // no commit: as if the process died right after answering Success
    const next = openWorkstation(dir);
    expect(next.startup.recovered).toHaveLength(1);
    const [row] = next.index.getInstances({ SOPInstanceUID: SOP });
    expect(row?.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(readFileSync(next.files.absolute(row!.file.path))).equals(readFileSync(SAMPLE))).toBe(true);
    next.close();
  });

  it('refusals come back staged as refusals, with nothing written to files/', () => {
    const dir = makeTempDir('stage-refused-');
    dirs.push(dir);
    const ws = openWorkstation(dir);
    const staged = ws.store.stage(readFileSync(SAMPLE), 'test', { expect: { SOPInstanceUID: '1.2.3' } });
    expect('refused' in staged && staged.refused).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_SOP_MISMATCH' });
    expect(ws.index.getInstances({})).toHaveLength(0);
    ws.close();
  });
});
