import { QueryRetrieveSopClass, VerificationSOPClass, lookupKeyword, sopClassName, tagToString, transferSyntaxName } from '@atrium/sdk';
import { QUERY_KEYS } from '../db/query-keys.js';
import { ERRORS } from '../errors/codes.js';
import { FindStatus, GetStatus, MoveStatus, StoreStatus, type DimseStatus } from '../errors/dimse-statuses.js';
import { implementationClassUid, IMPLEMENTATION_VERSION_NAME } from '../io/implementation.js';
import type { NetworkConfig } from './config/index.js';
import { statusRows, table } from './conformance-tables.js';
import { mppsSection, printSection, storageCommitmentSection } from './network-conformance-normalized.js';
import { describeCallerPolicy } from './scp/caller-policy.js';
import { GET_SYNTAX_GROUPS, MAX_CONTEXTS } from './scu/get-contexts.js';
import { MIN_PEER_MAX_PDU_LENGTH } from './ul/pdu.js';
import { PREFERRED_SYNTAXES, STORAGE_SYNTAXES, UNCOMPRESSED_SYNTAXES, storageSopClasses } from './syntaxes.js';
import { VERIFICATION_CONTEXT } from './scu/echo-scu.js';
import { STEP_KEYS, TOP_KEYS, WORKLIST_CONTEXT } from './scu/worklist-scu.js';

const uidRows = (uids: readonly string[], name: (uid: string) => string | undefined): string[][] => uids.map((uid) => [name(uid) ?? uid, uid]);
/** The error codes the error list maps to `status`, for the "when" of a refusal. */
const codesOf = (status: DimseStatus): string => {
  const codes = Object.entries(ERRORS).filter(([, spec]) => spec.dimse === status).map(([code]) => code);
  return codes.length === 0 ? '' : ` (${codes.join(', ')})`;
};
const ms = (v: number): string => (v === 0 ? 'none' : v % 1000 === 0 ? `${v / 1000} s` : `${v} ms`);

/** Matching of a query key as PS3.4 §C.2.2.2 names it (the engine's kinds, see match-condition.ts). */
function matching(keyword: string): string {
  const k = QUERY_KEYS[keyword]!;
  if (k.returnOnly) return 'returned only (universal)';
  if (k.vr === 'UI') return 'single value, UID list, wildcard (Canon GCA-9300R Table 4-26), universal';
  if (k.vr === 'DA' || k.vr === 'TM' || k.vr === 'DT') return 'single value, range, wildcard (Canon GCA-9300R Table 4-26), universal';
  if (k.vr === 'PN') return 'single value, wildcard (case-insensitive), universal';
  return 'single value, wildcard, universal';
}

/**
 * The networking part of the DICOM Conformance Statement (PS3.2 Annex A, the layout of the
 * vendor conformance statements Atrium follows) as Markdown, generated from what the code
 * negotiates and answers: the SOP classes and transfer syntaxes of the services, the query
 * keys of the index, the statuses (the per-service tables and the error list), and the
 * configured association parameters — so it cannot drift from the implementation.
 */
export function networkConformanceStatement(config: NetworkConfig): string {
  return [
    '# Atrium — DICOM Conformance Statement: networking',
    '',
    '## Implementation',
    '',
    table(['Implementation Class UID', 'Implementation Version Name'], [[implementationClassUid(config.uidRoot), IMPLEMENTATION_VERSION_NAME]]),
    '',
    ...associationSection(config),
    ...verificationSection(),
    ...storageSection(),
    ...queryRetrieveScpSection(config),
    ...queryRetrieveScuSection(),
    ...worklistScuSection(),
    ...storageCommitmentSection(config),
    ...mppsSection(config),
    ...printSection(config),
  ].join('\n');
}

