/**
 * DIMSE status codes used by the C-services (PS3.7 Annex C; PS3.4 Tables B.2-1, C.4-1,
 * C.4-2, C.4-3; seed 001 Table 4-52).
 */
export const Status = {
  Success: 0x0000,
  /** C-STORE: Refused — out of resources (disk nearly full, limit reached). */
  OutOfResources: 0xa700,
  /** C-FIND: Refused — out of resources. */
  FindOutOfResources: 0xa700,
  /** C-MOVE: Refused — out of resources, unable to calculate number of matches. */
  MoveOutOfResourcesMatches: 0xa701,
  /** C-MOVE/C-GET: Refused — out of resources, unable to perform sub-operations. */
  OutOfResourcesSubOperations: 0xa702,
  /** C-MOVE: Refused — move destination unknown. */
  MoveDestinationUnknown: 0xa801,
  /** Error — data set does not match SOP class. */
  DataSetDoesNotMatchSopClass: 0xa900,
  /** Failed — identifier does not match SOP class (C-FIND/C-MOVE/C-GET). */
  IdentifierDoesNotMatchSopClass: 0xa900,
  /** Error — cannot understand. */
  CannotUnderstand: 0xc000,
  /** Unable to process (C-FIND/MOVE/GET failure). */
  UnableToProcess: 0xc000,
  /** Cancel (C-FIND/MOVE/GET). */
  Cancel: 0xfe00,
  /** Pending: matches continue; optional keys all supported. */
  Pending: 0xff00,
  /** Pending: matches continue; one or more optional keys were not supported. */
  PendingWarning: 0xff01,
  /** Warning: coercion of data elements (C-STORE). */
  CoercionOfDataElements: 0xb000,
  /** Warning: sub-operations complete, one or more failures (C-MOVE/C-GET). */
  SubOperationsWarning: 0xb000,
  /** Warning: elements discarded (C-STORE). */
  ElementsDiscarded: 0xb006,
  /** Warning: data set does not match SOP class (C-STORE). */
  DataSetDoesNotMatchSopClassWarning: 0xb007,
  /** SOP class not supported. */
  SopClassNotSupported: 0x0122,
  /** Processing failure. */
  ProcessingFailure: 0x0110,
  /** Duplicate invocation. */
  DuplicateInvocation: 0x0210,
  /** Unrecognized operation. */
  UnrecognizedOperation: 0x0211,
} as const;

/** Pending statuses (FF00, FF01). */
export const isPending = (status: number): boolean => status === 0xff00 || status === 0xff01;

/** Success / warning / failure / cancel / pending, as PS3.7 Annex C classifies a status. */
export function statusCategory(status: number): 'success' | 'warning' | 'failure' | 'cancel' | 'pending' {
  if (status === 0) return 'success';
  if (isPending(status)) return 'pending';
  if (status === 0xfe00) return 'cancel';
  if (status === 0x0001 || (status & 0xf000) === 0xb000 || status === 0x0107 || status === 0x0116) return 'warning';
  return 'failure';
}

/** `0xa700` → `A700`. */
export const hexStatus = (status: number): string => status.toString(16).toUpperCase().padStart(4, '0');
