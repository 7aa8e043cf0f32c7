import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peer } from './peers.js';

/** What dciodvfy says about a file: its lines starting with `Error`, and everything it wrote. */
export interface DciodvfyReport {
  readonly errors: readonly string[];
  readonly output: string;
}

/**
 * Write `bytes` to a temporary file and run dicom3tools' dciodvfy on it (its report goes to
 * stderr). Call only when `havePeers('dciodvfy')` (under CI a missing tool fails the test).
 */
export function dciodvfy(bytes: Uint8Array): DciodvfyReport {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-dciodvfy-'));
  try {
    const path = join(dir, 'object.dcm');
    writeFileSync(path, bytes);
    const r = spawnSync(peer('dciodvfy')!, [path], { encoding: 'utf8' });
    if (r.error) throw r.error;
    const output = `${r.stdout}${r.stderr}`;
    return { errors: output.split('\n').filter((l) => l.startsWith('Error')), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
