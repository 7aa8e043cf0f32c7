import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calciumPhantomSeries, type CalciumPhantom } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { REPO_ROOT } from './samples.js';

const ATRIUM = fileURLToPath(new URL('../../host/bin/atrium.js', import.meta.url));

/**
 * A store for the browser tests, filled through the real CLI (`atrium import`): the calcium
 * phantom (a 40-slice 512² CT with known lesions and expected scores) and the given samples.
 */
export function storeWithPhantom(root: string, samples: readonly string[] = []): CalciumPhantom {
  const phantom = calciumPhantomSeries();
  const input = join(root, 'input');
  mkdirSync(input, { recursive: true });
  phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${String(i + 1).padStart(3, '0')}.dcm`), bytes));
  const store = join(root, 'store');
  const r = spawnSync(process.execPath, [ATRIUM, '--store', store, 'import', input, ...samples.map((s) => join(REPO_ROOT, 'samples', s))], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`atrium import failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return phantom;
}