/** The AE, its association parameters (settings) and the acceptance policy. */
function associationSection(config: NetworkConfig): string[] {
  return [
    '## Application Entity and association parameters',
    '',
    table(['Parameter', 'Value', 'Setting (`atrium config set`)'], [
      ['AE title', config.aeTitle, 'aeTitle'],
      ['Listening port / address', `${config.port} / ${config.bindAddress}`, 'port, bindAddress'],
      ['Maximum PDU received', config.maxPduLength === 0 ? 'unlimited' : config.maxPduLength, 'maxPduLength'],
      ['Maximum PDU sent', `min(${config.maxPduSendLength}, the peer's maximum)`, 'maxPduSendLength'],
      ['Simultaneous associations accepted', config.maxAssociations, 'maxAssociations'],
      ['ARTIM (association request, release)', ms(config.associationTimeoutMs), 'associationTimeoutMs'],
      ['DIMSE timeout (SCU)', ms(config.dimseTimeoutMs), 'dimseTimeoutMs'],
      ['Idle association (SCP)', ms(config.idleTimeoutMs), 'idleTimeoutMs'],
      ['TCP connect timeout', ms(config.connectTimeoutMs), 'connectTimeoutMs'],
      ['C-FIND SCP matches', config.findLimit === 0 ? 'unlimited' : config.findLimit, 'findLimit'],
      ['C-FIND SCP past the limit', config.findLimitAnswer === 'success' ? 'the first matches, then Success (Canon GCA-9300R)' : 'the first matches, then A700', 'findLimitAnswer'],
      ['C-FIND SCU results before C-CANCEL', config.findScuLimit === 0 ? 'unlimited' : config.findScuLimit, 'findScuLimit'],
      ['Storage SCU job retries', config.storeRetries, 'storeRetries'],
      ['Move / get SCU job retries, delay', `${config.moveRetries}, ${ms(config.moveRetryDelayMs)}`, 'moveRetries, moveRetryDelayMs'],
      ['C-MOVE SCP: retry rounds of failed sub-operations, delay', `${config.moveScpRetries}, ${ms(config.moveScpRetryDelayMs)}`, 'moveScpRetries, moveScpRetryDelayMs'],
      ['C-FIND SCP: relational queries', config.relationalQueries ? 'agreed when asked for' : 'declined (answered 0) when asked for', 'relationalQueries'],
      ['C-STORE answered after fsync', config.syncStorageArea ? 'yes' : 'no (after the write to the OS)', 'syncStorageArea'],
      ['Calling AE titles / hosts not in the AE table', `${config.acceptUnknownCallingAe ? 'accepted' : 'rejected'} / ${config.acceptUnknownHosts ? 'accepted' : 'rejected'}`, 'acceptUnknownCallingAe, acceptUnknownHosts'],
      ['C-FIND / C-MOVE / C-GET from callers not registered at their host', config.acceptUnknownQueryRetrieve ? 'served' : 'refused', 'acceptUnknownQueryRetrieve'],
    ]),
    '',
    'One operation at a time per association (no asynchronous operations window); SOP Class Extended Negotiation for C-FIND relational queries only (byte 1, PS3.4 §C.5.1.1), other sub-items and user identity negotiation ignored; no TLS. TCP Nagle is off on every socket.',
    '',
    '### Association acceptance policy',
    '',
    'A caller is an AE title at a host: an AE table entry with role "call" (`atrium ae add <title> --host <address> --port <n> --roles call`) is a known peer when it calls from its own host. The three settings combine as follows; in force now:',
    '',
    ...describeCallerPolicy(config).map((line) => `- ${line}`),
    '',
    table(['Condition', 'Answer (A-ASSOCIATE-RJ result / source / reason, or presentation context result)'], [
      ['Application context other than DICOM', 'rejected-permanent / service-user / application-context-name-not-supported'],
      ['Blank calling AE title', 'rejected-permanent / service-user / calling-AE-title-not-recognized'],
      [`No presentation context; a context ID even, 0 or proposed twice; a Maximum Length of 1 to ${MIN_PEER_MAX_PDU_LENGTH - 1} (no P-DATA-TF worth sending fits)`, 'rejected-permanent / service-provider (ACSE) / no-reason-given'],
      ['Protocol version without bit 0', 'rejected-permanent / service-provider (ACSE) / protocol-version-not-supported'],
      ['Called AE title is not ours', 'rejected-permanent / service-user / called-AE-title-not-recognized'],
      [`Calling AE title not in the AE table with role "call" (only when acceptUnknownCallingAe is false; now ${config.acceptUnknownCallingAe})`, 'rejected-permanent / service-user / calling-AE-title-not-recognized'],
      [`Calling AE title registered for another host (only when acceptUnknownHosts is false; now ${config.acceptUnknownHosts})`, 'rejected-permanent / service-user / calling-AE-title-not-recognized'],
      [`Unregistered calling AE title from an address that is no registered caller's host (only when acceptUnknownHosts is false)`, 'rejected-permanent / service-user / no-reason-given'],
      [`C-FIND / C-MOVE / C-GET context from a caller that is not a registered AE at its host (unless acceptUnknownQueryRetrieve; now ${config.acceptUnknownQueryRetrieve})`, 'context: user-rejection; when nothing else usable was proposed (only storage contexts it takes the SCP role on, as for C-GET), rejected-permanent / service-user / calling-AE-title-not-recognized'],
      [`${config.maxAssociations} associations already open`, 'rejected-transient / service-provider (presentation) / local-limit-exceeded'],
    ]),
    '',
    `A malformed PDU (unknown type, a length over the maximum, an item that does not fit, a P-DATA for a context not accepted) is answered with A-ABORT (service provider, PS3.8 reason) and closes that association only. A PDU must be complete within the idle timeout (${ms(config.idleTimeoutMs)}) of its first byte, however slowly its bytes come; past it the association is aborted. As requestor, an A-ASSOCIATE-AC with a Maximum Length of 1 to ${MIN_PEER_MAX_PDU_LENGTH - 1} is answered A-ABORT (invalid-PDU-parameter-value).`,
    '',
  ];
}

