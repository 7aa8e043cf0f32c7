import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isAtriumError, listedCode } from '../errors/atrium-error.js';
import { fileProblem, kindOf } from '../io/regular-file.js';
import { dicomdirFiles } from '../media/dicomdir-files.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/**
 * One file to import (`found`: met while walking a folder rather than named), or an input
 * that could not be used, with its code and reason (reported, never silently dropped).
 * `quarantine`: the input is a file whose bytes are to be kept in quarantine (a DICOMDIR
 * that cannot be read).
 */
export type ImportInput =
  | { readonly path: string; readonly found: boolean }
  | { readonly path: string; readonly code: AtriumErrorCode; readonly error: string; readonly quarantine?: boolean };

/**
 * A DICOMDIR met while collecting: named (`files`: how many files it references) or met walking a
 * folder (`files` undefined: not an instance; the folder's files are walked anyway).
 */
export interface DicomdirSeen {
  readonly path: string;
  readonly files?: number;
}

/**
 * Expand the import arguments: files as given, folders recursively (sorted, hidden
 * entries skipped), a DICOMDIR as the files it references (never a file outside its
 * media). DICOMDIR files met while walking a folder are not instances and are skipped.
 * Each file appears once. A path that cannot be used (missing, a symbolic link loop, a FIFO
 * or device inside a folder, an unreadable folder) is an error entry, and the walk goes on.
 * Every DICOMDIR met is told to `onDicomdir`.
 */
export function collectInputs(paths: readonly string[], onDicomdir?: (d: DicomdirSeen) => void): ImportInput[] {
  const seen = new Set<string>();
  const out: ImportInput[] = [];
  const add = (p: string, found: boolean): void => {
    const abs = resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: abs, found });
  };
  /** `named`: a path the user gave (missing = not found); else met in a folder (missing = a dangling link or gone meanwhile). */
  const stat = (p: string, named: boolean): Stats | undefined => {
    try {
      return statSync(p);
    } catch (e) {
      const missing = named && (e as NodeJS.ErrnoException).code === 'ENOENT';
      out.push({ path: resolve(p), code: missing ? 'ATRIUM_ERR_IMPORT_NOT_FOUND' : 'ATRIUM_ERR_IMPORT_READ', error: missing ? 'no such file or folder' : fileProblem(e) });
      return undefined;
    }
  };
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: resolve(dir), code: 'ATRIUM_ERR_IMPORT_READ', error: `folder ${fileProblem(e)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = stat(p, false); // a dangling link, a file gone meanwhile, no permission: an error entry
      if (st === undefined) continue;
      if (st.isDirectory()) walk(p);
      else if (!st.isFile()) out.push({ path: resolve(p), code: 'ATRIUM_ERR_IMPORT_READ', error: `is ${kindOf(st)}, not a file` });
      else if (name.toUpperCase() === 'DICOMDIR') onDicomdir?.({ path: resolve(p) });
      else add(p, true);
    }
  };
  for (const p of paths) {
    const st = stat(p, true);
    if (st === undefined) continue;
    if (st.isDirectory()) walk(p);
    else if (st.isFile() && basename(p).toUpperCase() === 'DICOMDIR') out.push(...dicomdirInputs(p, add, onDicomdir));
    else add(p, false);
  }
  return out;
}

/** The inputs a DICOMDIR stands for: its files (through `add`), refused references, or itself when it cannot be read. */
function dicomdirInputs(p: string, add: (path: string, found: boolean) => void, onDicomdir?: (d: DicomdirSeen) => void): ImportInput[] {
  const dicomdir = resolve(p);
  let refs;
  try {
    refs = dicomdirFiles(p);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return [{ path: dicomdir, code: listedCode(e, 'ATRIUM_ERR_DICOMDIR_INVALID'), error: e.message, quarantine: true }];
  }
  onDicomdir?.({ path: dicomdir, files: refs.length });
  const problems: ImportInput[] = [];
  for (const ref of refs) {
    if ('id' in ref) problems.push({ path: dicomdir, code: ref.code, error: ref.error });
    else if (existsSync(ref.path)) add(ref.path, false);
    else problems.push({ path: ref.path, code: 'ATRIUM_ERR_DICOMDIR_MISSING_FILE', error: `referenced by ${dicomdir} but missing` });
  }
  return problems;
}
