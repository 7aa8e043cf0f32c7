import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../support/built-cli.js';
import { REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * The bundled CLI (tools/bundle-cli.mjs → host/dist-bundle) on a copy of the built host
 * package: host/bin/atrium.js runs it only while its stamp matches host/tsconfig.tsbuildinfo,
 * and it prints what host/dist prints. Real processes on a temporary copy (the bin, host/dist,
 * the bundle built there), the repository's node_modules, plugins and examples linked beside it.
 * Needs the built host (`npx tsc -b`; the bundle is built here).
 */
let root = '';
let host = '';
let store = '';
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

/** Run the copy's `atrium` command; `unbundled` sets ATRIUM_CLI_UNBUNDLED=1. */
function atrium(args: string[], unbundled = false): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, ATRIUM_CLI_UNBUNDLED: unbundled ? '1' : '' };
  const r = spawnSync(process.execPath, [join(host, 'bin/atrium.js'), ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Build the bundle of the copy with the repository's script. */
function bundle(): void {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'tools/bundle-cli.mjs'), '--host', host], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
}

beforeAll(() => {
  requireBuiltCli();
  root = makeTempDir('atrium-cli-bundle-');
  host = join(root, 'host');
  mkdirSync(host);
  for (const part of ['bin', 'dist', 'package.json', 'tsconfig.tsbuildinfo']) cpSync(join(REPO_ROOT, 'host', part), join(host, part), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'host/node_modules'), join(host, 'node_modules'));
  for (const part of ['node_modules', 'plugins', 'examples']) symlinkSync(join(REPO_ROOT, part), join(root, part));
  bundle();
  store = join(root, 'store');
  const imported = atrium(['--store', store, 'import', join(REPO_ROOT, 'samples/mr')], true);
  expect(imported.status, imported.stderr).toBe(0);
});

afterAll(() => {
  if (root !== '') removeTempDir(root);
});

describe('host/bin/atrium.js picks the bundle only when it is fresh', () => {
  // host/dist's entry made to fail: only the bundle can answer, so the outcome shows which code ran.
  const withoutDist = (run: () => void): void => {
    const entry = join(host, 'dist', 'cli', 'main.js');
    const text = readFileSync(entry);
    writeFileSync(entry, "throw new Error('host/dist ran');\n");
    try {
      run();
    } finally {
      writeFileSync(entry, text);
    }
  };

  it('fresh stamp: runs the bundle; ATRIUM_CLI_UNBUNDLED=1 runs host/dist', () => {
    withoutDist(() => {
      const bundled = atrium(['--version']);
      expect(bundled.status, bundled.stderr).toBe(0);
      expect(bundled.stdout).toMatch(/^atrium 0\.1\.0 /);
      const forced = atrium(['--version'], true);
      expect(forced.status).not.toBe(0);
      expect(forced.stderr).toContain('host/dist ran');
    });
  });

  it('a fresh bundle without host/dist beside it: runs host/dist, which fails at once (the bundle would fail later, in its workers)', () => {
    renameSync(join(host, 'dist'), join(host, 'dist-away'));
    try {
      const r = atrium(['--version']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('ERR_MODULE_NOT_FOUND');
    } finally {
      renameSync(join(host, 'dist-away'), join(host, 'dist'));
    }
  });

  it('a tsc build after the bundle (build info rewritten): runs host/dist until the bundle is built again', () => {
    const info = join(host, 'tsconfig.tsbuildinfo');
    const later = new Date(Date.now() + 5_000);
    utimesSync(info, later, later);
    withoutDist(() => {
      const stale = atrium(['--version']);
      expect(stale.status).not.toBe(0);
      expect(stale.stderr).toContain('host/dist ran');
    });
    expect(atrium(['--version']).status).toBe(0); // host/dist, unbundled
    bundle();
    withoutDist(() => expect(atrium(['--version']).status).toBe(0));
  });

  it('holds none of the SDK: every chunk imports `@atrium/sdk` (and npm packages) at run time', () => {
    const chunks = readdirSync(join(host, 'dist-bundle')).filter((f) => f.endsWith('.js'));
    const text = chunks.map((f) => readFileSync(join(host, 'dist-bundle', f), 'utf8')).join('\n');
    expect(text).toMatch(/from "@atrium\/sdk"/);
    expect(text).toMatch(/from "@atrium\/sdk\/core"/);
    expect(text).not.toMatch(/class SdkError\b/); // the SDK's error base class (sdk/src/sdk-error.ts)
    expect(text).not.toMatch(/sdk\/(src|dist)\//);
  });

  it('no bundle at all: runs host/dist', () => {
    rmSync(join(host, 'dist-bundle'), { recursive: true });
    try {
      const r = atrium(['--version']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^atrium 0\.1\.0 /);
    } finally {
      bundle();
    }
  });
});

describe('the bundle and host/dist print the same', () => {
  const commands: [string, string[]][] = [
    ['--version', ['--version']],
    ['help', ['help']],
    ['ls studies', ['--store', '<store>', 'ls', 'studies']],
    ['ls series --json', ['--store', '<store>', '--json', 'ls', 'series']],
    ['apps', ['apps']],
    ['an unknown command (exit 2)', ['no-such-command']],
  ];
  it.each(commands)('%s', (_name, args) => {
    const argv = args.map((a) => (a === '<store>' ? store : a));
    const bundled = atrium(argv);
    const unbundled = atrium(argv, true);
    expect(bundled.stdout).toBe(unbundled.stdout);
    expect(bundled.status).toBe(unbundled.status);
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
  });

  // A plugin's app, loaded by the host in this process and in its worker: the plugin's
  // `@atrium/sdk` must be the host's one (its classes, its error codes). Each run on its own
  // copy of the store, so both are job 1 and both store the summary.
  it('run series-summary (a plugin app)', () => {
    const runOn = (copy: string, unbundled: boolean) => {
      cpSync(store, copy, { recursive: true });
      return atrium(['--store', copy, '--json', 'run', 'series-summary', '--series', MR_SERIES], unbundled);
    };
    const bundled = runOn(join(root, 'store-bundled'), false);
    const unbundled = runOn(join(root, 'store-unbundled'), true);
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(unbundled.status, unbundled.stderr).toBe(0);
    expect(bundled.stdout).toBe(unbundled.stdout);
    expect(JSON.parse(bundled.stdout)).toMatchObject({ app: 'example.series-summary.series-summary', written: [{ status: 'stored' }] });
  });
});
