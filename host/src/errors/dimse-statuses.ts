/**
 * DIMSE statuses per service, as pynetdicom declares them: for each DIMSE service the
 * statuses it may answer, with their category and meaning, and the table of the standard
 * that defines them. Code uses these names, never bare status numbers; the error list maps
 * codes to them (`dimse` in codes.ts) and the network Conformance Statement prints them.
 * Statuses defined as a range (A7xx, A9xx, Cxxx) are given by the value Atrium sends.
 */

/** PS3.7 Annex C: how a status is classified. */
export type DimseStatusCategory = 'success' | 'warning' | 'failure' | 'cancel' | 'pending';

/** One status of one service. */
export interface DimseStatus {
  readonly code: number;
  readonly category: DimseStatusCategory;
  /** The standard's wording. */
  readonly meaning: string;
  /** Where the standard defines it for this service. */
  readonly reference: string;
}

/** The DIMSE services Atrium answers or requests. */
export type DimseService = 'C-ECHO' | 'C-STORE' | 'C-FIND' | 'C-MOVE' | 'C-GET';

const status = (code: number, category: DimseStatusCategory, meaning: string, reference: string): DimseStatus =>
  Object.freeze({ code, category, meaning, reference });

const PS3_7_C = 'PS3.7 Annex C';

/** Statuses every service may answer (PS3.7 Annex C: the general statuses). */
const general = (reference: string) =>
  ({
    Success: status(0x0000, 'success', 'Success', reference),
    SopClassNotSupported: status(0x0122, 'failure', 'Refused: SOP Class not supported', `${PS3_7_C}.5.20`),
    ProcessingFailure: status(0x0110, 'failure', 'Processing failure', `${PS3_7_C}.5.4`),
    DuplicateInvocation: status(0x0210, 'failure', 'Duplicate invocation', `${PS3_7_C}.5.9`),
    UnrecognizedOperation: status(0x0211, 'failure', 'Unrecognized operation', `${PS3_7_C}.5.12`),
    MistypedArgument: status(0x0212, 'failure', 'Mistyped argument', `${PS3_7_C}.5.11`),
  }) as const;

/** The statuses any DIMSE service may answer (PS3.7 Annex C), e.g. to a request no service handles. */
export const GeneralStatus = Object.freeze({
  ...general(PS3_7_C),
});

/** C-ECHO, Verification Service Class (PS3.7 §9.1.5.1.4, PS3.4 Annex A). */
export const EchoStatus = Object.freeze({
  ...general('PS3.7 §9.1.5.1.4'),
});

/** C-STORE, Storage Service Class (PS3.4 Table B.2-1, PS3.7 §9.1.1.1.9). */
export const StoreStatus = Object.freeze({
  ...general('PS3.4 Table B.2-1'),
  OutOfResources: status(0xa700, 'failure', 'Refused: Out of Resources', 'PS3.4 Table B.2-1'),
  DataSetDoesNotMatchSopClass: status(0xa900, 'failure', 'Error: Data Set does not match SOP Class', 'PS3.4 Table B.2-1'),
  CannotUnderstand: status(0xc000, 'failure', 'Error: Cannot understand', 'PS3.4 Table B.2-1'),
  NotAuthorized: status(0x0124, 'failure', 'Refused: Not authorized', `${PS3_7_C}.5.21`),
  CoercionOfDataElements: status(0xb000, 'warning', 'Coercion of Data Elements', 'PS3.4 Table B.2-1'),
  ElementsDiscarded: status(0xb006, 'warning', 'Elements Discarded', 'PS3.4 Table B.2-1'),
  DataSetDoesNotMatchSopClassWarning: status(0xb007, 'warning', 'Data Set does not match SOP Class', 'PS3.4 Table B.2-1'),
});

/** Statuses of the three Query/Retrieve services (PS3.4 Tables C.4-1, C.4-2, C.4-3). */
const queryRetrieve = (table: string) =>
  ({
    ...general(table),
    Pending: status(0xff00, 'pending', 'Pending: matches or sub-operations are continuing', table),
    Cancel: status(0xfe00, 'cancel', 'Cancel: terminated due to Cancel request', table),
    IdentifierDoesNotMatchSopClass: status(0xa900, 'failure', 'Failed: Identifier does not match SOP Class', table),
    UnableToProcess: status(0xc000, 'failure', 'Failed: Unable to process', table),
  }) as const;

