import type { DeidOption } from '@atrium/sdk';

/** A rectangle of pixels to blank (Clean Pixel Data Option): x = first column, y = first row, from the top left pixel (0, 0). */
export interface PixelMaskRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Named presets: 'gca-9300r' = the Canon GCA-9300R conformance statement §7.2 Table 7-1 (see
 * gca9300rAction), instead of the Basic Profile; 'dar-9500f' = the Basic Profile with the UID roots
 * of the Shimadzu DAR-9500f conformance statement §5.2.2 (see dar9500fRoots).
 */
export type DeidPreset = 'gca-9300r' | 'dar-9500f';

/** The preset names, as the command line and the web API take them. */
export const DEID_PRESETS: readonly DeidPreset[] = ['gca-9300r', 'dar-9500f'];

/** Attributes that can take a user value, and their VRs. */
export const REPLACEABLE = { PatientName: 'PN', PatientID: 'LO', PatientBirthDate: 'DA', AccessionNumber: 'SH', SeriesDescription: 'LO', InstitutionalDepartmentName: 'LO' } as const;

/** User values of {@link REPLACEABLE} attributes. */
export type Replacements = { readonly [K in keyof typeof REPLACEABLE]?: string };

/** Parameters of {@link deidentify}. */
export interface DeidOptions {
  /** Key of the UID remapping (HMAC-SHA-256) and of the default per-patient date shift. */
  readonly secret: string;
  /**
   * Root of the replacement UIDs; default '2.25.' (a configured root as in the Shimadzu DAR-9500f
   * conformance statement §5.2.2):
   * dot-separated numbers without leading zeros, at most 44 characters with the final dot so that
   * at least 20 digits of keyed hash fit within the 64 characters of a UID.
   */
  readonly uidRoot?: string;
  /**
   * The organisation UID root (`atrium config set uidRoot`) under which the de-identified file's
   * File Meta Information names Atrium (Implementation Class UID, see implementationClassUid);
   * absent: Atrium's own 2.25 one. Not a root of replacement UIDs (that is `uidRoot`).
   */
  readonly implementationUidRoot?: string;
  /** Option columns of PS3.15 Table E.1-1 to apply on top of the Basic Profile (none with a preset). */
  readonly options?: readonly DeidOption[];
  /**
   * User values (the "U" of the Canon GCA-9300R conformance statement Table 7-1), written after the
   * profile or preset: every "N, U" row of that table — Patient's Name, Patient ID, Patient's Birth
   * Date, Accession Number, Series Description, Institutional Department Name.
   */
  readonly replacements?: Replacements;
  /**
   * Per-patient user values keyed by the ORIGINAL Patient ID (a CSV mapping); they take precedence
   * over `replacements`. When given, an object whose Patient ID is not in the map is refused
   * (ATRIUM_ERR_DEID_UNMAPPED_PATIENT): a mapped batch never falls back to unmapped identities.
   */
  readonly patientMap?: ReadonlyMap<string, Replacements>;
  /**
   * A named preset: 'gca-9300r' applied INSTEAD of the Basic Profile (see gca9300rAction); options
   * cannot be combined with it (ATRIUM_ERR_DEID_PRESET_OPTIONS). 'dar-9500f': the Basic Profile and
   * its options, SOP Instance UIDs replaced under `<uidRoot>.66`, every other UID under `uidRoot`.
   */
  readonly preset?: DeidPreset;
  /**
   * Days added to every date under Retain Longitudinal Temporal Information with Modified Dates;
   * default: derived from the secret and the original Patient ID (one consistent shift per patient).
   */
  readonly dateShiftDays?: number;
  /**
   * Clean Pixel Data Option regions, applied to every frame of objects whose pixels may show
   * identity (burnedInReason); such objects are refused when no region is given. Objects that
   * need no cleaning are never masked.
   */
  readonly pixelMaskRegions?: readonly PixelMaskRegion[];
  /** How many (tagPath, action) entries the report lists; default 200. */
  readonly reportLimit?: number;
}

/** An action actually applied to one element (after resolving combined codes and options). */
export type AppliedAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** What {@link deidentify} did. */
export interface DeidReport {
  /** Number of elements per applied action (elements not in Table E.1-1 count as K). */
  readonly counts: Readonly<Record<AppliedAction, number>>;
  /** The first `reportLimit` non-K actions: tag path (e.g. '(0008,1140)[0]/(0008,1155)') and action. */
  readonly actions: readonly { readonly path: string; readonly action: AppliedAction }[];
  /** Every UID replaced: original → new. */
  readonly uidsMapped: ReadonlyMap<string, string>;
  /** Days added to dates (0 unless Retain Longitudinal … Modified Dates is selected). */
  readonly dateShiftDays: number;
  /** Remarks (e.g. options selected but not applicable). */
  readonly notes: readonly string[];
}
