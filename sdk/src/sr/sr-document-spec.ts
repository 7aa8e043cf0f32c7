import type { CodedConcept, PrivateCodingScheme } from './coded-concept.js';
import type { SrContainer, SrObjectReference } from './sr-content-item.js';
import type { SrIod } from './sr-relationship-constraints.js';

/** A person who verified the document (Verifying Observer Sequence item, PS3.3 C.17.2). */
export interface SrVerifyingObserver {
  /** Verifying Observer Name (PN). */
  readonly name: string;
  /** Verifying Organization (LO). */
  readonly organization: string;
  /** Verification DateTime (DT, e.g. `20240305143000`). */
  readonly dateTime: string;
  /** Verifying Observer Identification Code Sequence item (Type 2: written empty without it). */
  readonly code?: CodedConcept;
}

/** Verification Flag (0040,A493): UNVERIFIED, or VERIFIED by one or more observers (PS3.3 C.17.2.1). */
export type SrVerification =
  | { readonly flag: 'UNVERIFIED' }
  | { readonly flag: 'VERIFIED'; readonly observers: readonly SrVerifyingObserver[] };

/** What {@link buildSrDocument} writes: the SR Document General attributes the app decides and the content tree. */
export interface SrDocumentSpec {
  /** `comprehensive-sr` or `enhanced-sr`: the IOD whose relationship constraints apply (the output's IOD). */
  readonly iod: SrIod;
  /** The root CONTAINER: its concept is the document title (PS3.3 C.17.3). */
  readonly root: SrContainer;
  /** Completion Flag (0040,A491): PARTIAL or COMPLETE. */
  readonly completion: 'PARTIAL' | 'COMPLETE';
  /** Completion Flag Description (0040,A492), LO. */
  readonly completionDescription?: string;
  /** Default UNVERIFIED. */
  readonly verification?: SrVerification;
  /** Coding schemes to declare in Coding Scheme Identification Sequence: every private (`99…`) or non-standard designator a code uses. */
  readonly codingSchemes?: readonly PrivateCodingScheme[];
  /** Objects for Current Requested Procedure Evidence Sequence, listed first, besides those the IMAGE and COMPOSITE items reference. */
  readonly evidence?: readonly SrObjectReference[];
  /**
   * Documents this one replaces (Predecessor Documents Sequence (0040,A360), PS3.3 C.17.2.3):
   * e.g. the SR of an earlier run of the app that this run supersedes (`ctx.superseded`).
   */
  readonly predecessors?: readonly SrObjectReference[];
}
