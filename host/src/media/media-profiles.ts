import { TransferSyntax } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';

/** A Media Storage Application Profile the File-set Creator writes (PS3.11 Annex D, General Purpose profiles). */
export interface MediaProfile {
  readonly name: string;
  readonly title: string;
  /** The transfer syntaxes the profile allows for the files of the medium; the first is what others are converted to. */
  readonly transferSyntaxes: readonly string[];
}

const JPEG = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.JPEGBaseline8Bit, TransferSyntax.JPEGExtended12Bit, TransferSyntax.JPEGLossless, TransferSyntax.JPEGLosslessSV1];
const J2K = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.JPEG2000Lossless, TransferSyntax.JPEG2000];

/**
 * The profiles, by name. STD-GEN-CD is the one every seed writes (Shimadzu SCORE 3D conformance
 * statement §7, Canon GCA-9300R §5.2.2, Shimadzu DAR-9500f §3.2): Explicit VR Little Endian only
 * (PS3.11 D.3.2). The DVD / USB / BD general-purpose profiles with compression (PS3.11 D.3.2,
 * Table D.3-2) also keep JPEG (baseline, extended, lossless) or JPEG 2000 files as they are.
 * A file in a syntax the profile does not allow is converted, losslessly, to Explicit VR Little
 * Endian (compressed pixels decoded); one that is allowed is copied byte for byte.
 */
export const MEDIA_PROFILES: readonly MediaProfile[] = [
  { name: 'STD-GEN-CD', title: 'General Purpose CD-R Interchange', transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] },
  { name: 'STD-GEN-DVD-JPEG', title: 'General Purpose DVD Interchange with JPEG', transferSyntaxes: JPEG },
  { name: 'STD-GEN-DVD-J2K', title: 'General Purpose DVD Interchange with JPEG 2000', transferSyntaxes: J2K },
  { name: 'STD-GEN-USB-JPEG', title: 'General Purpose USB and Flash Memory with JPEG', transferSyntaxes: JPEG },
  { name: 'STD-GEN-USB-J2K', title: 'General Purpose USB and Flash Memory with JPEG 2000', transferSyntaxes: J2K },
  { name: 'STD-GEN-BD-JPEG', title: 'General Purpose BD Interchange with JPEG', transferSyntaxes: JPEG },
  { name: 'STD-GEN-BD-J2K', title: 'General Purpose BD Interchange with JPEG 2000', transferSyntaxes: J2K },
];

/** The profile of this name (case-insensitive); ATRIUM_ERR_MEDIA_PROFILE listing the known ones. */
export function mediaProfile(name: string): MediaProfile {
  const found = MEDIA_PROFILES.find((p) => p.name === name.toUpperCase());
  if (!found) throw new AtriumError('ATRIUM_ERR_MEDIA_PROFILE', `unknown Media Storage Application Profile ${JSON.stringify(name)}: one of ${MEDIA_PROFILES.map((p) => p.name).join(', ')}`, { profile: name });
  return found;
}
