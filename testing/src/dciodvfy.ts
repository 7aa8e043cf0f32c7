import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What dicom3tools' dciodvfy says about one object. */
export interface DciodvfyReport {
  /** Its lines starting with `Error` ([] when the object is valid for its IOD). */
  readonly errors: readonly string[];
  /** Everything it wrote (the IOD it checked against, warnings, errors). */
  readonly output: string;
}

let found: string | null | undefined;

/** The dciodvfy on `PATH` (or `$DCIODVFY`), or undefined. */
function dciodvfyPath(): string | undefined {
  if (found === undefined) {
    const candidates = [process.env.DCIODVFY, ...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'dciodvfy'))];
    found = candidates.find((p): p is string => p !== undefined && p !== '' && isExecutable(p)) ?? null;
  }
  return found ?? undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Check a Part 10 object with dicom3tools' dciodvfy (the IOD verifier of the DICOM standard's
 * editor): found on `PATH` or at `$DCIODVFY`. As the project's real peers: when it is not
 * installed the check is skipped (undefined) — unless `CI=true`, where a missing dciodvfy throws,
 * so a CI run never passes without it. Install it with your system's dicom3tools package
 * (Debian / Ubuntu: `apt-get install dicom3tools`).
 */
export function dciodvfy(bytes: Uint8Array): DciodvfyReport | undefined {
  const tool = dciodvfyPath();
  if (tool === undefined) {
    if (process.env.CI === 'true') throw new Error('dciodvfy (dicom3tools) is not installed, and CI=true requires it: install dicom3tools or put dciodvfy on PATH');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'atrium-testing-dciodvfy-'));
  try {
    const path = join(dir, 'object.dcm');
    writeFileSync(path, bytes);
    const r = spawnSync(tool, [path], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    const output = `${r.stdout}${r.stderr}`;
    return { errors: output.split('\n').filter((l) => l.startsWith('Error')), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
