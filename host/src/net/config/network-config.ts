/**
 * The DICOM network settings of the workstation. Timeouts and limits follow the Canon
 * GCA-9300R conformance statement, Table 4-74 and §4.2 (500 C-FIND responses, 100 before an
 * SCU C-CANCEL, 5 store retries, 3 move retries a minute apart); the acceptance switches
 * follow its §4.2.8.4 (storage from all callers by default) and §4.2.4.4 (queries from
 * configured callers only), and the Shimadzu SCORE 3D conformance statement §3.3
 * (optionally only registered AEs).
 * Read it with `loadNetworkConfig`; change it with `setNetworkSetting` / `atrium config set`.
 */
export interface NetworkConfig {
  /** Local AE title: 1–16 characters of the default repertoire, no backslash, not all spaces. */
  aeTitle: string;
  /** TCP port the SCP listens on (1–65535). */
  port: number;
  /** Address the SCP binds (an IPv4/IPv6 literal or `localhost`). */
  bindAddress: string;
  /**
   * Largest P-DATA-TF PDU we accept, announced in the Maximum Length sub-item (PS3.8 §D.1):
   * 0 = unlimited, else 4096..4294967295 (the 32-bit field).
   */
  maxPduLength: number;
  /**
   * Largest PDU we send even when the peer accepts more (or announces 0 = unlimited);
   * 4096..4294967295, default 65536 (Canon GCA-9300R conformance statement, Table 4-74 "Maximum PDU size the AE can send").
   * The PDUs sent are min(this, the peer's maximum).
   */
  maxPduSendLength: number;
  /** ARTIM: wait for A-ASSOCIATE-RQ / -AC / release response, in ms. */
  associationTimeoutMs: number;
  /** Wait for a DIMSE message or response, in ms; 0 = no limit. */
  dimseTimeoutMs: number;
  /** TCP connect of an SCU, in ms. */
  connectTimeoutMs: number;
  /** An association with no PDU for this long is aborted, in ms. */
  idleTimeoutMs: number;
  /** Simultaneous associations accepted; over it: A-ASSOCIATE-RJ rejected-transient. */
  maxAssociations: number;
  /** Accept calling AE titles that are not in the remote AE table with role `call`. */
  acceptUnknownCallingAe: boolean;
  /**
   * Accept connections from addresses that are not the host of a remote AE with role `call`;
   * false also accepts a registered calling AE title only from its own host.
   */
  acceptUnknownHosts: boolean;
  /**
   * Serve C-FIND, C-MOVE and C-GET to callers that are not a remote AE with role `call`
   * calling from its own host (default false: the Canon GCA-9300R conformance statement,
   * §4.2.4.4, accepts queries from configured callers only; storage stays open to all).
   */
  acceptUnknownQueryRetrieve: boolean;
  /**
   * C-STORE SCP: answer Success only once the file and its directory are fsync'd (default
   * true). false: once written to the OS — the store survives a crash of atrium but not
   * a power loss (as Orthanc's `SyncStorageArea`).
   */
  syncStorageArea: boolean;
  /** C-FIND SCP: most responses per query (past it: see {@link findLimitAnswer}); 0 = no limit. */
  findLimit: number;
  /**
   * C-FIND SCP past `findLimit`: `refuse` ends the query with A700 naming the limit (default:
   * the caller learns it did not get everything); `success` sends the first `findLimit`
   * matches and then Success, as the Canon GCA-9300R conformance statement §4.2.4.4.1.3.1 does.
   */
  findLimitAnswer: FindLimitAnswer;
  /**
   * C-FIND SCP: agree to relational queries when a caller asks for them in the association
   * negotiation (Shimadzu DAR-9500f conformance statement). Queries are matched the same way
   * either way: an Identifier without the unique keys of the levels above, or with keys of
   * those levels, is answered on a hierarchical association too.
   */
  relationalQueries: boolean;
  /** C-FIND SCU: send C-CANCEL past this many results; 0 = never. */
  findScuLimit: number;
  /** Store SCU job: retries after the first attempt (a job runs at most 1 + retries times). */
  storeRetries: number;
  /** Move SCU job: retries after the first attempt. */
  moveRetries: number;
  /** Delay between move retries, in ms. */
  moveRetryDelayMs: number;
  /**
   * C-MOVE SCP: rounds of retry of the sub-operations that failed (the association to the
   * destination, or C-STORE failures) before the final response, A702 when none succeeded
   * (Canon GCA-9300R conformance statement §4.2.6.4.1.3.5: failures retried per destination).
   */
  moveScpRetries: number;
  /** C-MOVE SCP: delay before each such round, in ms (a Pending response keeps the caller informed). */
  moveScpRetryDelayMs: number;
  /**
   * Storage Commitment SCU: how long the association that sent the N-ACTION waits for the
   * N-EVENT-REPORT before it is released (a later report reaches `atrium serve`).
   */
  commitmentWaitMs: number;
  /**
   * Storage Commitment SCU: once a report says an instance is committed, delete its local
   * copy (default false). Only committed instances, never failed or pending ones.
   */
  deleteCommitted: boolean;
  /**
   * MPPS SCU for app runs: the AE (title or alias in the AE table) every app run reports to
   * as a performed procedure step — N-CREATE IN PROGRESS at its start, N-SET COMPLETED with
   * the derived series and instances, or DISCONTINUED when it fails; '' = none (default).
   */
  appRunMpps: string;
  /** Print SCU: pixels of the larger side of each image as sent to an image box (DCMTK dcmprscp's Min/Max Print Resolution bound it). */
  printMatrix: number;
  /** Print SCU job: retries after the first attempt (Canon GCA-9300R conformance statement, Print: 5). */
  printRetries: number;
  /**
   * The organisation UID root (the Shimadzu DAR-9500f conformance statement §5.2.2): derived
   * objects' UIDs are made under it, the Implementation Class UID is `<root>.1.<version>`, and
   * the `dar-9500f` de-identification preset replaces SOP Instance UIDs under `<root>.66`.
   * Default `2.25`: UUID-derived UIDs (PS3.5 §B.2) and Atrium's own Implementation Class UID.
   */
  uidRoot: string;
}

/** What the C-FIND SCP answers past its limit (see {@link NetworkConfig.findLimitAnswer}). */
export type FindLimitAnswer = 'refuse' | 'success';
export const FIND_LIMIT_ANSWERS: readonly FindLimitAnswer[] = ['refuse', 'success'];

/** The defaults (Canon GCA-9300R conformance statement, Table 4-74 and §4.2, where they say something). */
export const DEFAULT_NETWORK_CONFIG: Readonly<NetworkConfig> = Object.freeze({
  aeTitle: 'ATRIUM',
  port: 11112,
  bindAddress: '0.0.0.0',
  maxPduLength: 65536,
  maxPduSendLength: 65536,
  associationTimeoutMs: 30_000,
  dimseTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 120_000,
  maxAssociations: 10,
  acceptUnknownCallingAe: true,
  acceptUnknownHosts: true,
  acceptUnknownQueryRetrieve: false,
  syncStorageArea: true,
  findLimit: 500,
  findLimitAnswer: 'refuse',
  relationalQueries: false,
  findScuLimit: 100,
  storeRetries: 5,
  moveRetries: 3,
  moveRetryDelayMs: 60_000,
  moveScpRetries: 2,
  moveScpRetryDelayMs: 1_000,
  commitmentWaitMs: 10_000,
  deleteCommitted: false,
  appRunMpps: '',
  printMatrix: 1024,
  printRetries: 5,
  uidRoot: '2.25',
});
