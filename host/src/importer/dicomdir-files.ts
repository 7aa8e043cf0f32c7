import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import { quoteValue } from '../io/quote-value.js';
import { readRegularFile } from '../io/regular-file.js';

/** Media Storage Directory Storage (PS3.10 §7.2, PS3.3 F.3). */
export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';

/** A Referenced File ID of a DICOMDIR: the file it names inside the media, or why it is refused. */
export type ReferencedFile =
  | { readonly path: string }
  | { readonly id: string; readonly code: 'ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA'; readonly error: string };

/**
 * The files a DICOMDIR references: Referenced File ID (0004,1500) of every directory
 * record, components joined below the DICOMDIR's folder (PS3.10 §8.5, PS3.12 Annex F).
 * An ID that would leave that folder — a `..` or `.` component, an empty one, one holding
 * a path separator, a drive or a control character, or a path that resolves (through a
 * symbolic link) outside the media — is refused and never opened.
 * Throws ATRIUM_ERR_DICOMDIR_INVALID when the file is not a Media Storage Directory, the
 * parser's ATRIUM_ERR_PARSE_* when it cannot be parsed, FileProblem when it is not a regular
 * file that can be read.
 */
export function dicomdirFiles(dicomdirPath: string): ReferencedFile[] {
  const file = parseDicom(readRegularFile(dicomdirPath));
  const sopClass = file.meta?.string(Tag.MediaStorageSOPClassUID) ?? file.dataset.string(Tag.SOPClassUID);
  if (sopClass !== MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    throw new AtriumError('ATRIUM_ERR_DICOMDIR_INVALID', `${dicomdirPath} is not a DICOMDIR (Media Storage SOP Class ${sopClass ?? 'absent'})`, { path: dicomdirPath });
  }
  const media = resolve(dirname(dicomdirPath));
  const out: ReferencedFile[] = [];
  for (const item of file.dataset.items(Tag.DirectoryRecordSequence)) {
    const components = item.dataset.strings(Tag.ReferencedFileID);
    if (components.length > 0) out.push(referencedFile(media, components));
  }
  return out;
}

/** One Referenced File ID resolved inside `media`, or refused. */
function referencedFile(media: string, components: readonly string[]): ReferencedFile {
  const id = components.join('\\');
  const refuse = (why: string): ReferencedFile => ({
    id,
    code: 'ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA',
    error: `Referenced File ID ${quoteValue(id)} ${why}; it is not read (PS3.10 §8.5: a file ID names a file below the DICOMDIR's folder)`,
  });
  const bad = components.find((c) => c === '' || c === '.' || c === '..' || /[/\\:\x00-\x1f\x7f]/.test(c));
  if (bad !== undefined) return refuse(`has the component ${quoteValue(bad)}, which could leave the media`);
  const path = join(media, ...components);
  if (!inside(media, path)) return refuse('leaves the media');
  if (existsSync(path) && !inside(realpathSync(media), realpathSync(path))) return refuse('is a link to a file outside the media');
  return { path };
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
