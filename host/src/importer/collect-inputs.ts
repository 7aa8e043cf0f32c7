import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { dicomdirFiles } from './dicomdir-files.js';

/**
 * One file to import (`found`: met while walking a folder rather than named), or a path
 * that could not be used (reported, never silently dropped).
 */
export type ImportInput = { readonly path: string; readonly found: boolean } | { readonly path: string; readonly error: string };

/**
 * Expand the import arguments: files as given, folders recursively (sorted, hidden
 * entries skipped), a DICOMDIR as the files it references. DICOMDIR files met while
 * walking a folder are not instances and are skipped. Each file appears once.
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
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name.toUpperCase() !== 'DICOMDIR') add(p, true);
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) {
      out.push({ path: resolve(p), error: 'no such file or folder' });
    } else if (statSync(p).isDirectory()) {
      walk(p);
    } else if (basename(p).toUpperCase() === 'DICOMDIR') {
      try {
        for (const f of dicomdirFiles(p)) {
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
