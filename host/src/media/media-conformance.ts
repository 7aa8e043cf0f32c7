import { lookupTag, SopClass, sopClassName, tagToString, transferSyntaxName } from '@atrium/sdk';
import { MEDIA_PROFILES } from './media-profiles.js';
import { RECORD_KEYS } from './record-keys.js';

const PROFILES = MEDIA_PROFILES.map((p) => p.name).join(', ');
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/**
 * The Media Interchange part of the DICOM Conformance Statement (PS3.2 Annex A, section 7 of
 * the layout the vendor statements follow: Shimadzu SCORE 3D conformance statement §7, Canon
 * GCA-9300R §5, TigerView §2), generated from the profile and record tables the File-set
 * Creator / Updater / Reader run.
 */
export function mediaConformanceStatement(): string {
  return [
    '# Atrium — DICOM Conformance Statement: media interchange',
    '',
    '## Application profiles, activities and roles',
    '',
    table(['Application Profiles', 'Activity', 'Role'], [
      [PROFILES, '`atrium media write` (a new medium; an existing one is updated)', 'FSC'],
      [PROFILES, '`atrium media add`, `atrium media rm` (a medium with a DICOMDIR)', 'FSU'],
      [PROFILES, '`atrium import <DICOMDIR>` (into the store), `atrium media ls` (list only)', 'FSR'],
    ]),
    '',
    'Media: a folder (CD-R / DVD / BD / USB content, PS3.12 file IDs `DICOM/PAnnnnnn/STnnnnnn/SEnnnnnn/IMnnnnnn`, upper case, 8 characters, at most 8 levels) and, with `--iso`, an ISO 9660 image of it (xorriso or genisoimage; ISO level 1, Rock Ridge, Joliet, volume ID the File-set ID). Single session: a CD-R is written from the image by other means.',
    '',
    '## Transfer syntaxes of the files',
    '',
    'A file already in a syntax the profile allows is copied byte for byte; any other is converted losslessly to the first (compressed pixels decoded). An instance that cannot be converted is refused and nothing of the run is left on the medium.',
    '',
    table(['Application Profile', 'Transfer syntaxes written'], MEDIA_PROFILES.map((p) => [p.name, p.transferSyntaxes.map((uid) => `${transferSyntaxName(uid) ?? uid} (${uid})`).join('; ')])),
    '',
    '## SOP classes',
    '',
    `FSC / FSU: every Storage SOP Class the store holds whose record type is one of ${Object.keys(RECORD_KEYS).filter((t) => !['PATIENT', 'STUDY', 'SERIES'].includes(t)).join(', ')} (images by SOP Class or Pixel Data); the DICOMDIR is ${sopClassName(SopClass.MediaStorageDirectoryStorage)} (${SopClass.MediaStorageDirectoryStorage}). FSR: every object the store accepts.`,
    '',
    '## Directory records and keys (PS3.3 Annex F.5)',
    '',
    'Keys are copied from the instance (with its Specific Character Set); a Type 1 key the instance lacks gets a value (its ordinal for numbers, OT for the modality, UNKNOWN for the Patient ID; a document\'s creation date and time are its study\'s), except the study\'s own Study Date and Study Time (Type 1 in the STUDY record, Table F.5-2): an instance whose study has none is refused (ATRIUM_ERR_MEDIA_MISSING_KEY naming the study) and no date is invented; a Type 2 key it lacks is written empty. FSU deletion removes a record with those below it and every PATIENT / STUDY / SERIES record left empty; inactive records (Record In-use Flag 0000H) are not read.',
    '',
    table(['Record type', 'Keys'], Object.entries(RECORD_KEYS).map(([type, keys]) => [type, keys.map(([tag, keyType]) => `${keywordOf(tag)} (${keyType === 3 ? '3 / 1C' : keyType})`).join(', ')])),
    '',
  ].join('\n');
}

function keywordOf(tag: number): string {
  return lookupTag(tag)?.keyword ?? tagToString(tag);
}
