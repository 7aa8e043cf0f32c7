import type { DeidOption } from '../standard/deid-rules.js';
import type { DerivedObjectRef } from './deriver.js';
import type { SourceInstance } from './source-series.js';

/** A rectangle of pixels, in pixel columns (`x`, `width`) and rows (`y`, `height`) from the top left. */
export interface PixelRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * What an app asks the host's de-identification engine to do with one source instance
 * (PS3.15 Annex E, Application Level Confidentiality Profile).
 */
export interface DeidentifyRequest {
  /** The instance to de-identify: one of the run's input instances. It is never modified. */
  readonly source: SourceInstance;
  /**
   * Key of the UID replacement (HMAC-SHA-256 of every UID marked U) and of the default
   * per-patient date shift. The same key maps the same UID to the same new UID in every object,
   * so a study de-identified instance by instance keeps its references (Table E.1-1 action U).
   * Give `secret` or {@link keyFile} (one of them is required); keep it secret (with it,
   * the mapping can be recomputed). A `secret` parameter is recorded with the run's job;
   * a key file is not.
   */
  readonly secret?: string;
  /**
   * Path of a file holding the key instead of `secret` (read by the host; an absent file is
   * created with a random 256-bit key, mode 0600, so that later runs with the same file give
   * the same UIDs). A relative path is resolved against the host's working directory.
   */
  readonly keyFile?: string;
  /**
   * Option columns of PS3.15 Table E.1-1 applied on top of the Basic Profile (PS3.15 E.3), by
   * their SDK names ({@link DeidOption}): `retainSafePrivate` (E.3.10), `retainUIDs` (E.3.9),
   * `retainDeviceIdentity` (E.3.8), `retainInstitutionIdentity` (E.3.11),
   * `retainPatientCharacteristics` (E.3.7), `retainLongitudinalFullDates` and
   * `retainLongitudinalModifiedDates` (E.3.6), `cleanDescriptors` (E.3.5),
   * `cleanStructuredContent` (E.3.4), `cleanGraphics` (E.3.3). Default: none (Basic Profile only).
   * Each option applied is recorded in De-identification Method Code Sequence (0012,0064).
   * `retainUIDs` is refused (`ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE`): the copies would carry the
   * originals' UIDs into the store that holds the originals.
   */
  readonly options?: readonly DeidOption[];
  /**
   * Root of the replacement UIDs (PS3.5 §9, e.g. `1.2.392.200036.9110.66.`): dot-separated numbers
   * without leading zeros, at most 43 characters so that 20 digits of keyed hash fit in 64.
   * Default `2.25.` (UUID-derived UIDs, PS3.5 §B.2).
   */
  readonly uidRoot?: string;
  /**
   * User values written after the profile (instead of the profile's empty value):
   * Patient's Name (0010,0010) and Patient ID (0010,0020).
   */
  readonly replacements?: { readonly PatientName?: string; readonly PatientID?: string };
  /**
   * Days added to every date and date-time under `retainLongitudinalModifiedDates` (PS3.15 E.3.6);
   * ignored otherwise. Default: a shift derived from `secret` and the original Patient ID (one
   * consistent shift per patient).
   */
  readonly dateShiftDays?: number;
  /**
   * Regions to blank for the Clean Pixel Data Option (PS3.15 E.3.1). Objects whose pixels may
   * show identity (Burned In Annotation YES; US, XA; Secondary Capture not marked NO) are refused
   * without regions; with regions those pixels are set to black in every frame.
   */
  readonly pixelMaskRegions?: readonly PixelRegion[];
}

/** An action of PS3.15 Table E.1-1 as applied (combined codes resolved): D, Z, X, K, C, U. */
export type AppliedDeidAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** What the engine did to one object. */
export interface DeidentifyReport {
  /** Elements per applied action, nested and private elements included (unlisted elements count as K). */
  readonly counts: Readonly<Record<AppliedDeidAction, number>>;
  /** The first non-K actions applied: tag path (e.g. `(0008,1140)[0]/(0008,1155)`) and action. */
  readonly actions: readonly { readonly path: string; readonly action: AppliedDeidAction }[];
  /** Number of distinct UIDs replaced (action U). */
  readonly uidsReplaced: number;
  /** Days added to dates (0 unless `retainLongitudinalModifiedDates`). */
  readonly dateShiftDays: number;
  /** Remarks, e.g. an option selected that could not be applied. */
  readonly notes: readonly string[];
}

/**
 * The outcome of {@link Deriver.deidentify}: the de-identified object as stored, or the reason the
 * engine refused the object (nothing was stored). A refusal is an outcome, not an exception, so
 * an app can go on with the other instances and must report it.
 */
export type DeidentifyOutcome =
  | { readonly status: 'written'; readonly ref: DerivedObjectRef; readonly report: DeidentifyReport }
  | {
      readonly status: 'refused';
      readonly sopInstanceUID: string;
      /**
       * `ATRIUM_ERR_DEID_BURNED_IN` (pixels may show identity, no mask given),
       * `ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED` (pixels that cannot be blanked),
       * `ATRIUM_ERR_DEID_IDENTITY` / `ATRIUM_ERR_DEID_MALFORMED` (no usable identity UIDs; damaged),
       * or another `ATRIUM_ERR_DEID_*` code of the engine.
       */
      readonly code: string;
      readonly reason: string;
    };
