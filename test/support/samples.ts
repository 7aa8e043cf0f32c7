import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests refer to samples relative to it). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file under `samples/`, given relative to that folder (`mr/MR_small.dcm`). */
export function samplePath(rel: string): string {
  return join(REPO_ROOT, 'samples', ...rel.split('/'));
}

/** The bytes of a sample file. */
export function readSample(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(samplePath(rel)));
}

/** Documentation kept beside the samples (not DICOM): ATTRIBUTION.md, a MANIFEST.tsv. */
const DOCUMENTATION = /\.(md|tsv)$/i;

/**
 * Every sample file (DICOMDIR and extension-less files included, documentation excluded),
 * as paths relative to `samples/` with `/`, sorted.
 */
export function allSampleFiles(): string[] {
  const root = join(REPO_ROOT, 'samples');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && !DOCUMENTATION.test(ent.name)) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}
