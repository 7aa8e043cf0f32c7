import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileProblem, kindOf } from '../io/regular-file.js';
import { dicomdirFiles } from './dicomdir-files.js';

/**
 * One file to import (`found`: met while walking a folder rather than named), or a path
 * that could not be used (reported, never silently dropped).
 */
export type ImportInput = { readonly path: string; readonly found: boolean } | { readonly path: string; readonly error: string };

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
 * entries skipped), a DICOMDIR as the files it references. DICOMDIR files met while
 * walking a folder are not instances and are skipped. Each file appears once. A path that
 * cannot be used (missing, a symbolic link loop, a FIFO or device inside a folder, unreadable
 * folder) is an error entry, and the walk goes on. Every DICOMDIR met is told to `onDicomdir`.
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
  const stat = (p: string): Stats | undefined => {
    try {
      return statSync(p);
    } catch (e) {
      out.push({ path: resolve(p), error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : fileProblem(e) });
      return undefined;
    }
  };
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: resolve(dir), error: `folder ${fileProblem(e)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = stat(p);
      if (st === undefined) continue;
      if (st.isDirectory()) walk(p);
      else if (!st.isFile()) out.push({ path: resolve(p), error: `is ${kindOf(st)}, not a file` });
      else if (name.toUpperCase() === 'DICOMDIR') onDicomdir?.({ path: resolve(p) });
      else add(p, true);
    }
  };
  for (const p of paths) {
    const st = stat(p);
    if (st === undefined) continue;
    if (st.isDirectory()) {
      walk(p);
    } else if (st.isFile() && basename(p).toUpperCase() === 'DICOMDIR') {
      try {
        const files = dicomdirFiles(p);
        onDicomdir?.({ path: resolve(p), files: files.length });
        for (const f of files) {
          if (existsSync(f)) add(f, false);
          else out.push({ path: f, error: `referenced by ${p} but missing` });
        }
      } catch (e) {
        out.push({ path: resolve(p), error: (e as Error).message });
      }
    } else {
      add(p, false);
    }
  }
  return out;
}
