import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * `atrium plugin new` as its README says, outside the repository: the CLI (compiled, as a user
 * runs it) creates the plugin in its default folder (`~/.atrium/plugins/<name>`, here under a
 * temporary HOME) with the SDK, the host and the test kit packed next to it; the README's commands
 * install, build and test it as written — with the `@atrium` scope pointed at a registry that does
 * not exist, so `@atrium/*` can only come from the packed files — its tests pass at once (the unit
 * test of the algorithm, the app on the workstation's engine through the kit, and its golden file,
 * written by that first run on the author's machine and compared by the next, under CI too), and
 * the workstation lists and runs it.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'host/bin/atrium.js');
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';

/** The shell commands of the ```sh block under a README heading. */
function shellBlock(readme: string, heading: string): string {
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`no sh block under "## ${heading}"`);
  return block[1]!;
}

describe('atrium plugin new: a plugin built and tested outside the repository', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    requireBuiltCli();
    home = makeTempDir('atrium-scaffold-home-');
    // The npm cache of this machine (where `npm install` of the repository put vitest and
    // typescript), and no registry for @atrium: the SDK must come from the packed tarball.
    const cache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(home, '.npmrc'), `cache=${cache}\nprefer-offline=true\n@atrium:registry=http://127.0.0.1:9/\nfund=false\naudit=false\n`);
    // A clean environment for the nested tools: no variables of the vitest run we are inside; and
    // the author's machine, not a CI (which refuses to write a missing golden file: it is run below).
    const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !k.startsWith('npm_') && !['NODE_OPTIONS', 'FORCE_COLOR', 'ATRIUM_PLUGIN_PATH', 'ATRIUM_STORE', 'CI', 'ATRIUM_UPDATE_GOLDEN'].includes(k));
    env = { ...Object.fromEntries(inherited), HOME: home, NO_COLOR: '1', ATRIUM_STORE: join(home, 'store') };
  });
  afterAll(() => removeTempDir(home));

  const sh = (script: string, cwd: string, timeout = 300_000): { status: number | null; output: string } => {
    const r = spawnSync('sh', ['-ec', script], { cwd, env, encoding: 'utf8', timeout });
    return { status: r.status, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`.replace(/\x1b\[[0-9;]*m/g, '') };
  };

  it('creates, installs, builds, tests and runs as its README says', () => {
    const made = sh(`node ${CLI} --json plugin new grey-level`, home, 120_000);
    expect(made.status, made.output).toBe(0);
    const { dir, discovered } = JSON.parse(made.output) as { dir: string; discovered: boolean };
    expect([dir, discovered]).toEqual([join(home, '.atrium', 'plugins', 'grey-level'), true]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const specs = { sdk: pkg.dependencies['@atrium/sdk'], host: pkg.devDependencies['@atrium/host'], testing: pkg.devDependencies['@atrium/testing'] };
    for (const [name, spec] of Object.entries(specs)) {
      expect(spec, name).toMatch(new RegExp(`^file:atrium-${name}-\\d+\\.\\d+\\.\\d+\\.tgz$`));
      expect(existsSync(join(dir, spec.slice('file:'.length))), name).toBe(true);
    }

    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const build = sh(shellBlock(readme, 'Build and test'), dir);
    expect(build.status, build.output).toBe(0);
    expect(build.output).toMatch(/Tests\s+5 passed \(5\)/);
    expect(build.output).toContain(`golden file written: ${join(dir, 'golden', 'result.json')}`);
    for (const name of ['sdk', 'host', 'testing']) expect(readFileSync(join(dir, 'node_modules', '@atrium', name, 'package.json'), 'utf8')).toContain(`"name": "@atrium/${name}"`);
    // The committed golden is compared, in CI as on the author's machine.
    const again = sh('CI=true npm test', dir);
    expect(again.status, again.output).toBe(0);
    expect(again.output).toMatch(/Tests\s+5 passed \(5\)/);
    expect(again.output).not.toContain('golden file written');

    expect(sh(`node ${CLI} import ${join(REPO, 'samples/mr/MR_small.dcm')}`, home).status).toBe(0);
    const run = sh(shellBlock(readme, 'Run it in the workstation').replace('<SeriesInstanceUID>', MR_SERIES), home);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/\nlocal\.grey-level\.grey-level +0\.1\.0 +Grey level/);
    expect(run.output).toContain('local.grey-level.grey-level: wrote one 256x256 image of grey level 200');
  }, 900_000); // npm install, tsc and two vitest runs of a new package: minutes on a loaded machine (each step has its own bound in sh)
});