/** Verification, as SCU and SCP. */
function verificationSection(): string[] {
  return [
    '## Verification SOP Class (SCU and SCP)',
    '',
    table(['SOP Class', 'UID', 'Transfer syntaxes'], [[sopClassName(VerificationSOPClass) ?? 'Verification', VerificationSOPClass, UNCOMPRESSED_SYNTAXES.map((t) => transferSyntaxName(t)).join(', ')]]),
    '',
    `ECHO-SCU (\`atrium echo\`, and the C-ECHO before \`atrium send\`) proposes ${VERIFICATION_CONTEXT.transferSyntaxes.map((t) => transferSyntaxName(t) ?? t).join(', then ')} (Canon GCA-9300R §4.2.2.3.1.4.3: Explicit VR Little Endian always first).`,
    '',
  ];
}

/** Storage SCP and SCU. */
function storageSection(): string[] {
  return [
    '## Storage SCP',
    '',
    `Level 2 (Full): every data set is stored byte for byte as received (File Meta generated: the request's SOP Class/Instance, the context's transfer syntax, the calling AE as Source Application Entity Title); no element is coerced or discarded. Each presentation context is accepted with JPEG Lossless when it offers it (${PREFERRED_SYNTAXES.map((t) => transferSyntaxName(t) ?? t).join(', ')}: Canon GCA-9300R §4.2.8.4.1.3.3), else with the first transfer syntax the requestor lists that is also in the list below (the requestor's preference); duplicate contexts are accepted alike. The retired JPEG syntaxes 1.2.840.10008.1.2.4.53 and .55 are accepted and stored as received; their pixels are not decoded (no rendering, no conversion for sending in another syntax).`,
    '',
    table(['Storage SOP Class', 'UID'], uidRows(storageSopClasses(), sopClassName)),
    '',
    table(['Transfer Syntax', 'UID'], uidRows(STORAGE_SYNTAXES, transferSyntaxName)),
    '',
    table(['Service', 'Status', 'Code', 'When'], statusRows([
      ['C-STORE', StoreStatus.Success, 'stored (or replaced: same SOP Instance UID in the same series)'],
      ['C-STORE', StoreStatus.DataSetDoesNotMatchSopClassWarning, 'stored, with validation warnings recorded (receive validation safety: e.g. a missing Type 1 attribute not needed to identify or display the object); the first in Error Comment'],
      ['C-STORE', StoreStatus.OutOfResources, `less than 64 MiB of disk would remain free (store setting minFreeBytes), the object is larger than maxObjectBytes (default 32 GiB), or it passes a parse limit (nesting, elements, items); nothing is written, the sender keeps the object${codesOf(StoreStatus.OutOfResources)}`],
      ['C-STORE', StoreStatus.DataSetDoesNotMatchSopClass, `identity UIDs that are missing, empty, multi-valued, not UI or malformed; a pixel description or geometry that cannot be used; under receive validation strict, any missing or invalid Type 1 attribute; the data set's SOP Class / Instance UID differs from the request, or the request's Affected SOP Class / Instance UID is empty or not a valid UID; reason in Error Comment; bytes kept in quarantine${codesOf(StoreStatus.DataSetDoesNotMatchSopClass)}`],
      ['C-STORE', StoreStatus.CannotUnderstand, `unreadable data set, or a Series Instance UID held by another study; reason in Error Comment; bytes kept in quarantine${codesOf(StoreStatus.CannotUnderstand)}`],
    ])),
    '',
    '## Storage SCU (`atrium send`, C-MOVE and C-GET sub-operations)',
    '',
    'Proposes, per SOP class, a context with the stored transfer syntax and, for anything stored otherwise than Explicit VR Little Endian, one more with Explicit and Implicit VR Little Endian. An instance is sent byte for byte when its stored syntax is accepted, else converted (decompression; lossless compression only when verified); odd-length values are padded to even length. `atrium send` performs C-ECHO first (TigerView: C-ECHO before C-STORE; per AE, `atrium ae add ... --verify-before-send off` leaves it out; a failed echo fails the job, nothing sent), then every C-STORE on one association; a failure status (A7xx, Cxxx) aborts the association and retries the job, A9xx and B007 fail it. Every C-STORE answered (send jobs, C-MOVE and C-GET sub-operations) is recorded in the send log: SOP Instance UID, destination AE, time, success / warning / failure and the status. An app re-run that removes outputs the log says were sent stores a rejection note for the user to send (IHE IOCM Rejected Instances: a Key Object Selection Document, title (113001, DCM, "Rejected for Quality Reasons"), naming every removed object); nothing is sent automatically.',
    '',
  ];
}

