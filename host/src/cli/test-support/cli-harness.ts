import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../main.js';

/** What one in-process `atrium` call gave: exit code, and stdout / stderr (one `\n` after each line). */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** A temp folder with a store in it, and the CLI bound to that store. */
export interface CliStore {
  /** The temp folder (removed after all tests of the file); free for the test's own files. */
  scratch: string;
  /** The store folder, `<scratch>/store` (made by the CLI on first use). */
  store: string;
  /** Run `atrium --store <store> ...argv` in-process through `main()`, capturing its output. */
  atrium(...argv: string[]): Promise<CliResult>;
}

/**
 * Make a temp folder (named from `prefix`) for a test file's CLI store, registering an
 * `afterAll` that removes it. Call at the top level of a test file.
 */
export function useCliStore(prefix: string): CliStore {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const store = join(scratch, 'store');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  return {
    scratch,
    store,
    async atrium(...argv) {
      let out = '';
      let err = '';
      const code = await main(['--store', store, ...argv], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
      return { code, out, err };
    },
  };
}
