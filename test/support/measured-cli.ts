/**
 * Runs the `atrium` CLI in a child process and measures it from outside: peak resident set
 * size and bytes read (report-resources.mjs), with the standard output consumed slowly
 * when asked, as a pager would.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './samples.js';
import { requireBuiltCli } from './built-cli.js';

const CLI = join(REPO_ROOT, 'host/bin/atrium.js');
const PRELOAD = join(REPO_ROOT, 'test/support/report-resources.mjs');

/** What one measured run did. */
export interface MeasuredRun {
  readonly code: number | null;
  /** The standard output, unless `countLinesOnly`. */
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: number;
  readonly lastLine: string;
  readonly maxRssBytes: number;
  readonly readBytes: number;
}

/** The memory bound of a command on an N-byte object: 256 MB + 1.5 N. */
export function memoryBound(objectBytes: number): number {
  return 256e6 + 1.5 * objectBytes;
}

/**
 * `atrium --store <store> ...args` in a child process. `slowReader`: the output is not
 * read for the first second (the pipe fills; the command must wait, not buffer), then read.
 */
export function runMeasured(store: string, args: readonly string[], options: { slowReader?: boolean; countLinesOnly?: boolean } = {}): Promise<MeasuredRun> {
  requireBuiltCli();
  const report = join(store, `.resources-${process.pid}-${Date.now()}.json`);
  const child = spawn(process.execPath, ['--import', PRELOAD, CLI, '--store', store, ...args], { env: { ...process.env, ATRIUM_RESOURCES_FILE: report }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let lines = 0;
  let tail = '';
  let lastComplete = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const text = tail + chunk;
    const parts = text.split('\n');
    tail = parts.pop()!;
    lines += parts.length;
    if (parts.length > 0) lastComplete = parts[parts.length - 1]!;
    if (!options.countLinesOnly) stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.slowReader) {
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 1000);
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const measured = JSON.parse(readFileSync(report, 'utf8')) as { maxRssBytes: number; readBytes: number };
      rmSync(report, { force: true });
      resolve({ code, stdout, stderr, lines: lines + (tail ? 1 : 0), lastLine: tail || lastComplete, ...measured });
    });
  });
}
