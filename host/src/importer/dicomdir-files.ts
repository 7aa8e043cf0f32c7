import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../io/parse-part10.js';
import { AtriumError } from '../errors/atrium-error.js';

/** Media Storage Directory Storage (PS3.10 §7.2, PS3.3 F.3). */
export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';

/**
 * The files a DICOMDIR references: Referenced File ID (0004,1500) of every directory
 * record, components joined below the DICOMDIR's folder (PS3.10 §8.5, PS3.12 Annex F).
 * Throws ATRIUM_ERR_DICOMDIR_INVALID when the file is not a Media Storage Directory.
 */
export function dicomdirFiles(dicomdirPath: string): string[] {
  const file = parseDicom(readFileSync(dicomdirPath));
  const sopClass = file.meta?.string(Tag.MediaStorageSOPClassUID) ?? file.dataset.string(Tag.SOPClassUID);
  if (sopClass !== MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    throw new AtriumError('ATRIUM_ERR_DICOMDIR_INVALID', `${dicomdirPath} is not a DICOMDIR (Media Storage SOP Class ${sopClass ?? 'absent'})`);
  }
  const base = dirname(dicomdirPath);
  const out: string[] = [];
  for (const item of file.dataset.items(Tag.DirectoryRecordSequence)) {
    const components = item.dataset.strings(Tag.ReferencedFileID);
    if (components.length > 0) out.push(join(base, ...components));
  }
  return out;
}