/** Query/Retrieve SCP: SOP classes, keys, statuses. */
function queryRetrieveScpSection(config: NetworkConfig): string[] {
  const levels = ['PATIENT', 'STUDY', 'SERIES', 'IMAGE'] as const;
  return [
    '## Query/Retrieve SCP',
    '',
    table(['SOP Class', 'UID', 'Transfer syntaxes'], uidRows(Object.values(QueryRetrieveSopClass), sopClassName).map(([n, u]) => [n!, u!, UNCOMPRESSED_SYNTAXES.map((t) => transferSyntaxName(t)).join(', ')])),
    '',
    `Queries at every level of both models (Study Root has no PATIENT level). Relational queries (Shimadzu DAR-9500f) are ${config.relationalQueries ? 'agreed' : 'declined'} when a caller asks for them (setting relationalQueries); an Identifier without the unique keys of the levels above, or that matches on keys of those levels, is answered the same way on a hierarchical association. Relational retrieval is not supported. Keys the index holds, per level, among them the series-level Station Name and Performing Physician's Name (DAR-9500f Table 4); wildcards apply to dates and UIDs too (Canon GCA-9300R Table 4-26). Any other requested key is returned empty and the responses are Pending FF01:`,
    '',
    table(['Level', 'Attribute', 'Tag', 'Matching'], levels.flatMap((level) => Object.entries(QUERY_KEYS).filter(([, k]) => k.level === level).map(([keyword]) => {
      const tag = lookupKeyword(keyword)?.tag;
      return [level, keyword, tag === undefined ? '-' : tagToString(tag), matching(keyword)];
    }))),
    '',
    table(['Service', 'Status', 'Code', 'When'], statusRows([
      ['C-FIND', FindStatus.Pending, 'a match; every requested key supported'],
      ['C-FIND', FindStatus.PendingWarning, 'a match; a requested key is not supported'],
      ['C-FIND', FindStatus.OutOfResources, config.findLimitAnswer === 'success' ? 'never (findLimitAnswer success: the first matches, then Success)' : `more than ${config.findLimit === 0 ? 'the limit of' : config.findLimit} matches (after that many Pending responses)`],
      ['C-FIND / C-MOVE / C-GET', FindStatus.IdentifierDoesNotMatchSopClass, `no or unknown Query/Retrieve Level, a bad range or UID list, a retrieve without the level's unique key${codesOf(FindStatus.IdentifierDoesNotMatchSopClass)}`],
      ['C-FIND / C-MOVE / C-GET', FindStatus.Cancel, 'after C-CANCEL'],
      ['C-MOVE / C-GET', MoveStatus.Pending, 'after each sub-operation, with remaining / completed / failed / warning counts'],
      ['C-MOVE', MoveStatus.MoveDestinationUnknown, 'destination not in the AE table with role "store"'],
      ['C-MOVE / C-GET', GetStatus.OutOfResourcesSubOperations, `no sub-operation succeeded (Failed SOP Instance UID List in the identifier); for C-MOVE only after the failed ones were retried ${config.moveScpRetries} times on a new association, ${ms(config.moveScpRetryDelayMs)} apart (moveScpRetries: Canon GCA-9300R §4.2.6.4.1.3.5)`],
      ['C-MOVE / C-GET', GetStatus.SubOperationsWarning, 'some sub-operations failed or warned'],
      ['C-MOVE / C-GET', GetStatus.Success, 'every sub-operation succeeded'],
    ])),
    '',
  ];
}

