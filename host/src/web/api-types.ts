/**
 * The JSON API of `atrium web` (routes under `/api`), as types. This file is the contract
 * between the server (`host/src/web`) and the browser UI (`ui/`): it has no imports and no
 * runtime code, so the UI can import it as is (`import type`). Changes are additive only;
 * `docs/web-api.md` describes the routes, the event stream and authentication.
 *
 * Conventions: DICOM attributes by their standard keyword (`StudyInstanceUID`, `PatientName`
 * in DICOM form `Family^Given`); dates `YYYYMMDD`, times `HHMMSS.frac` as stored; ISO 8601
 * UTC timestamps for the server's own times; ids of jobs are numbers.
 */

// ---------------------------------------------------------------------------------------
// Errors

/**
 * Every non-2xx answer of `/api` (and of `/dicom-web`, except where PS3.18 prescribes a
 * body) has this JSON body. `code` is a stable `ATRIUM_ERR_...` name; `message` says what
 * was wrong and where, for people; `details` carries machine-readable context (the query
 * key, the UID, the parameter ...).
 */
export interface ApiError {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

// ---------------------------------------------------------------------------------------
// GET /api/health

/** `GET /api/health`: the server is up; what it serves. Needs no token on loopback. */
export interface HealthResponse {
  readonly status: 'ok';
  /** Versions of atrium (the host), the SDK and Node. */
  readonly version: { readonly atrium: string; readonly sdk: string; readonly node: string };
  /** The data root served. */
  readonly store: string;
  /** The receive validation in force (`atrium config set validation ...`). */
  readonly validation: 'safety' | 'strict';
  /** Base path of DICOMweb (PS3.18): `/dicom-web`. */
  readonly dicomweb: string;
  /** `none`: bound to loopback; `token`: every request needs the access token. */
  readonly auth: 'none' | 'token';
  /** True when the UI bundle was found; false: `/` serves a placeholder page. */
  readonly ui: boolean;
}

// ---------------------------------------------------------------------------------------
// Browsing: patients, studies, series, instances (the query engine, as C-FIND and `atrium ls`)

/**
 * Query string of the list routes. Matching keys are DICOM keywords with DICOM matching
 * values (PS3.4 §C.2.2.2: `*` and `?` wildcards, `a-b` date ranges, `\`-separated UID
 * lists); an unknown or misspelt key, a key of a lower level or an empty value is refused
 * (400, `ATRIUM_ERR_QUERY_*`). Paging: `limit` (1…1000, default 200) and `offset`.
 * The values are strings, as in a URL: `/api/studies?PatientName=DOE*&StudyDate=20200101-`.
 */
export type ListQuery = Readonly<Record<string, string>> & { readonly limit?: string; readonly offset?: string };

/** A page of a list route. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly offset: number;
  readonly limit: number;
  /** True when more items match after this page (ask again with `offset + items.length`). */
  readonly more: boolean;
}

/** `GET /api/patients?...` items (keys: PatientName, PatientID, PatientBirthDate, PatientSex ...). */
export interface PatientSummary {
  readonly PatientID?: string;
  readonly PatientName?: string;
  readonly PatientBirthDate?: string;
  readonly PatientSex?: string;
  readonly NumberOfPatientRelatedStudies: number;
  readonly NumberOfPatientRelatedSeries: number;
  readonly NumberOfPatientRelatedInstances: number;
}

/**
 * `GET /api/studies?...` items. Search keys: PatientName, PatientID, PatientBirthDate,
 * StudyDate (range), ModalitiesInStudy, AccessionNumber, StudyDescription, StudyID,
 * StudyInstanceUID (list), ReferringPhysicianName, and every other study or patient key of
 * the query engine (`atrium help ls`).
 */
