import { existsSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isAtriumError, listedCode } from '../errors/atrium-error.js';
import { FileProblem, fileProblem, kindOf } from '../io/regular-file.js';
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

const READ = 'ATRIUM_ERR_IMPORT_READ';

/** A missing path typed as a UID (`1.2.840.113619.2.55`): digits and dots, three components or more. */
const looksLikeUid = (p: string): boolean => /^\d+(\.\d+){2,}$/.test(p);

/**
 * Expand the import arguments: files as given, folders recursively (sorted, hidden
 * entries skipped), a DICOMDIR as the files it references (never a file outside its
 * media). DICOMDIR files met while walking a folder are not instances and are skipped.
 * Each file and each folder (by device and inode) is listed or walked once. A path that
 * cannot be used (missing, a symbolic link loop, a FIFO or device, an unreadable folder)
 * is an error entry, and the walk goes on. Every DICOMDIR met is told to `onDicomdir`.
 *
 * Symbolic links named as arguments are followed. Met while walking, a link is followed
 * only when its target is inside one of the folders named (as `find` does not follow
 * links by default, and a DICOMDIR's references may not leave its media): a link out of
 * them — to `/`, to another disk — is an error entry, never read (name its target to read
 * it); a link back to a folder being walked is reported once as a loop; a second way to a
 * folder or file already listed is passed over.
 */
export function collectInputs(paths: readonly string[], onDicomdir?: (d: DicomdirSeen) => void): ImportInput[] {
  const out: ImportInput[] = [];
  const listed = new Set<string>();
  const add = (p: string, st: Stats, found: boolean): void => {
    if (listed.has(idOf(st))) return;
    listed.add(idOf(st));
    out.push({ path: resolve(p), found });
  };
  const problem = (p: string, code: AtriumErrorCode, error: string): void => void out.push({ path: resolve(p), code, error });
  /** `named`: a path the user gave (missing = not found); else met in a folder (missing = a dangling link or gone meanwhile). */
  const stat = (p: string, named: boolean): Stats | undefined => {
    try {
      return statSync(p);
    } catch (e) {
      const missing = named && (e as NodeJS.ErrnoException).code === 'ENOENT';
      problem(p, missing ? 'ATRIUM_ERR_IMPORT_NOT_FOUND' : READ, missing ? `no such file or folder${looksLikeUid(p) ? ` (${p} looks like a UID: this command takes files and folders; atrium deid --where StudyInstanceUID=<uid> de-identifies a stored study)` : ''}` : fileProblem(e));
      return undefined;
    }
  };
  const walker = new FolderWalk(namedFolders(paths), stat, problem, (p, st) => {
    if (basename(p).toUpperCase() === 'DICOMDIR') onDicomdir?.({ path: resolve(p) });
    else add(p, st, true);
  });
  const referenced = (p: string): void => {
    const st = stat(p, false);
    if (st !== undefined) add(p, st, false);
  };
  for (const p of paths) {
    const st = stat(p, true);
    if (st === undefined) continue;
    if (st.isDirectory()) walker.walk(p, st);
    else if (!st.isFile()) problem(p, READ, `is ${kindOf(st)}, not a file`);
    else if (basename(p).toUpperCase() === 'DICOMDIR') out.push(...dicomdirInputs(p, referenced, onDicomdir));
    else add(p, st, false);
  }
  return out;
}

/** The real paths of the folders among `paths` (what links met while walking may lead into). */
function namedFolders(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    try {
      return statSync(p).isDirectory() ? [realpathSync(p)] : [];
    } catch {
      return []; // reported by collectInputs
    }
  });
}

/** Walks folders, each once; see {@link collectInputs} for the links it follows. */
class FolderWalk {
  /** Folders walked, by device and inode. */
  private readonly walked = new Set<string>();
  /** The folders from the named one down to the one being walked, by device and inode. */
  private readonly open = new Map<string, string>();

  constructor(
    private readonly roots: readonly string[],
    private readonly stat: (p: string, named: boolean) => Stats | undefined,
    private readonly problem: (p: string, code: AtriumErrorCode, error: string) => void,
    private readonly file: (p: string, st: Stats) => void,
  ) {}

  walk(dir: string, st: Stats): void {
    const id = idOf(st);
    if (this.walked.has(id)) return;
    this.walked.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      this.problem(dir, READ, `folder ${fileProblem(e)}`);
      return;
    }
    this.open.set(id, resolve(dir));
    for (const entry of entries) if (!entry.name.startsWith('.')) this.entry(join(dir, entry.name), entry.isSymbolicLink());
    this.open.delete(id);
  }

  private entry(p: string, link: boolean): void {
    const st = this.stat(p, false); // a dangling link, a link loop, a file gone meanwhile, no permission: an error entry
    if (st === undefined) return;
    if (link && !this.leadsInside(p)) return;
    if (st.isDirectory()) {
      const ancestor = this.open.get(idOf(st));
      if (ancestor !== undefined) this.problem(p, READ, `is a symbolic link loop: it leads back to ${ancestor}, which is being read`);
      else this.walk(p, st);
    } else if (!st.isFile()) {
      this.problem(p, READ, `is ${kindOf(st)}, not a file`);
    } else {
      this.file(p, st);
    }
  }

  /** Whether the link `p` leads inside a named folder; if not, it is reported. */
  private leadsInside(p: string): boolean {
    let target: string;
    try {
      target = realpathSync(p);
    } catch (e) {
      this.problem(p, READ, fileProblem(e)); // changed since it was read
      return false;
    }
    if (this.roots.some((root) => target === root || inside(root, target))) return true;
    this.problem(p, READ, `is a symbolic link to ${target}, outside the folders given: not followed (name it to read it)`);
    return false;
  }
}

/** A file or folder by device and inode: the same whatever the path (links, `..`). */
function idOf(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** The inputs a DICOMDIR stands for: its files (through `add`), refused references, or itself when it cannot be read. */
function dicomdirInputs(p: string, add: (path: string) => void, onDicomdir?: (d: DicomdirSeen) => void): ImportInput[] {
  const dicomdir = resolve(p);
  let refs;
  try {
    refs = dicomdirFiles(p);
  } catch (e) {
    if (e instanceof FileProblem) return [{ path: dicomdir, code: READ, error: e.message }];
    if (!isAtriumError(e)) throw e;
    return [{ path: dicomdir, code: listedCode(e, 'ATRIUM_ERR_DICOMDIR_INVALID'), error: e.message, quarantine: true }];
  }
  onDicomdir?.({ path: dicomdir, files: refs.length });
  const problems: ImportInput[] = [];
  for (const ref of refs) {
    if ('id' in ref) problems.push({ path: dicomdir, code: ref.code, error: ref.error });
    else if (existsSync(ref.path)) add(ref.path);
    else problems.push({ path: ref.path, code: 'ATRIUM_ERR_DICOMDIR_MISSING_FILE', error: `referenced by ${dicomdir} but missing` });
  }
  return problems;
}