/** Query/Retrieve SCU. */
function queryRetrieveScuSection(): string[] {
  return [
    '## Query/Retrieve SCU (`atrium find`, `atrium move`, `atrium get`)',
    '',
    'Proposes the Study Root (or Patient Root) C-FIND / C-MOVE / C-GET SOP class with Implicit then Explicit VR Little Endian. `atrium find` proposes Study Root and Patient Root C-FIND (Patient Root only at PATIENT level or with --model), each asking for relational queries, and queries relational Study Root, else relational Patient Root, else hierarchically (the Shimadzu DAR-9500f order; the query is sent as given, `queried` in the result says which). C-FIND sends C-CANCEL on reaching the configured number of results while the query is outstanding (never after its final response). A retrieve by UID first finds its level with C-FIND (study, series, instance) to send a hierarchical identifier. C-MOVE names our own AE as destination unless told otherwise. A C-MOVE that ends with A701, A702, A801, A900, Cxxx, FE00 we did not ask for, or B000 with failed sub-operations is retried (the job runs again after moveRetryDelayMs, at most moveRetries times: Canon GCA-9300R Table 4-35); a C-GET only after A7xx. A final response is read whatever extra elements its command set carries (a Failed SOP Instance UID List (0008,0058) there is used).',
    '',
    `C-GET first asks the peer which SOP classes the retrieve will meet: SOP Classes in Study (0008,0062) at study level, else the SOP Class UIDs of an image-level C-FIND (every storage SOP class when the peer tells neither). It proposes each class with the SCP role in ${GET_SYNTAX_GROUPS.length} presentation contexts, one per transfer syntax of the storage SCP table above (uncompressed first), so that each instance comes in the syntax the peer holds it in, over as many associations as ${MAX_CONTEXTS} contexts each require; over several, each asks for the instances of its classes (IMAGE level, SOP Instance UID lists, from an image-level C-FIND). When sub-operations failed, the instances that did not come (from an image-level C-FIND) are asked for again at IMAGE level, one syntax at a time, for a peer that sends on the first context it accepted for a class. The result counts instances: completed (stored), failed (refused by our store, or never sent) with their UIDs.`,
    '',
  ];
}

/** Modality Worklist SCU (Shimadzu DAR-9500f conformance statement §3.1.2.5, Tables 8 and 9). */
function worklistScuSection(): string[] {
  const step = STEP_KEYS.map((k) => `>${k}`);
  return [
    '## Modality Worklist SCU (`atrium worklist`)',
    '',
    table(['SOP Class', 'UID', 'Transfer syntaxes proposed', 'Role'], [[sopClassName(WORKLIST_CONTEXT.abstractSyntax) ?? '', WORKLIST_CONTEXT.abstractSyntax, WORKLIST_CONTEXT.transferSyntaxes.map((uid) => transferSyntaxName(uid) ?? uid).join(', '), 'SCU']]),
    '',
    `Keys sent (matching where the user gives a value: \`--date\` (today, a date or a range), \`--modality\`, \`--station\`, \`--physician\`, \`--name\`, \`--patient-id\`, \`--accession\`, \`--procedure-id\`; else universal, returned): ${[...TOP_KEYS, 'ScheduledProcedureStepSequence', ...step].join(', ')}. Values that are not ASCII are sent in ISO_IR 192; answers are decoded in their Specific Character Set. The query stops with C-CANCEL at the configured C-FIND limit (\`--limit\`).`,
    '',
  ];
}