export interface StudySummary {
  readonly StudyInstanceUID: string;
  readonly PatientID?: string;
  readonly PatientName?: string;
  readonly PatientBirthDate?: string;
  readonly PatientSex?: string;
  readonly StudyDate?: string;
  readonly StudyTime?: string;
  readonly StudyID?: string;
  readonly AccessionNumber?: string;
  readonly StudyDescription?: string;
  readonly ReferringPhysicianName?: string;
  /** Backslash-separated, sorted (`CT\SR`). */
  readonly ModalitiesInStudy?: string;
  readonly NumberOfStudyRelatedSeries: number;
  readonly NumberOfStudyRelatedInstances: number;
}

/** A series of a study (`GET /api/studies/:study`, `GET /api/series/:series`). */
export interface SeriesSummary {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly Modality?: string;
  readonly SeriesNumber?: number;
  readonly SeriesDescription?: string;
  readonly SeriesDate?: string;
  readonly SeriesTime?: string;
  readonly BodyPartExamined?: string;
  readonly Manufacturer?: string;
  readonly NumberOfSeriesRelatedInstances: number;
  /** Where the series came from: `app:<plugin>.<app>` for what an app derived, else the receive source of its first instance (`import`, `C-STORE <AE>@<host>`, `STOW-RS`, `upload`). */
  readonly source?: string;
  /** `GET` this for a PNG thumbnail (its middle image, at most 128 px). */
  readonly thumbnailUrl: string;
}

/** `GET /api/studies/:study`: one study with its series (404 `ATRIUM_ERR_WEB_NOT_FOUND` when not stored). */
export interface StudyDetail {
  readonly study: StudySummary;
  readonly series: readonly SeriesSummary[];
}

/** One instance of a series. */
export interface InstanceSummary {
  readonly SOPInstanceUID: string;
  readonly SOPClassUID: string;
  readonly InstanceNumber?: number;
  readonly Rows?: number;
  readonly Columns?: number;
  readonly NumberOfFrames?: number;
  readonly TransferSyntaxUID?: string;
  /** Validation warnings recorded when it was stored (absent: none). */
  readonly warnings?: readonly { readonly code: string; readonly message: string }[];
}

/** `GET /api/series/:series`: one series with its instances in instance-number order. */
export interface SeriesDetail {
  readonly series: SeriesSummary;
  readonly study: StudySummary;
  readonly instances: readonly InstanceSummary[];
}

/** `GET /api/quarantine`: what was refused or set aside, newest first. */
export interface QuarantineItem {
  readonly id: number;
  readonly receivedAt: string;
  /** Stable code of the reason, e.g. `ATRIUM_ERR_VALIDATE_MISSING`. */
  readonly reasonCode: string;
  readonly reason: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** Where the bytes are kept, relative to the store root. */
  readonly path?: string;
  /** Where it came from (`STOW-RS from 127.0.0.1`, `upload: name.dcm`, `import /x/y.dcm`, `C-STORE ...`). */
  readonly source?: string;
}

// ---------------------------------------------------------------------------------------
// Apps

/** One parameter of an app (the SDK's ParameterSpec, as JSON). A parameter without `default` is required. */
export type ParameterSpecJson =
  | { readonly type: 'number' | 'integer'; readonly default?: number; readonly minimum?: number; readonly maximum?: number; readonly unit?: string; readonly description: string }
  | { readonly type: 'string'; readonly default?: string; readonly pattern?: string; readonly json?: 'array' | 'object'; readonly example?: string; readonly description: string }
  | { readonly type: 'boolean'; readonly default?: boolean; readonly description: string }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly default?: string; readonly description: string };

/**
 * `GET /api/apps[?series=<uid>]`: installed apps with their parameter schemas. With
 * `series`, each app says whether it accepts that series (`accepts`) and why not.
 */
