import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AtriumError } from '../../errors/atrium-error.js';

/** The workstation's packages a new plugin depends on: the SDK, and for its tests the test kit and the host it runs. */
export type WorkstationPackage = '@atrium/sdk' | '@atrium/host' | '@atrium/testing';

/** The folder of the workstation package `name` this host runs with (in the repository: `sdk/`, `host/`, `testing/`). */
export function workstationPackageDir(name: WorkstationPackage): string {
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `the package ${name} of this workstation cannot be found (is it built? run \`npx tsc -b\` in the workstation's folder)`, { package: name });
  }
  for (let dir = dirname(main); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === name) return dir;
    if (dirname(dir) === dir) throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `the package ${name} of this workstation cannot be found`, { package: name });
  }
}

/**
 * Pack a workstation package (`npm pack`, its built `dist/` only) into `destDir`, so that a plugin
 * made there installs it as a `file:` dependency — these packages are not published, and nothing
 * is asked of a registry for them. Returns the tarball's file name (e.g. `atrium-sdk-<version>.tgz`).
 * @throws AtriumError `ATRIUM_ERR_SCAFFOLD_SDK` when the package is not built or npm cannot pack it.
 */
export function packPackage(name: WorkstationPackage, destDir: string): string {
  const dir = workstationPackageDir(name);
  if (!existsSync(join(dir, 'dist', 'index.js'))) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `${name} in ${dir} is not built (no dist/index.js): run \`npx tsc -b\` in the workstation's folder first`, { package: name, dir });
  }
  const r = spawnSync('npm', ['pack', dir, '--pack-destination', destDir, '--json', '--ignore-scripts'], { cwd: destDir, encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 });
  const packed = r.status === 0 ? parsePackOutput(r.stdout) : undefined;
  if (packed === undefined) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `npm pack of ${name} in ${dir} failed: ${(r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`, { package: name, dir });
  }
  return packed;
}

function parsePackOutput(stdout: string): string | undefined {
  try {
    const [first] = JSON.parse(stdout) as { filename?: string }[];
    return typeof first?.filename === 'string' ? first.filename : undefined;
  } catch {
    return undefined;
  }
}
