import { spawnSync } from 'node:child_process';
import { AtriumError } from '../errors/atrium-error.js';

/** The ISO 9660 image makers tried, in order, with their mkisofs-style arguments. */
const TOOLS: readonly (readonly [string, readonly string[]])[] = [
  ['xorriso', ['-as', 'mkisofs']],
  ['genisoimage', []],
  ['mkisofs', []],
];

/**
 * Make an ISO 9660 image of the medium's folder (PS3.12 Annex F, the CD-R / DVD file system):
 * Level 1 names as the File IDs already are (8 characters, no extension), Rock Ridge and Joliet
 * for readers that show the names as written, volume ID the File-set ID. Uses xorriso, else
 * genisoimage (Debian packages xorriso, genisoimage); with neither, or when the tool fails,
 * ATRIUM_ERR_MEDIA_ISO says so. Returns the tool used.
 */
export function makeIso(folder: string, isoPath: string, volumeId: string): string {
  for (const [tool, prefix] of TOOLS) {
    const r = spawnSync(tool, [...prefix, '-quiet', '-iso-level', '1', '-r', '-J', '-V', volumeId || 'DICOM', '-o', isoPath, folder], { encoding: 'utf8' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
    if (r.status !== 0) throw new AtriumError('ATRIUM_ERR_MEDIA_ISO', `${tool} could not make ${isoPath}: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ')}`, { tool, iso: isoPath });
    return tool;
  }
  throw new AtriumError('ATRIUM_ERR_MEDIA_ISO', `no ISO 9660 image maker: install xorriso or genisoimage (Debian packages of the same names) to use --iso`, { iso: isoPath });
}
