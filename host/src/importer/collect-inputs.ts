import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isAtriumError } from '../errors/atrium-error.js';
import { dicomdirFiles } from './dicomdir-files.js';

/**
 * One file to import (`found`: met while walking a folder rather than named), or an input
 * that could not be used, with its code and reason (reported, never silently dropped).
 * `quarantine`: the input is a file whose bytes are to be kept in quarantine (a DICOMDIR
 * that cannot be read).
 */
export type ImportInput =
  | { readonly path: string; readonly found: boolean }
  | { readonly path: string; readonly code: string; readonly error: string; readonly quarantine?: boolean };

/**
 * Expand the import arguments: files as given, folders recursively (sorted, hidden
 * entries skipped), a DICOMDIR as the files it references (never a file outside its
 * media). DICOMDIR files met while walking a folder are not instances and are skipped.
 * Each file appears once.
 */
export function collectInputs(paths: readonly string[]): ImportInput[] {
  const seen = new Set<string>();
  const out: ImportInput[] = [];
  const add = (p: string, found: boolean): void => {
    const abs = resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: abs, found });
  };
  const unreadable = (p: string, e: unknown): void => {
    out.push({ path: resolve(p), code: 'ATRIUM_ERR_IMPORT_READ', error: (e as Error).message });
  };
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      return unreadable(dir, e);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      try {
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.isFile() && name.toUpperCase() !== 'DICOMDIR') add(p, true);
      } catch (e) {
        unreadable(p, e); // a dangling link, a file gone meanwhile, no permission
      }
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) out.push({ path: resolve(p), code: 'ATRIUM_ERR_IMPORT_NOT_FOUND', error: 'no such file or folder' });
    else if (statSync(p).isDirectory()) walk(p);
    else if (basename(p).toUpperCase() === 'DICOMDIR') out.push(...dicomdirInputs(p, add));
    else add(p, false);
  }
  return out;
}

/** The inputs a DICOMDIR stands for: its files (through `add`), refused references, or itself when it cannot be read. */
function dicomdirInputs(p: string, add: (path: string, found: boolean) => void): ImportInput[] {
  const dicomdir = resolve(p);
  let refs;
  try {
    refs = dicomdirFiles(p);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return [{ path: dicomdir, code: e.code, error: e.message, quarantine: true }];
  }
  const problems: ImportInput[] = [];
  for (const ref of refs) {
    if ('id' in ref) problems.push({ path: dicomdir, code: ref.code, error: ref.error });
    else if (existsSync(ref.path)) add(ref.path, false);
    else problems.push({ path: ref.path, code: 'ATRIUM_ERR_DICOMDIR_MISSING_FILE', error: `referenced by ${dicomdir} but missing` });
  }
  return problems;
}
