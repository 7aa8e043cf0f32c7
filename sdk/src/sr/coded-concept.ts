/**
 * A coded concept (PS3.3 §8.8, Code Sequence Macro, Table 8.8-1): Code Value, Coding Scheme
 * Designator, Code Meaning, and the scheme version when the scheme needs one. Standard
 * designators (PS3.16 Table 8-1): `DCM` (PS3.16 Annex D), `SCT` (SNOMED CT), `LN` (LOINC), `UCUM`
 * (units). A private scheme's designator begins with `99` (PS3.3 §8.2) and is declared in the
 * document's Coding Scheme Identification Sequence (see {@link PrivateCodingScheme}).
 */
export interface CodedConcept {
  /** Code Value; over 16 characters it is written as Long Code Value (0008,0119), a URN or URL as URN Code Value (0008,0120). */
  readonly value: string;
  /** Coding Scheme Designator (0008,0102), at most 16 characters. */
  readonly scheme: string;
  /** Code Meaning (0008,0104), at most 64 characters. */
  readonly meaning: string;
  /** Coding Scheme Version (0008,0103), when the designator alone does not identify the scheme. */
  readonly schemeVersion?: string;
}

/**
 * A coding scheme a document declares in Coding Scheme Identification Sequence (0008,0110)
 * (PS3.3 C.12.1.1.7): every private scheme (`99…`) and any non-standard one a code uses.
 */
export interface PrivateCodingScheme {
  /** Coding Scheme Designator, e.g. `99ATRIUM`. */
  readonly designator: string;
  /** Coding Scheme Name (0008,0115). */
  readonly name: string;
  /** Coding Scheme Responsible Organization (0008,0116). */
  readonly responsibleOrganization?: string;
  /** Coding Scheme UID (0008,010C), when the scheme has one. */
  readonly uid?: string;
  /** Coding Scheme Version (0008,0103). */
  readonly version?: string;
}
