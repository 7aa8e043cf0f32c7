import { SOP_CLASS_NAMES, SopClass, TRANSFER_SYNTAX_NAMES, TransferSyntax } from './uids.generated.js';

/** What the standard says about a UID. */
export interface UidInfo {
  readonly uid: string;
  /** Name as PS3.6 Table A-1 writes it; retired UIDs end with " (Retired)". */
  readonly name: string;
  readonly retired: boolean;
}

let sopClasses: Map<string, UidInfo> | undefined;
let transferSyntaxes: Map<string, UidInfo> | undefined;

function index(rows: readonly (readonly [string, string, boolean])[]): Map<string, UidInfo> {
  return new Map(rows.map(([uid, name, retired]) => [uid, { uid, name, retired }]));
}

/** The Verification SOP class UID, '1.2.840.10008.1.1' (C-ECHO). */
export const VerificationSOPClass = SopClass.Verification;

/** The Query/Retrieve SOP classes of the Patient Root and Study Root information models. */
export const QueryRetrieveSopClass = {
  PatientRootFind: SopClass.PatientRootQueryRetrieveInformationModelFind,
  PatientRootMove: SopClass.PatientRootQueryRetrieveInformationModelMove,
  PatientRootGet: SopClass.PatientRootQueryRetrieveInformationModelGet,
  StudyRootFind: SopClass.StudyRootQueryRetrieveInformationModelFind,
  StudyRootMove: SopClass.StudyRootQueryRetrieveInformationModelMove,
  StudyRootGet: SopClass.StudyRootQueryRetrieveInformationModelGet,
} as const;

/** Name, retired flag of a SOP class UID (storage, service or meta SOP class), or undefined if unknown. */
export function sopClassInfo(uid: string): UidInfo | undefined {
  sopClasses ??= index(SOP_CLASS_NAMES);
  return sopClasses.get(uid);
}

/** Name of a SOP class UID, e.g. '1.2.840.10008.5.1.4.1.1.2' → 'CT Image Storage'; undefined if unknown. */
export function sopClassName(uid: string): string | undefined {
  return sopClassInfo(uid)?.name;
}

/** Name, retired flag of a transfer syntax UID, or undefined if unknown. */
export function transferSyntaxInfo(uid: string): UidInfo | undefined {
  transferSyntaxes ??= index(TRANSFER_SYNTAX_NAMES);
  return transferSyntaxes.get(uid);
}

/** Name of a transfer syntax UID, e.g. '1.2.840.10008.1.2.1' → 'Explicit VR Little Endian'; undefined if unknown. */
export function transferSyntaxName(uid: string): string | undefined {
  return transferSyntaxInfo(uid)?.name;
}

export { SopClass, TransferSyntax };
