import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What dicom3tools' dciodvfy says about one object. */
export interface DciodvfyReport {
  /** Its lines starting with `Error` ([] when the object is valid for its IOD). */
  readonly errors: readonly string[];
  /** Its lines starting with `Warning` (remarks that do not make the object invalid). */
  readonly warnings: readonly string[];
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

/** The dciodvfy to run; undefined when it is not installed, which CI=true does not accept. */
function installedDciodvfy(): string | undefined {
  const tool = dciodvfyPath();
  if (tool === undefined && process.env.CI === 'true') {
    throw new Error('dciodvfy (dicom3tools) is not installed, and CI=true requires it: install dicom3tools or put dciodvfy on PATH');
  }
  return tool;
}

/**
 * Reads dciodvfy's report (stdout and stderr together): each line that starts with `Error` is an
 * error, each that starts with `Warning` a warning; the rest (the IOD it checked against, the
 * module names) is only in {@link DciodvfyReport.output}.
 */
export function parseDciodvfyOutput(output: string): DciodvfyReport {
  const lines = output.split('\n');
  return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')), output };
}

/**
 * Check a Part 10 file on disk with dicom3tools' dciodvfy (the IOD verifier of the DICOM standard's
 * editor), found on `PATH` or at `$DCIODVFY`. Its exit status is not used (it exits non-zero on
 * errors): the report is its output, read by {@link parseDciodvfyOutput}. When dciodvfy is not
 * installed the check is skipped (undefined) — unless `CI=true`, where a missing dciodvfy throws,
 * so a CI run never passes without it. Install it with your system's dicom3tools package
 * (Debian / Ubuntu: `apt-get install dicom3tools`).
 */
export function dciodvfyFile(path: string): DciodvfyReport | undefined {
  const tool = installedDciodvfy();
  if (tool === undefined) return undefined;
  const r = spawnSync(tool, [path], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return parseDciodvfyOutput(`${r.stdout}${r.stderr}`);
}

/**
 * Check a Part 10 object held in memory with dciodvfy: written to a temporary file, checked by
 * {@link dciodvfyFile} (undefined when dciodvfy is not installed, outside CI), the file removed.
 */
export function dciodvfy(bytes: Uint8Array): DciodvfyReport | undefined {
  if (installedDciodvfy() === undefined) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'atrium-testing-dciodvfy-'));
  try {
    const path = join(dir, 'object.dcm');
    writeFileSync(path, bytes);
    return dciodvfyFile(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
