/**
 * Which series an app accepts, as data (not code), checked by the host before a run and
 * shown by `atrium apps`. All given conditions must hold.
 */
export interface SeriesSelector {
  /** Modality (0008,0060) values accepted, e.g. `['CT']`. */
  readonly modality?: readonly string[];
  /** SOP Class UIDs accepted (use `SopClass.*` constants). */
  readonly sopClassUid?: readonly string[];
  /**
   * Attribute predicates: keyword → DICOM matching value (PS3.4 C.2.2.2: single value,
   * `*` / `?` wildcards, ranges `a-b` for DA/TM), checked on every instance, e.g.
   * `{ ImageType: 'ORIGINAL*' }`.
   */
  readonly where?: Readonly<Record<string, string>>;
  /** Minimum number of instances (default 1). */
  readonly minInstances?: number;
}