/** C-FIND, Query/Retrieve Service Class (PS3.4 Table C.4-1). */
export const FindStatus = Object.freeze({
  ...queryRetrieve('PS3.4 Table C.4-1'),
  PendingWarning: status(0xff01, 'pending', 'Pending: one or more Optional Keys were not supported', 'PS3.4 Table C.4-1'),
  OutOfResources: status(0xa700, 'failure', 'Refused: Out of Resources', 'PS3.4 Table C.4-1'),
});

/** The retrieve statuses common to C-MOVE and C-GET. */
const retrieve = (table: string) =>
  ({
    ...queryRetrieve(table),
    OutOfResourcesMatches: status(0xa701, 'failure', 'Refused: Out of Resources – Unable to calculate number of matches', table),
    OutOfResourcesSubOperations: status(0xa702, 'failure', 'Refused: Out of Resources – Unable to perform sub-operations', table),
    SubOperationsWarning: status(0xb000, 'warning', 'Warning: Sub-operations Complete – One or more Failures or Warnings', table),
  }) as const;

/** C-MOVE, Query/Retrieve Service Class (PS3.4 Table C.4-2). */
export const MoveStatus = Object.freeze({
  ...retrieve('PS3.4 Table C.4-2'),
  MoveDestinationUnknown: status(0xa801, 'failure', 'Refused: Move Destination unknown', 'PS3.4 Table C.4-2'),
});

/** C-GET, Query/Retrieve Service Class (PS3.4 Table C.4-3). */
export const GetStatus = Object.freeze({
  ...retrieve('PS3.4 Table C.4-3'),
});

/** Every service's statuses. */
export const DIMSE_STATUSES: { readonly [S in DimseService]: Readonly<Record<string, DimseStatus>> } = Object.freeze({
  'C-ECHO': EchoStatus,
  'C-STORE': StoreStatus,
  'C-FIND': FindStatus,
  'C-MOVE': MoveStatus,
  'C-GET': GetStatus,
});

/** The service whose table holds `status` (the general statuses: `any`). */
export function dimseServiceOf(status: DimseStatus): DimseService | 'any' {
  if (Object.values(GeneralStatus).includes(status)) return 'any';
  return (Object.keys(DIMSE_STATUSES) as DimseService[]).find((service) => Object.values(DIMSE_STATUSES[service]).includes(status)) ?? 'any';
}

/** The value a response carries when it carries none (a command set without Status (0000,0900)). */
export const NO_STATUS = 0xffff;

/** PS3.7 Annex C warnings outside the Bxxx range: 0001 (optional attributes not supported), 0107 (attribute list error), 0116 (attribute value out of range). */
const WARNING_CODES = new Set([0x0001, 0x0107, 0x0116]);
/** The first hex digit: a status class of PS3.7 Annex C (Bxxx warning, Axxx / Cxxx failure). */
const RANGE_MASK = 0xf000;
const WARNING_RANGE = 0xb000;
const OUT_OF_RESOURCES_RANGE = 0xa700;
const CANNOT_UNDERSTAND_RANGE = 0xc000;

/**
 * The category of any status a peer may answer, by PS3.7 Annex C: 0000 success; FF00, FF01
 * pending; FE00 cancel; 0001, Bxxx, 0107, 0116 warning; everything else failure.
 */
export function statusCategory(code: number): DimseStatusCategory {
  if (code === StoreStatus.Success.code) return 'success';
  if (code === FindStatus.Pending.code || code === FindStatus.PendingWarning.code) return 'pending';
  if (code === FindStatus.Cancel.code) return 'cancel';
  if (WARNING_CODES.has(code) || (code & RANGE_MASK) === WARNING_RANGE) return 'warning';
  return 'failure';
}

/** Whether `code` is in the A7xx range (refused: out of resources) of PS3.4 Table B.2-1 and C.4-x. */
export const isOutOfResources = (code: number): boolean => (code & 0xff00) === OUT_OF_RESOURCES_RANGE;
/** Whether `code` is in the Cxxx range (error: cannot understand / unable to process). */
export const isCannotUnderstand = (code: number): boolean => (code & RANGE_MASK) === CANNOT_UNDERSTAND_RANGE;
/** Whether `code` is a pending status (FF00, FF01). */
export const isPending = (code: number): boolean => statusCategory(code) === 'pending';

/** `0xa700` → `A700`. */
export const hexStatus = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');
