import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * What a new user meets first: the README's quickstart (two commands), the test tiers it
 * names, `npm run peers` (also what `.ci/run` uses), `npm run generate` without its inputs.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const SCRIPTS = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;

/** The text of a README section (from its `## ` heading to the next one). */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The lines of the first ```sh block of a section, comments and blank lines left out. */
function commands(text: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  return block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

describe('the README\'s first steps', () => {
  it('quickstart: exactly two commands, install + demo and the tests, both npm scripts', () => {
    expect(commands(section('Quickstart'))).toEqual(['npm install && npm run demo', 'npm test']);
    expect(SCRIPTS.demo).toContain('node tools/demo.mjs');
    expect(SCRIPTS.test).toBe('vitest run');
  });

  it('tests: names both tiers and the command that installs the peers, which .ci/run uses', () => {
    expect(commands(section('Tests'))).toEqual(['npm test', 'npm run peers', 'npm run test:interop']);
    expect(SCRIPTS.peers).toBe('node tools/peers.mjs');
    expect(SCRIPTS['test:interop']).toContain('ATRIUM_TEST_TIER=interop');
    const ci = readFileSync(join(REPO, '.ci/run'), 'utf8');
    const steps = ci.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('npm ')).map((l) => l.split(' ').slice(0, l.startsWith('npm run ') ? 3 : 2).join(' '));
    expect(steps).toEqual(['npm run peers', 'npm ci', 'npm run lint', 'npm test', 'npm run test:interop']);
    expect(ci).not.toMatch(/apt-get/);
  });
});

describe('npm run peers without the peers and without apt', () => {
  let bin: string;
  beforeAll(() => {
    // A PATH with node and sh only: no DCMTK, dicom3tools, GDCM, Orthanc on it, no apt-get, no sudo.
    bin = makeTempDir('atrium-peers-path-');
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync(spawnSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).stdout.trim(), join(bin, 'sh'));
  });
  afterAll(() => removeTempDir(bin));
  const peers = (...args: string[]): { status: number | null; out: string; err: string } => {
    const r = spawnSync(join(bin, 'node'), [join(REPO, 'tools/peers.mjs'), ...args], { env: { PATH: bin }, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  it('--check lists what is missing with its apt package, and fails', () => {
    const r = peers('--check');
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^missing +DCMTK .*\(apt: dcmtk\)$/m);
    expect(r.out).toMatch(/^missing +dicom3tools \(dciodvfy\) +\(apt: dicom3tools\)$/m);
    expect(r.out).toMatch(/^missing +GDCM tools \(gdcmconv\) +\(apt: libgdcm-tools\)$/m);
    expect(r.out).toMatch(/^missing +Chromium \(the 3-D render service.*\(apt: chromium\)$/m);
    expect(r.out).toMatch(/^missing +dcm2niix .*\(apt: dcm2niix\)$/m);
    expect(r.out).toMatch(/^(?:missing|installed) +VTK for \/usr\/bin\/python3 .*\(apt: python3-vtk9\)$/m);
    expect(r.out).toContain('npm run peers installs them (apt-get install -y --no-install-recommends dcmtk dicom3tools libgdcm-tools');
    expect(r.out).toMatch(/ chromium dcm2niix(?: python3-scipy)?(?: python3-vtk9)?(?: postgresql)?\)$/m);
  });

  it('says it cannot install without apt-get, naming what to install by hand', () => {
    const r = peers();
    expect(r.status).toBe(1);
    expect(r.err).toContain('npm run peers installs with apt-get (Debian, Ubuntu), which this system does not have.');
    expect(r.err).toContain('Install these by other means: DCMTK');
    expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at /);
  });
});

describe('npm run generate without the standard tables', () => {
  let empty: string;
  beforeAll(() => {
    empty = makeTempDir('atrium-no-standard-');
  });
  afterAll(() => removeTempDir(empty));

  it('says which folder it read and which files it needs, writes nothing, exits non-zero without a stack trace', () => {
    const generated = join(REPO, 'sdk/src/standard');
    const mtimes = (): number[] => readdirSync(generated).filter((f) => f.endsWith('.generated.ts')).map((f) => statSync(join(generated, f)).mtimeMs);
    const before = mtimes();
    for (const dir of [join(empty, 'missing'), empty]) {
      const r = spawnSync(process.execPath, [join(REPO, 'tools/generate-standard.mjs'), '--standard', dir], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, dir).toBe(1);
      expect(r.stderr).toContain(`generate-standard: the machine-readable DICOM standard is not there: ${dir}`);
      for (const file of ['attributes.json', 'confidentiality_profile_attributes.json', 'gdcm-Part3-2008.xml', 'gdcm-Part6-2008.xml']) expect(r.stderr).toContain(file);
      expect(r.stderr).toContain('innolitics/dicom-standard');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    expect(mtimes()).toEqual(before);
  });
});
