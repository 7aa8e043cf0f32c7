import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { fileProblem, kindOf } from './regular-file.js';

/** A folder the output must stay out of, and what it is ('the input', 'the store'). */
export interface ProtectedFolder {
  readonly path: string;
  readonly what: string;
  /** Only the folder itself is refused, not a folder inside it (the folder an input file is in). */
  readonly exact?: boolean;
}

/**
 * Check `out` as the output folder of copies (a de-identification, a DICOM medium), before anything
 * is written (nothing is created here: the first copy written creates it); refuse it with `code`
 * (ATRIUM_ERR_DEID_OUT, ATRIUM_ERR_MEDIA_OUT), naming the folder and why:
 * - it must be a folder, or a new folder in one that exists (created as `mkdir` would: a mistyped
 *   parent is refused rather than a whole chain of folders created); not a file, a FIFO, a symbolic
 *   link loop, a path through a file, or a folder that cannot be written;
 * - it must not be one of the `protected` folders or inside one — an input folder (a DICOMDIR's
 *   media folder, a file's own path) or the store that holds the originals: copies written there
 *   would mix with the originals, be walked again as inputs, or (keeping UIDs) take their names;
 *   an `exact` one (the folder an input file is in) only itself: a copy beside its original.
 * Paths are compared after resolving symbolic links (a link to an input is that input).
 * Returns the absolute path of the folder.
 */
export function checkOutputFolder(out: string, protectedFolders: readonly ProtectedFolder[], code: AtriumErrorCode): string {
  const abs = resolve(out);
  const fail = (why: string): never => {
    throw new AtriumError(code, `output folder ${out} ${why}`, { out: abs });
  };
  const real = outsideProtected(abs, protectedFolders, fail);
  let st;
  try {
    st = statSync(real, { throwIfNoEntry: false });
  } catch (e) {
    return fail(fileProblem(e));
  }
  if (st === undefined) {
    checkParent(dirname(real), fail);
    return abs;
  }
  if (!st.isDirectory()) fail(`is ${kindOf(st)}, not a folder`);
  writable(real, '', fail);
  return abs;
}

/**
 * The real path of the output `abs`, after checking that it is not one of the `protected` folders
 * nor inside one (symbolic links resolved); else `fail` says which, and to choose a place outside it.
 */
export function outsideProtected(abs: string, protectedFolders: readonly ProtectedFolder[], fail: (why: string) => never): string {
  const real = realPathOf(abs, fail);
  for (const p of protectedFolders) {
    const inside = realPathOf(resolve(p.path), () => undefined);
    if (inside === undefined) continue;
    const rel = relative(inside, real);
    if (rel === '' && p.exact) fail(`is ${p.what} (${p.path}): a de-identified copy beside its identified original invites mix-ups; choose another folder (a new one inside it will do)`);
    if (rel === '') fail(`is ${p.what} (${p.path}): choose a folder outside it, so that no copy is written among the originals`);
    if (!p.exact && rel.split(sep)[0] !== '..' && !isAbsolute(rel)) fail(`is inside ${p.what} (${p.path}): choose a folder outside it, so that no copy is written among the originals`);
  }
  return real;
}

/**
 * The folder a new output folder is created in (its real path: a file or FIFO there already
 * failed as "a file where a folder should be"): it must exist and be writable.
 */
function checkParent(parent: string, fail: (why: string) => never): void {
  if (!existsSync(parent)) fail(`is in a missing folder (${parent} does not exist): create that first, or give an existing folder or a new one in an existing folder`);
  writable(parent, `cannot be created: ${parent} `, fail);
}

/** A folder that can be written in; else `fail` with `prefix` and the reason. */
function writable(folder: string, prefix: string, fail: (why: string) => never): void {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (e) {
    fail(`${prefix}${fileProblem(e)}`);
  }
}

/**
 * The real path of `abs` (symbolic links resolved); for a path that does not exist yet, the real
 * path of its nearest existing ancestor joined with the rest. `fail` gets the reason when a link
 * loops or a component is not accessible.
 */
function realPathOf<T>(abs: string, fail: (why: string) => T): string | T {
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(head), ...rest.reverse());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(head) === head) return fail(fileProblem(e));
      rest.push(basename(head));
      head = dirname(head);
    }
  }
}