export interface AppSummary {
  /** `<pluginId>.<appId>`: what `POST /api/apps/:app/run` takes. */
  readonly id: string;
  readonly pluginId: string;
  readonly pluginVersion: string;
  readonly appId: string;
  readonly title: string;
  readonly description?: string;
  /** Which series it accepts (the manifest's input selector). */
  readonly input: {
    readonly modality?: readonly string[];
    readonly sopClassUid?: readonly string[];
    readonly where?: Readonly<Record<string, string>>;
    readonly minInstances?: number;
  };
  /** name → spec; empty when the plugin cannot be loaded (see `problem`). */
  readonly parameters: Readonly<Record<string, ParameterSpecJson>>;
  /** With `?series=`: true when the app accepts the series (modality, SOP class, count, attributes). */
  readonly accepts?: boolean;
  /** With `?series=` and `accepts: false`: why not, for people. */
  readonly notAccepted?: string;
  /** The plugin could not be loaded (its parameters are unknown): code and message. */
  readonly problem?: { readonly code: string; readonly message: string };
}

/**
 * `POST /api/apps/:app/run` body: run the app on a stored series (or on each series of a
 * stored study) as a job. `params` are validated against the app's schema before the job is
 * made (400 `ATRIUM_ERR_PARAM_UNKNOWN|MISSING|INVALID` with `details.parameter`).
 * Answer: 202 with {@link JobSummary}; follow it with the event stream or `GET /api/jobs/:id`;
 * once completed its `result` is an {@link AppRunResult}.
 */
