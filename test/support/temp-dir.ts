import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Create a fresh directory under the system temp dir (`<prefix>XXXXXX`). */
export function makeTempDir(prefix = 'atrium-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a directory made by {@link makeTempDir}, with everything in it. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * One temp directory for the enclosing test file or `describe` block: created in
 * `beforeAll`, removed in `afterAll`. Call the returned function (inside tests or hooks)
 * to get its path.
 */
export function useTempDir(prefix = 'atrium-test-'): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = makeTempDir(prefix);
  });
  afterAll(() => {
    if (dir !== undefined) removeTempDir(dir);
  });
  return () => {
    if (dir === undefined) throw new Error('useTempDir: the directory exists only inside tests and hooks');
    return dir;
  };
}
