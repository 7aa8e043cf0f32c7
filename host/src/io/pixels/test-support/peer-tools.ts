/**
 * Test-only helpers to run the real peers (DCMTK, GDCM, pydicom) the pixel tests use as
 * referees. A missing peer skips the suite locally and fails it under `CI=true`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** Repository root, found from this file (tests never use machine paths). */
export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** A sample file path from `samples/` under the repository root. */
export function sample(relative: string): string {
  return fileURLToPath(new URL(`../../../../../samples/${relative}`, import.meta.url));
}

const peerScript = fileURLToPath(new URL('./pydicom-peer.py', import.meta.url));

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v "$1"`, 'sh', tool], { stdio: 'ignore' }).status === 0;
}

let python: string | null | undefined;

/** A Python 3 that imports pydicom and numpy: `$ATRIUM_PYTHON`, `python3`, then the system one. */
export function findPython(): string | undefined {
  if (python === undefined) {
    python = null;
    for (const candidate of [process.env.ATRIUM_PYTHON, 'python3', '/usr/bin/python3']) {
      if (!candidate) continue;
      const r = spawnSync(candidate, ['-c', 'import pydicom, numpy'], { stdio: 'ignore' });
      if (r.status === 0) {
        python = candidate;
        break;
      }
    }
  }
  return python ?? undefined;
}

/** Names of the peers that are missing; `'pydicom'` stands for a Python with pydicom and numpy. */
export function missingPeers(tools: readonly string[]): string[] {
  return tools.filter((t) => (t === 'pydicom' ? findPython() === undefined : !onPath(t)));
}

/**
 * `describe` that needs peers: runs `body` when all are present; otherwise a failing test
 * under `CI=true`, or a skipped suite elsewhere.
 */
export function describeWithPeers(name: string, tools: readonly string[], body: () => void): void {
  const missing = missingPeers(tools);
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its peer tools installed', () => {
        throw new Error(`Missing peer tools: ${missing.join(', ')}`);
      });
    });
  } else {
    describe.skip(`${name} (missing peers: ${missing.join(', ')})`, body);
  }
}

/** Runs a command, returning stdout; throws with stderr when it fails. */
export function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

/** Runs jobs through `pydicom-peer.py` in one Python process; throws on the first job error. */
export function pydicom<T = Record<string, unknown>>(jobs: readonly Record<string, unknown>[]): T[] {
  const py = findPython();
  if (!py) throw new Error('No Python with pydicom and numpy');
  const out = execFileSync(py, [peerScript], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 64 << 20 });
  const results = JSON.parse(out) as Array<T & { error?: string }>;
  results.forEach((r, i) => {
    if (r.error) throw new Error(`pydicom job ${JSON.stringify(jobs[i])} failed: ${r.error}`);
  });
  return results;
}
