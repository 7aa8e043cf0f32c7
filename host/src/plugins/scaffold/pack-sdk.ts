import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AtriumError } from '../../errors/atrium-error.js';

/** The folder of the `@atrium/sdk` package this host runs with (the workspace's `sdk/`). */
export function sdkPackageDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@atrium/sdk'));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@atrium/sdk') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', 'the @atrium/sdk package of this host cannot be found');
    dir = parent;
  }
}

/**
 * Pack this host's SDK (`npm pack`, its built `dist/` only) into `destDir`, so that a plugin
 * made there installs `@atrium/sdk` as a `file:` dependency — the SDK is not published, and
 * nothing is asked of a registry for it. Returns the tarball's file name (`atrium-sdk-<version>.tgz`).
 * @throws AtriumError `ATRIUM_ERR_SCAFFOLD_SDK` when the SDK is not built or npm cannot pack it.
 */
export function packSdk(destDir: string): string {
  const sdkDir = sdkPackageDir();
  if (!existsSync(join(sdkDir, 'dist', 'index.js'))) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `the SDK in ${sdkDir} is not built (no dist/index.js): run \`npx tsc -b\` in the workstation's folder first`, { sdkDir });
  }
  const r = spawnSync('npm', ['pack', sdkDir, '--pack-destination', destDir, '--json', '--ignore-scripts'], { cwd: destDir, encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 });
  const packed = r.status === 0 ? parsePackOutput(r.stdout) : undefined;
  if (packed === undefined) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_SDK', `npm pack of the SDK in ${sdkDir} failed: ${(r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`, { sdkDir });
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
