import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { outsideProtected, type ProtectedFolder } from './check-output-folder.js';

/**
 * Check `out` as an output file (a print preview, a rendered image) before it is written, as
 * {@link checkOutputFolder} checks an output folder: refuse it with `code`, naming the file and
 * why, when it lies in one of the `protected` folders (the store: a file there mixes with the
 * originals) or is a folder (unless `orFolder`: a folder the command writes its files in). A missing
 * or unwritable folder is left to the write, which names it. Returns the absolute path.
 */
export function checkOutputFile(out: string, protectedFolders: readonly ProtectedFolder[], code: AtriumErrorCode, orFolder = false): string {
  const abs = resolve(out);
  const fail = (why: string): never => {
    throw new AtriumError(code, `output ${orFolder ? '' : 'file '}${out} ${why}`, { out: abs });
  };
  const real = outsideProtected(abs, protectedFolders, fail);
  if (!orFolder && statSync(real, { throwIfNoEntry: false })?.isDirectory()) fail('is a folder: give the name of a file');
  return abs;
}