export interface AppRunRequest {
  readonly seriesInstanceUID?: string;
  readonly studyInstanceUID?: string;
  /** Parameter values (JSON values or strings, as `--param k=v`). The calcium app's `seeds` is a JSON string or an array. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** One object an app wrote. */
export interface WrittenObject {
  /** The app's output name (e.g. `report`, `reduced`). */
  readonly output: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly status: 'stored' | 'replaced';
}

/** The `result` of a completed `app.run` job. */
export interface AppRunResult {
  readonly app: string;
  readonly seriesInstanceUID?: string;
  readonly studyInstanceUID?: string;
  readonly summary: string;
  /** The app's own result data (e.g. calcium scores per artery). */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly written: readonly WrittenObject[];
  /** Objects of earlier runs this run replaced (removed from the store). */
  readonly removed?: readonly { readonly seriesInstanceUID: string; readonly sopInstanceUID: string }[];
  /** Rejection notes (IHE IOCM Key Object Selection) stored because replaced objects had been sent to these AEs. */
  readonly rejectionNotes?: readonly { readonly studyInstanceUID: string; readonly seriesInstanceUID: string; readonly sopInstanceUID: string; readonly rejected: number; readonly sentTo: readonly string[] }[];
  readonly warnings: readonly string[];
  readonly parameters: Readonly<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------
// Jobs (the persistent queue of `atrium jobs`)

export type JobState = 'pending' | 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';

/**
 * Job types started from the API: `app.run`, `net.echo`, `net.send`, `net.find`,
 * `net.move`, `net.get`, `deid.store` (de-identify into the store).
 */
export type JobType = 'app.run' | 'net.echo' | 'net.send' | 'net.find' | 'net.move' | 'net.get' | 'deid.store' | (string & {});

/** A job, as `GET /api/jobs`, `GET /api/jobs/:id` and the event stream give it. */
export interface JobSummary {
  readonly id: number;
  readonly type: JobType;
  /** For people: `calcium-scoring.calcium-scoring on 1.2.3...`. */
  readonly label?: string;
  readonly state: JobState;
  /** 0 … 1. */
  readonly progress: number;
  /** The latest progress message. */
  readonly message?: string;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Once completed: {@link AppRunResult} for `app.run`, {@link SendJobResult}, {@link FindJobResult}, {@link RetrieveJobResult}, {@link DeidJobResult}. */
  readonly result?: unknown;
  /** Once failed (while retrying: the last attempt's failure). */
  readonly error?: { readonly code: string; readonly message: string };
  readonly cancelRequested: boolean;
}

/** `GET /api/jobs?state=running&type=app.run&limit=50`: newest first. */
export interface JobList {
  readonly items: readonly JobSummary[];
}

/** `POST /api/jobs/:id/cancel` answers the job (202); a finished job is returned unchanged (200). */
export type CancelJobResponse = JobSummary;

// ---------------------------------------------------------------------------------------
// Network: the AE table, echo, send, remote query, retrieve

export type AeRole = 'store' | 'query' | 'call' | 'commit' | 'print';

/** `GET /api/aes`: the remote AE table; `POST /api/aes` (body: this) adds or replaces one; `DELETE /api/aes/:title` removes one. */
export interface RemoteAe {
  readonly title: string;
  readonly host: string;
  readonly port: number;
  readonly alias?: string;
  readonly roles: readonly AeRole[];
  /** `false`: no C-ECHO at the start of a send to it (default: one, TigerView's C-ECHO before C-STORE). */
  readonly verifyBeforeSend?: boolean;
}

/** `GET /api/aes` answer, with our own AE title and port for reference. */
export interface AeTable {
  readonly local: { readonly aeTitle: string; readonly port: number };
  readonly items: readonly RemoteAe[];
}

/** `POST /api/aes/:title/echo`: a `net.echo` job (202, {@link JobSummary}); result `{ ae, ms }`. */
export interface EchoJobResult {
  readonly ae: string;
  readonly ms: number;
}

/** `POST /api/send` body: send stored studies / series / instances to an AE (role `store`) as a `net.send` job. */
export interface SendRequest {
  readonly ae: string;
  /** Study, series or SOP Instance UIDs, as stored. */
  readonly uids: readonly string[];
}

/** The `result` of a completed `net.send` job. */
export interface SendJobResult {
  readonly total: number;
  readonly completed: number;
  readonly warning: number;
  readonly failed: number;
  readonly problems: readonly { readonly SOPInstanceUID?: string; readonly status?: number; readonly reason?: string }[];
}

/**
 * `POST /api/aes/:title/find` body: a C-FIND at the AE (role `query`) as a `net.find` job.
 * `keys`: keyword → value (DICOM matching; empty string = return the attribute).
 */
export interface FindRequest {
  readonly level: 'PATIENT' | 'STUDY' | 'SERIES' | 'IMAGE';
  readonly keys: Readonly<Record<string, string>>;
  /** At most this many matches (default: the `findScuLimit` setting). */
  readonly limit?: number;
}

/** The `result` of a completed `net.find` job. */
export interface FindJobResult {
  readonly matches: readonly Readonly<Record<string, string>>[];
  /** Final DIMSE status, e.g. 0 (0000). */
  readonly status: number;
  /** The peer had more matches than the limit. */
  readonly truncated: boolean;
  /** The information model queried and whether the peer agreed to relational queries. */
  readonly queried?: { readonly model: 'PATIENT' | 'STUDY'; readonly relational: boolean };
}

/**
 * `POST /api/aes/:title/retrieve` body: bring a study / series / instance from the AE into
 * the store, by C-MOVE (to us, or to `destination`) or C-GET, as a `net.move` / `net.get` job.
 */
export interface RetrieveRequest {
  /** A Study, Series or SOP Instance UID the AE holds (its level is found by C-FIND). */
  readonly uid: string;
  readonly method?: 'move' | 'get';
  /** C-MOVE only: the AE title to send to (default: our own). */
  readonly destination?: string;
}

/** The `result` of a completed `net.move` / `net.get` job. */
export interface RetrieveJobResult {
  readonly completed: number;
  readonly warning: number;
  readonly failed: number;
  /** C-GET: how many were stored here, and what was refused. */
  readonly stored?: number;
  readonly refused?: readonly { readonly SOPInstanceUID?: string; readonly reason: string }[];
}

// ---------------------------------------------------------------------------------------
// De-identify, export, import

/**
 * `POST /api/deidentify` body: de-identify stored studies / series / instances (PS3.15
 * Basic Profile with options, or the GCA-9300R preset) into new objects stored in this
 * store as a `deid.store` job; the originals are untouched.
 */
export interface DeidRequest {
  readonly uids: readonly string[];
  /** PS3.15 options (`atrium deid --option` names), e.g. `retain-longitudinal-dates`. */
  readonly options?: readonly string[];
  /** `gca-9300r` instead of the Basic Profile; `dar-9500f`: the Basic Profile, SOP Instance UIDs under the store's `<uidRoot>.66` (refused without a uidRoot). */
  readonly preset?: 'gca-9300r' | 'dar-9500f';
  /** Values to set: keyword → value (e.g. `{ PatientName: 'ANON^1' }`). */
  readonly set?: Readonly<Record<string, string>>;
}

/** The `result` of a completed `deid.store` job. */
export interface DeidJobResult {
  readonly written: number;
  readonly refused: number;
  /** The new studies (de-identified UIDs), to open or export. */
  readonly studies: readonly string[];
  readonly problems: readonly { readonly input: string; readonly code: string; readonly reason: string }[];
}

/**
 * `GET /api/export?uid=<uid>[&uid=...]`: a zip of the Part 10 files of stored studies /
 * series / instances, byte for byte as stored (`<study>/<series>/<sop>.dcm`), streamed
 * (`Content-Disposition: attachment`). A UID not stored: 404 before any byte is sent.
 */
export type ExportQuery = { readonly uid: string | readonly string[]; readonly format?: 'zip' };

/**
 * `POST /api/import`: upload files (`multipart/form-data`, one or many parts; or one file as
 * `application/dicom` / `application/octet-stream`). Each file goes through the same receive
 * path as C-STORE and `atrium import` (validation, quarantine); the upload is streamed to disk,
 * never held in memory. The answer lists every file, refused ones with their reason. 200 when
 * every file was stored, 409 when some were refused (the body is the same).
 */
export interface ImportResponse {
  readonly items: readonly ImportItem[];
  readonly stored: number;
  readonly refused: number;
}

/** One uploaded file's outcome. */
export type ImportItem =
  | {
      /** The part's file name (or `part <n>`). */
      readonly name: string;
      readonly status: 'stored' | 'replaced';
      readonly StudyInstanceUID: string;
      readonly SeriesInstanceUID: string;
      readonly SOPInstanceUID: string;
      readonly SOPClassUID: string;
      readonly warnings?: readonly { readonly code: string; readonly message: string }[];
    }
  | {
      readonly name: string;
      readonly status: 'rejected' | 'duplicate';
      readonly code: string;
      readonly reason: string;
      readonly SOPInstanceUID?: string;
    };

// ---------------------------------------------------------------------------------------
// The event stream: GET /api/events (Server-Sent Events)

/**
 * What `GET /api/events` pushes (`text/event-stream`). Each message is
 * `event: <type>\nid: <n>\ndata: <JSON of the event>\n\n`; `: keep-alive` comments every
 * 15 s. An `EventSource` cannot send headers: off loopback give the token as
 * `?access_token=` (or rely on the cookie set when the page was opened with it).
 */
export type ServerEvent = JobChangedEvent | JobProgressEvent | InstanceStoredEvent | SeriesCompleteEvent;

/** A job was created or changed state. */
export interface JobChangedEvent {
  readonly type: 'job';
  readonly job: JobSummary;
  readonly previousState?: JobState;
}

/** A running job reported progress (at most a few times a second). */
export interface JobProgressEvent {
  readonly type: 'job-progress';
  readonly jobId: number;
  readonly jobType: JobType;
  readonly progress: number;
  readonly message?: string;
}

/** An instance was stored (import, upload, STOW-RS, C-STORE, an app's output). */
export interface InstanceStoredEvent {
  readonly type: 'instance-stored';
  readonly status: 'stored' | 'replaced';
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID: string;
  readonly SOPClassUID: string;
  readonly source: string;
}

/** A series received nothing new for the stable age (or its import / app run ended). */
export interface SeriesCompleteEvent {
  readonly type: 'series-complete';
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly instances: number;
}
