import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './samples.js';

/** Throws, saying what to run, when the host is not compiled (`host/dist`): a test that spawns `host/bin/atrium.js` needs it. */
export function requireBuiltCli(): void {
  if (!existsSync(join(REPO_ROOT, 'host/dist/cli/main.js'))) throw new Error('host/dist is missing: run `npx tsc -b` from the repo root first');
}
