import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { stringElement } from '../../host/src/io/element-factory.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { startAtriumServe } from '../support/serve-process.js';
import { havePeers } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { atrium } from './cli-helpers.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * The receive policy is one setting for import and C-STORE (`atrium config set validation
 * strict`), with `--validation` as a per-command override: a DX without Image Type (Type 1
 * in the DX Image module, not needed to identify or display it) is stored with a warning
 * under `safety` and refused under `strict` — by import and by `atrium serve` alike.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
/** samples/dx-cr/dx_image.dcm without Image Type, as SOP Instance UID `2.25.<n>`. */
function dxWithoutImageType(n: number): string {
  const file = parseDicom(readFileSync(join(REPO, 'samples/dx-cr/dx_image.dcm')));
  const sop = `2.25.${n}`;
  const path = join(dir, `dx-${n}.dcm`);
  const { meta: _, ...rest } = file; // without meta: writePart10 generates one naming the new SOP Instance UID
  writeFileSync(path, writePart10({ ...rest, dataset: file.dataset.with(new Map([[Tag.ImageType, undefined], [Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', sop)]])) }));
  return path;
}

beforeAll(() => {
  dir = makeTempDir('atrium-receive-policy-');
});
afterAll(() => removeTempDir(dir));

describe('receive validation: one persisted setting, a per-command override', () => {
  it('import follows the setting; --validation overrides it; a bad value is refused', async () => {
    const store = join(dir, 'import-store');
    const cli = (...args: string[]) => atrium('--store', store, ...args);
    const warned = await cli('import', dxWithoutImageType(1));
    expect(warned.code, warned.err).toBe(0);
    expect((await cli('config', 'get', 'validation')).out).toBe('safety\n');
    expect(warned.out).toContain('stored 1, replaced 0 (1 with warnings)');
    expect(warned.out).toContain('warning ATRIUM_ERR_VALIDATE_MISSING: Type 1 attribute ImageType (0008,0008) is missing');

    expect(await cli('config', 'set', 'validation', 'strict')).toMatchObject({ code: 0, out: 'validation = strict\n' });
    const refused = await cli('import', dxWithoutImageType(2));
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/rejected +\S+dx-2\.dcm +ATRIUM_ERR_VALIDATE_MISSING: Type 1 attribute ImageType \(0008,0008\) is missing/);
    const overridden = await cli('--validation', 'safety', 'import', dxWithoutImageType(3));
    expect(overridden.code).toBe(0);
    expect(overridden.out).toContain('[validation safety]');

    expect(await cli('config', 'set', 'validation', 'lax')).toMatchObject({ code: 2, err: expect.stringContaining('Bad value for store setting validation: "lax"; allowed: safety or strict [ATRIUM_ERR_CONFIG_BAD_VALUE]') });
    expect((await cli('--validation', 'lax', 'import', dxWithoutImageType(4))).code).toBe(2);
  });

  it('ls --warnings lists what was stored with warnings, and show prints them', async () => {
    const store = join(dir, 'import-store');
    const ls = JSON.parse((await atrium('--store', store, '--json', 'ls', 'instances', '--warnings')).out) as { SOPInstanceUID: string; Warnings: string }[];
    expect(ls.map((r) => [r.SOPInstanceUID, r.Warnings])).toEqual([
      ['2.25.1', 'Type 1 attribute ImageType (0008,0008) is missing'],
      ['2.25.3', 'Type 1 attribute ImageType (0008,0008) is missing'],
    ]);
    expect(JSON.parse((await atrium('--store', store, '--json', 'ls', 'series', '--warnings')).out)).toHaveLength(1);
    expect((await atrium('--store', store, 'ls', 'studies', '--warnings', '--modality', 'CT')).out).toBe('(nothing stored with warnings matches)\n');
    const show = await atrium('--store', store, 'show', '2.25.1');
    expect(show.out).toContain('# Stored with 1 validation warning(s)\n#   ATRIUM_ERR_VALIDATE_MISSING: Type 1 attribute ImageType (0008,0008) is missing');
  });

  it.skipIf(!havePeers('storescu'))('atrium serve follows the setting: strict answers A900 and keeps nothing; safety answers B007 and stores', async () => {
    requireBuiltCli();
    const store = join(dir, 'serve-store');
    expect((await atrium('--store', store, 'config', 'set', 'validation', 'strict')).code).toBe(0);
    const strict = await serveAndSend(store, [], dxWithoutImageType(5));
    expect(strict.server).toContain('receive validation strict');
    expect(strict.sent.output, strict.server).toContain('Received Store Response (Error: DataSetDoesNotMatchSOPClass)');
    expect(strict.server).toContain('refused (A900): Type 1 attribute ImageType (0008,0008) is missing [ATRIUM_ERR_VALIDATE_MISSING]');
    expect(JSON.parse((await atrium('--store', store, '--json', 'ls', 'instances')).out)).toEqual([]);
    expect(JSON.parse((await atrium('--store', store, '--json', 'quarantine')).out)).toHaveLength(1);

    const safety = await serveAndSend(store, ['--validation', 'safety'], dxWithoutImageType(6));
    expect(safety.server).toContain('receive validation safety');
    expect(safety.sent.code, safety.sent.output).toBe(0);
    expect(safety.sent.output).toContain('Received Store Response (Warning: DataSetDoesNotMatchSOPClass)');
    expect(safety.server).toContain('2.25.6 stored with 1 validation warning(s) (B007)');
    expect(JSON.parse((await atrium('--store', store, '--json', 'ls', 'instances', '--warnings')).out)).toHaveLength(1);
  }, 30_000);
});

/** Spawn `atrium serve` on a free port, storescu one file to it, stop it; what both printed. */
async function serveAndSend(store: string, globals: string[], file: string): Promise<{ server: string; sent: { code: number | null; output: string } }> {
  const port = await freePort();
  const serve = await startAtriumServe(store, port, 'POLICY', globals);
  try {
    const sent = await runTool('storescu', ['-v', '-aec', 'POLICY', '127.0.0.1', String(port), file]);
    for (let i = 0; i < 50 && !/released/.test(serve.output()); i++) await new Promise((r) => setTimeout(r, 100));
    await serve.stop();
    return { server: serve.output(), sent };
  } finally {
    await serve.stop();
  }
}
