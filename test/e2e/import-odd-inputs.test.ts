/**
 * `atrium import` and `atrium deid` from the attacker's side, as a child process that is
 * killed if it hangs: a FIFO and devices named as inputs, a folder whose subfolder links
 * back to it, a link to `/`. Each input is read at most once, nothing is waited on, and
 * every input that is not read is named once with its reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, samplePath } from '../support/samples.js';
import { useTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

const dir = useTempDir('atrium-odd-inputs-');
const CLI = join(REPO_ROOT, 'host/bin/atrium.js');

/** The CLI as a child process, killed after 60 s (a hang is a failure, not a stuck test run). */
function atriumChild(...args: string[]): { code: number | null; out: string; err: string } {
  requireBuiltCli();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  expect(r.signal, `atrium ${args.join(' ')} did not finish: ${r.stderr}`).toBeNull();
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `<name>/ok.dcm`, `trunc.dcm` (cut short), `sub.dcm/up -> ..`, `root -> /`. */
function loopingFolder(name: string): string {
  const root = join(dir(), name);
  mkdirSync(join(root, 'sub.dcm'), { recursive: true });
  copyFileSync(samplePath('mr/MR_small.dcm'), join(root, 'ok.dcm'));
  writeFileSync(join(root, 'trunc.dcm'), readFileSync(samplePath('mr/MR_small.dcm')).subarray(0, 1000));
  symlinkSync('..', join(root, 'sub.dcm', 'up'));
  symlinkSync('/', join(root, 'root'));
  return root;
}

describe('import and deid of a folder that links back to itself and to /', () => {
  it('import reads each file once: stored 1, rejected 1 (one quarantine entry), the loop and the link out named once each', () => {
    const root = loopingFolder('import-in');
    const store = join(dir(), 'loop-store');
    const r = atriumChild('--store', store, '--json', 'import', root);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ stored: 1, replaced: 0, duplicate: 0, rejected: 1 });
    expect(summary.unreadable).toEqual([
      { file: join(root, 'root'), code: 'ATRIUM_ERR_IMPORT_READ', reason: 'is a symbolic link to /, outside the folders given: not followed (name it to read it)' },
      { file: join(root, 'sub.dcm', 'up'), code: 'ATRIUM_ERR_IMPORT_READ', reason: `is a symbolic link loop: it leads back to ${root}, which is being read` },
    ]);
    expect(JSON.parse(atriumChild('--store', store, '--json', 'quarantine').out)).toHaveLength(1);
  });

  it('deid writes the one file once and names the loop and the link out as unreadable', () => {
    const root = loopingFolder('deid-in');
    const out = join(dir(), 'deid-out');
    const r = atriumChild('--json', 'deid', root, '--out', out);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ written: 1, duplicate: 0, unreadable: 3 });
    expect(report.files.filter((f: { status: string }) => f.status === 'unreadable').map((f: { input: string }) => f.input).sort()).toEqual(
      [join(root, 'root'), join(root, 'sub.dcm', 'up'), join(root, 'trunc.dcm')],
    );
  });
});

describe('import of a FIFO or a device named as an input', () => {
  it('names each as not read and imports the other file; never waits on the FIFO or reads the device', () => {
    const fifo = join(dir(), 'fifo.dcm');
    execFileSync('mkfifo', [fifo]);
    const r = atriumChild('--store', join(dir(), 'fifo-store'), '--json', 'import', fifo, samplePath('mr/MR_small.dcm'), '/dev/zero', '/dev/urandom');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ stored: 1, rejected: 0 });
    expect(summary.unreadable).toEqual([
      { file: fifo, code: 'ATRIUM_ERR_IMPORT_READ', reason: 'is a FIFO (named pipe), not a file' },
      { file: '/dev/zero', code: 'ATRIUM_ERR_IMPORT_READ', reason: 'is a device, not a file' },
      { file: '/dev/urandom', code: 'ATRIUM_ERR_IMPORT_READ', reason: 'is a device, not a file' },
    ]);
  });
});
