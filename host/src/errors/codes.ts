import { SDK_ERRORS, type ErrorSpec } from '@atrium/sdk/core';
import { FindStatus, StoreStatus, type DimseStatus } from './dimse-statuses.js';

/** A host error: what it means, its HTTP status, and the DIMSE status it answers where a DIMSE service refuses with it. */
export interface HostErrorSpec extends ErrorSpec {
  readonly dimse?: DimseStatus;
}

/**
 * Every error code of the host (Fastify's `FST_ERR_*` list, for Atrium): code → message
 * template (what the code means; a thrown error's own message says what and where), HTTP
 * status, and the DIMSE status it maps to. `AtriumError` takes only these codes and the
 * SDK's ({@link ERRORS}); `atrium help errors` prints them all. One line per code, by area.
 */
export const HOST_ERRORS = {
  // remote AE table (net/config)
  ATRIUM_ERR_AE_ALIAS_TAKEN: { message: 'The alias (or title) already names another remote AE; titles and aliases must be unique.', http: 409 },
  ATRIUM_ERR_AE_BAD_VALUE: { message: 'A remote AE title, host, port, alias or role is not valid.', http: 400 },
  ATRIUM_ERR_AE_ROLE: { message: 'The remote AE does not have the role the operation needs (store, query, call).', http: 400 },
  ATRIUM_ERR_AE_UNKNOWN: { message: 'No remote AE with this title or alias in the AE table.', http: 404 },
  // running apps (apps)
  ATRIUM_ERR_APP_AMBIGUOUS: { message: 'The app id names apps of several plugins: qualify it as <plugin>.<app>.', http: 400 },
  ATRIUM_ERR_APP_INPUT: { message: 'The app cannot run on this input (no such series or study, both or neither given, or the app accepts none of its series).', http: 400 },
  ATRIUM_ERR_APP_LOAD_MANDATORY: { message: 'A source instance lacks an attribute the app’s load specification marks Mandatory.', http: 422 },
  ATRIUM_ERR_APP_PLUGIN_VERSION: { message: 'The job was recorded with another version of the app’s plugin than this host has (derived UIDs depend on it).', http: 409 },
  ATRIUM_ERR_APP_STORE: { message: 'A derived object could not be stored (the store refused it; the reason says why).', http: 500 },
  ATRIUM_ERR_APP_STORE_ORIGINAL: { message: 'A derived object carries the UIDs of a stored original: storing it would replace the original.', http: 409 },
  ATRIUM_ERR_APP_UNKNOWN: { message: 'No installed app with this id (`atrium apps` lists them).', http: 404 },
  // character sets (io/charset)
  ATRIUM_ERR_CHARSET_UNENCODABLE: { message: 'A character cannot be encoded in the data set’s Specific Character Set.', http: 422 },
  ATRIUM_ERR_CHARSET_UNKNOWN_TERM: { message: 'Specific Character Set (0008,0005) holds a term Atrium does not know.', http: 422 },
  // command line (cli)
  ATRIUM_ERR_CLI_BAD_KEY: { message: 'A query key option is malformed or given twice (Keyword=value).', http: 400 },
  ATRIUM_ERR_CLI_BAD_LIMIT: { message: 'A count option is not a whole number ≥ 1.', http: 400 },
  ATRIUM_ERR_CLI_BAD_OPTION: { message: 'An option is unknown, lacks its value, or has a value it does not take.', http: 400 },
  ATRIUM_ERR_CLI_BAD_PARAMS: { message: 'The --params file cannot be read or is not a JSON object.', http: 400 },
  ATRIUM_ERR_CLI_FILE: { message: 'A file or folder named on the command line cannot be read or written (the system’s reason is given).', http: 400 },
  ATRIUM_ERR_CLI_OUT: { message: 'An output file (a print preview, a rendered image) would be written inside the store, or names a folder.', http: 400 },
  ATRIUM_ERR_CLI_NO_STORE: { message: 'There is no store at --store (or $ATRIUM_STORE, ./.atrium); a command that only reads creates none.', http: 404 },
  ATRIUM_ERR_CLI_UNKNOWN_COMMAND: { message: 'No such command (`atrium help` lists them).', http: 404 },
  ATRIUM_ERR_CLI_UNKNOWN_UID: { message: 'No stored study, series or instance has this UID.', http: 404 },
  ATRIUM_ERR_CLI_USAGE: { message: 'The command line lacks an argument the command needs, or has one it does not take (the usage line says what it takes).', http: 400 },
  // settings (atrium config)
  ATRIUM_ERR_CONFIG_BAD_VALUE: { message: 'A setting’s value is not one it allows (the message lists what it allows), given or as stored.', http: 400 },
  ATRIUM_ERR_CONFIG_UNKNOWN_KEY: { message: 'No setting with this name (`atrium config ls` lists them).', http: 400 },
  // de-identification (deid)
  ATRIUM_ERR_DEID_FAILED: { message: 'De-identifying a file failed with an error that has no code of its own (the reason is given).', http: 500 },
  ATRIUM_ERR_DEID_KEY_FILE: { message: 'The de-identification key file cannot be read, or holds no usable secret.', http: 400 },
  ATRIUM_ERR_DEID_MAP: { message: 'The patient map (--map, CSV) cannot be read or has a malformed row.', http: 400 },
  ATRIUM_ERR_DEID_OUT: { message: 'The output folder is an input, inside one, inside the store, or not writable.', http: 400 },
  ATRIUM_ERR_DEID_PARTIAL: { message: 'A header-only parse cannot be de-identified: the Pixel Data was not read.', http: 500 },
  ATRIUM_ERR_DEID_PIXELS_COMPRESSED: { message: 'Clean Pixel Data is needed but the pixels are compressed in a syntax Atrium cannot re-encode.', http: 422 },
  ATRIUM_ERR_DEID_PRESET_OPTIONS: { message: 'The preset fixes its options: other profile options cannot be combined with it.', http: 400 },
  ATRIUM_ERR_DEID_READ: { message: 'An input file cannot be read as DICOM for de-identification.', http: 422 },
  ATRIUM_ERR_DEID_UID_ROOT: { message: 'The UID root for replaced UIDs is malformed or too long.', http: 400 },
  ATRIUM_ERR_DEID_UNMAPPED_PATIENT: { message: 'A patient of the input is not in the patient map; a mapped batch never falls back to unmapped identities.', http: 422 },
  ATRIUM_ERR_DEID_USER_VALUE: { message: 'A --set value names an unknown attribute, one the profile does not let be set, or does not fit its VR.', http: 400 },
  ATRIUM_ERR_DEID_WRITE: { message: 'A de-identified copy could not be written (disk space, permissions).', http: 500 },
  // volume export (cli export --format, io/volume-file)
  ATRIUM_ERR_EXPORT_FORMAT: { message: 'The volume file name does not end as its format requires (.nii / .nii.gz for NIfTI, .nrrd / .nhdr for NRRD).', http: 400 },
  ATRIUM_ERR_EXPORT_INPUT: { message: 'The UID is not a stored series: a volume is exported from one series.', http: 400 },
  ATRIUM_ERR_EXPORT_TARGET: { message: 'The exported copies or volume file would be written inside the store (or the volume file names a folder).', http: 400 },
  ATRIUM_ERR_EXPORT_WRITE: { message: 'The volume file could not be written (the reason is given).', http: 500 },
  // derived objects (derive)
  ATRIUM_ERR_DERIVE_INVALID: { message: 'A derived object fails the validation of its output IOD (a Type 1 attribute missing or empty, a Type 2 missing, a value that does not fit).', http: 500 },
  ATRIUM_ERR_DERIVE_IOD: { message: 'No IOD table for the output’s IOD.', http: 500 },
  ATRIUM_ERR_DERIVE_MAPPING: { message: 'An output’s mapping table is not valid (an unknown attribute, generator or action).', http: 500 },
  ATRIUM_ERR_DERIVE_PRIVATE: { message: 'A private block of an output is declared wrong (not a private group, a bad creator) or written outside its declaration (an undeclared element, a value that does not fit its VR).', http: 500 },
  ATRIUM_ERR_DERIVE_PIXELS: { message: 'The derived pixels do not fit the IOD or their stated size.', http: 500 },
  ATRIUM_ERR_DERIVE_REQUEST: { message: 'A derivation request is contradictory or incomplete.', http: 500 },
  ATRIUM_ERR_DERIVE_UID_ROOT: { message: 'The UID root for derived UIDs is malformed or longer than 54 characters.', http: 500 },
  ATRIUM_ERR_DERIVE_VALUE: { message: 'A derived value names an unknown keyword or does not fit its VR.', http: 500 },
  // DICOMDIR (importer)
  ATRIUM_ERR_DICOMDIR_INVALID: { message: 'A file given as a DICOMDIR is not one, or cannot be read as a Basic Directory (on import its bytes are kept in quarantine).', http: 400 },
  ATRIUM_ERR_DICOMDIR_MISSING_FILE: { message: 'A file the DICOMDIR references is not there.', http: 400 },
  ATRIUM_ERR_DICOMDIR_OUTSIDE_MEDIA: { message: 'A Referenced File ID leads out of the DICOMDIR’s folder (.., an empty component, a separator, a link); it is never opened.', http: 400 },
  // import (importer)
  ATRIUM_ERR_IMPORT_NOT_FOUND: { message: 'A path given to import does not exist.', http: 404 },
  ATRIUM_ERR_IMPORT_READ: { message: 'A file or folder to import cannot be read (the system’s reason is given).', http: 400 },
  // DICOM media: File-set Creator / Updater / Reader (media)
  ATRIUM_ERR_MEDIA_ISO: { message: 'The ISO 9660 image cannot be made: no xorriso or genisoimage, the tool failed, or the image path is inside the medium’s folder.', http: 500 },
  ATRIUM_ERR_MEDIA_MISSING_KEY: { message: 'An instance has no value for a Type 1 key of its directory record that only it can give (its study’s Study Date or Study Time, PS3.3 F.5): the medium is not written, no value is invented.', http: 422 },
  ATRIUM_ERR_MEDIA_NOT_ON_MEDIUM: { message: 'No record of the medium’s DICOMDIR has this UID (patient ID, study, series or SOP instance).', http: 404 },
  ATRIUM_ERR_MEDIA_OUT: { message: 'The medium’s folder is an input, inside the store, not a folder, not writable, or not empty without a DICOMDIR.', http: 400 },
  ATRIUM_ERR_MEDIA_PROFILE: { message: 'Unknown Media Storage Application Profile, or an instance cannot be written in a transfer syntax the profile allows.', http: 400 },
  ATRIUM_ERR_MEDIA_UNSUPPORTED: { message: 'An instance has a SOP Class for which no directory record type is written (PS3.3 F.5).', http: 422 },
  ATRIUM_ERR_MEDIA_WRITE: { message: 'A file of the medium or its DICOMDIR could not be written (the system’s reason is given); what this run wrote is removed.', http: 500 },
  // the index (db)
  ATRIUM_ERR_INDEX_BAD_RECORD: { message: 'An index record lacks a UID or holds a number that is not an integer.', http: 500 },
  ATRIUM_ERR_INDEX_DUPLICATE_SERIES: { message: 'The Series Instance UID is already stored in another study (Canon GCA-9300R conformance statement §4.1.3.3.3): the object is kept in quarantine.', http: 409, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_INDEX_MIGRATION_FAILED: { message: 'A schema migration of the index failed and was rolled back.', http: 500 },
  ATRIUM_ERR_INDEX_MIGRATION_ORDER: { message: 'The migration list is out of order (a bug).', http: 500 },
  ATRIUM_ERR_INDEX_OPEN: { message: 'The index database cannot be opened (SQLite file, or PostgreSQL server not reachable or refusing the connection).', http: 500 },
  ATRIUM_ERR_INDEX_LOCATION: { message: 'The store config names an index that is neither a SQLite file nor a postgres:// URL.', http: 400 },
  ATRIUM_ERR_INDEX_UNAVAILABLE: { message: 'The PostgreSQL index did not answer in time, or its connection was lost.', http: 503, dimse: StoreStatus.OutOfResources },
  ATRIUM_ERR_INDEX_PATH_IN_USE: { message: 'The file path is indexed for another instance (an index written before identity UIDs were validated); nothing is written there.', http: 409, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_INDEX_STATEMENT: { message: 'The index database (SQLite or PostgreSQL) refused a statement (its own message is given): a fault of Atrium or of the database, not of the command’s input.', http: 500 },
  ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW: { message: 'The index was written by a newer Atrium.', http: 500 },
  // jobs
  ATRIUM_ERR_JOB_BAD_REQUEST: { message: 'A job without a type, with a bad maxAttempts, or a payload that is not JSON.', http: 400 },
  ATRIUM_ERR_JOB_CANCELLED: { message: 'The job was cancelled.', http: 409 },
  ATRIUM_ERR_JOB_FAILED: { message: 'The job failed with an error that has no code of its own.', http: 500 },
  ATRIUM_ERR_JOB_HANDLER_EXISTS: { message: 'A handler is already registered for this job type.', http: 500 },
  ATRIUM_ERR_JOB_INTERRUPTED: { message: 'The process running the job stopped; the job is retried if attempts remain.', http: 500 },
  ATRIUM_ERR_JOB_KEY_CONFLICT: { message: 'The job key belongs to a job of another type.', http: 409 },
  ATRIUM_ERR_JOB_NEEDS_POSTGRES: { message: 'Jobs of several hosts (atrium worker, atrium batch --fan-out) need the index on PostgreSQL.', http: 400 },
  ATRIUM_ERR_JOB_NOT_FOUND: { message: 'No job with this id.', http: 404 },
  ATRIUM_ERR_JOB_NO_HANDLER: { message: 'No handler for this job type in this process.', http: 500 },
  ATRIUM_ERR_JOB_RESULT_NOT_JSON: { message: 'The job’s result cannot be stored as JSON.', http: 500 },
  ATRIUM_ERR_JOB_STATE: { message: 'The job is not in the state this step needs (e.g. completing a job that is not running).', http: 409 },
  // network (net)
  ATRIUM_ERR_NET_ABORTED: { message: 'The association was aborted (A-ABORT, by us or by the peer).', http: 502 },
  ATRIUM_ERR_NET_BAD_IDENTIFIER: { message: 'A C-FIND / C-MOVE / C-GET identifier is unreadable, or has no or an unknown Query/Retrieve Level, a bad range or UID list.', http: 400, dimse: FindStatus.IdentifierDoesNotMatchSopClass },
  ATRIUM_ERR_NET_BAD_REQUEST: { message: 'A network operation was asked for without what it needs (a UID, a destination, contexts).', http: 400 },
  ATRIUM_ERR_NET_CANCELLED: { message: 'The network operation was cancelled (C-CANCEL or a cancelled job).', http: 409 },
  ATRIUM_ERR_NET_CONNECT: { message: 'No TCP connection to the peer within the connect timeout.', http: 504 },
  ATRIUM_ERR_NET_CONNECTION: { message: 'The connection closed or failed before the exchange ended.', http: 502 },
  ATRIUM_ERR_NET_ECHO_FAILED: { message: 'The peer answered C-ECHO with a status other than Success.', http: 502 },
  ATRIUM_ERR_NET_VERIFY_FAILED: { message: 'The C-ECHO that starts a send failed (the AE\'s verifyBeforeSend); nothing was sent.', http: 502 },
  ATRIUM_ERR_NET_INTERNAL: { message: 'An internal error on an association (a bug); the association is aborted, the server keeps running.', http: 500 },
  ATRIUM_ERR_NET_LISTEN: { message: 'The DICOM server cannot listen on the port (in use, no permission).', http: 500 },
  ATRIUM_ERR_NET_MALFORMED_DIMSE: { message: 'A DIMSE command set cannot be read.', http: 502 },
  ATRIUM_ERR_NET_MALFORMED_PDU: { message: 'A PDU is malformed (unknown type, a length over the maximum, an item that does not fit, a context not accepted).', http: 502 },
  ATRIUM_ERR_NET_MAX_LENGTH: { message: 'The peer announced a Maximum Length under 1024 bytes: no P-DATA-TF worth sending fits.', http: 502 },
  ATRIUM_ERR_NET_NOT_OPEN: { message: 'The association ended before the operation.', http: 502 },
  ATRIUM_ERR_NET_NO_CONTEXT: { message: 'The peer accepted no presentation context for the SOP class and transfer syntax needed.', http: 502 },
  ATRIUM_ERR_NET_REJECTED: { message: 'The peer rejected the association (A-ASSOCIATE-RJ; result, source and reason in details).', http: 502 },
  ATRIUM_ERR_NET_REMOTE_FAILED: { message: 'The peer answered a C-FIND, C-MOVE or C-GET with a failure status (in details, with its Error Comment).', http: 502 },
  ATRIUM_ERR_NET_STORE_FAILED: { message: 'The peer refused a C-STORE; the association is stopped.', http: 502 },
  ATRIUM_ERR_NET_TIMEOUT: { message: 'No answer within the timeout (ARTIM, DIMSE or a PDU not complete in time).', http: 504 },
  ATRIUM_ERR_NET_TOO_MANY_CONTEXTS: { message: 'More presentation contexts than one association carries (128).', http: 400 },
  ATRIUM_ERR_NET_UNKNOWN_UID: { message: 'Nothing with this UID, here or at the peer.', http: 404 },
  // parsing (io)
  ATRIUM_ERR_PARSE_LIMIT: { message: 'The object passes a parse limit (maxDepth, maxElements, maxItems, maxInflatedBytes; the limit, element and offset are named): nothing is kept.', http: 413, dimse: StoreStatus.OutOfResources },
  ATRIUM_ERR_PARSE_MALFORMED: { message: 'The data set is malformed at the offset named (a length, a VR or an undefined length where none may be).', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_PARSE_NOT_DICOM: { message: 'Not a DICOM file or data set.', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_PARSE_TRANSFER_SYNTAX: { message: 'The Transfer Syntax UID is malformed or not a transfer syntax of PS3.6.', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_PARSE_TRUNCATED: { message: 'The data ends inside an element (the element and offset are named).', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_INFLATE_TEMP_FILE: { message: 'A deflated data set too large to inflate in memory cannot be written to its temporary file (no space, no permission).', http: 507 },
  // pixel data (io, io/pixels)
  ATRIUM_ERR_PIXEL_NO_DATA: { message: 'The object has no Pixel Data.', http: 422 },
  ATRIUM_ERR_PIXEL_NO_IMAGE: { message: 'The object is not an image (Rows, Columns or Bits Allocated missing).', http: 422 },
  ATRIUM_ERR_PIXELS_BAD_DESCRIPTION: { message: 'The pixel description is inconsistent (bits, sizes, frame count).', http: 422 },
  ATRIUM_ERR_PIXELS_CORRUPT: { message: 'Compressed pixel data a codec rejected, or that decoded to the wrong size.', http: 422 },
  ATRIUM_ERR_PIXELS_FRAGMENTS: { message: 'The Pixel Data fragments cannot be mapped to frames (offset table, frame count).', http: 422 },
  ATRIUM_ERR_PIXELS_FRAME_INDEX: { message: 'The frame number is outside the image’s frames.', http: 400 },
  ATRIUM_ERR_PIXELS_PALETTE: { message: 'The palette colour lookup table is missing or inconsistent.', http: 422 },
  ATRIUM_ERR_PIXELS_TRUNCATED: { message: 'The Pixel Data is shorter than its description needs.', http: 422 },
  ATRIUM_ERR_PIXELS_UNSUPPORTED: { message: 'A transfer syntax, bit depth or photometric interpretation the pixel layer cannot decode.', http: 415 },
  // plugins
  ATRIUM_ERR_PLUGIN_ACTIVATE: { message: 'The plugin’s activate threw or did not finish in time; it is not retried.', http: 500 },
  ATRIUM_ERR_PLUGIN_APPS_MISMATCH: { message: 'The plugin’s code does not define the apps its manifest declares (or defines others).', http: 500 },
  ATRIUM_ERR_PLUGIN_DUPLICATE: { message: 'Two plugin packages declare the same plugin id; the later one is not used.', http: 500 },
  ATRIUM_ERR_PLUGIN_ERRORS: { message: 'The plugin’s error list (definePlugin({ errors })) is not a defineErrors list, or declares a code of the host.', http: 500 },
  ATRIUM_ERR_PLUGIN_LISTENER: { message: 'A plugin’s event listener threw; the event went on to the others.', http: 500 },
  ATRIUM_ERR_PLUGIN_LOAD: { message: 'The plugin’s entry module cannot be imported, or does not export definePlugin(...).', http: 500 },
  ATRIUM_ERR_PLUGIN_MANIFEST: { message: 'The plugin’s manifest (the "atrium" field of its package.json) is not valid; the field is named.', http: 500 },
  ATRIUM_ERR_PLUGIN_SDK_RANGE: { message: 'The plugin needs another SDK version than this host has (engines.sdk).', http: 500 },
  ATRIUM_ERR_PLUGIN_STORAGE: { message: 'The plugin’s storage file cannot be read or written.', http: 500 },
  ATRIUM_ERR_PLUGIN_UNKNOWN: { message: 'No installed plugin with this id.', http: 404 },
  // queries (db)
  ATRIUM_ERR_QUERY_BAD_LEVEL: { message: 'The query level is unknown, or not one of the information model (Study Root has no PATIENT level).', http: 400, dimse: FindStatus.IdentifierDoesNotMatchSopClass },
  ATRIUM_ERR_QUERY_BAD_OPTION: { message: 'A query option (limit, offset, excludeStoredFrom) has a value it does not take.', http: 400 },
  ATRIUM_ERR_QUERY_BAD_VALUE: { message: 'A matching key’s value is malformed for its VR (a date, a reversed range, a UID list).', http: 400, dimse: FindStatus.IdentifierDoesNotMatchSopClass },
  ATRIUM_ERR_QUERY_EMPTY_VALUE: { message: 'A query key is given with an empty value (* matches any on purpose).', http: 400 },
  ATRIUM_ERR_QUERY_KEY_LEVEL: { message: 'The query key belongs to a lower level than the query’s.', http: 400 },
  ATRIUM_ERR_QUERY_UNKNOWN_KEY: { message: 'Not a key the index can match at this level (the closest valid name is suggested).', http: 400 },
  // rendering (render, cli)
  ATRIUM_ERR_RENDER_FRAME: { message: 'The frame asked for is not in the image.', http: 400 },
  ATRIUM_ERR_RENDER_NOT_IMAGE: { message: 'Nothing the UID names is an image (no Rows / Columns).', http: 422 },
  ATRIUM_ERR_RENDER_UNSUPPORTED: { message: 'An image Atrium cannot render (samples per pixel other than 1 or 3).', http: 415 },
  // plugin scaffold (plugins/scaffold)
  ATRIUM_ERR_SCAFFOLD_DIR: { message: 'No folder to put the new plugin in: give --dir.', http: 400 },
  ATRIUM_ERR_SCAFFOLD_EXISTS: { message: 'The plugin folder exists and is not empty; nothing is overwritten.', http: 409 },
  ATRIUM_ERR_SCAFFOLD_NAME: { message: 'The plugin or publisher name is not lower-case letters, digits and -.', http: 400 },
  ATRIUM_ERR_SCAFFOLD_SDK: { message: 'The SDK package of this host cannot be found or packed next to the new plugin.', http: 500 },
  // the store (store)
  ATRIUM_ERR_STORE_BAD_AFFECTED_UID: { message: 'The C-STORE request’s Affected SOP Class or Instance UID is empty or not a valid UID (PS3.7 §9.1.1.1).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_STORE_BAD_PATH: { message: 'A value that is not a valid UID cannot name a stored file.', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_STORE_DISK_FULL: { message: 'Storing the object would leave less free disk space than minFreeBytes: nothing is written, the sender keeps it.', http: 507, dimse: StoreStatus.OutOfResources },
  ATRIUM_ERR_STORE_FAILED: { message: 'Storing failed (the system’s reason is given); the bytes are kept in quarantine when they can be.', http: 500, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_STORE_INDEX_FAILED: { message: 'The file is in place but indexing it failed; the next start’s reconcile indexes it.', http: 500 },
  ATRIUM_ERR_STORE_SOP_MISMATCH: { message: 'The data set’s SOP Class / Instance UID differs from the one the request or File Meta names.', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_STORE_TOO_LARGE: { message: 'The object is larger than maxObjectBytes: nothing is written.', http: 413, dimse: StoreStatus.OutOfResources },
  // transcoding (io/transcode)
  ATRIUM_ERR_TRANSCODE_FAILED: { message: 'Converting to the transfer syntax the peer accepts failed (decoder error, corrupt data).', http: 500 },
  ATRIUM_ERR_TRANSCODE_UNSUPPORTED: { message: 'No conversion between these transfer syntaxes for this image.', http: 415 },
  // receive validation (store/validation); each is a refusal or a recorded warning by the policy
  ATRIUM_ERR_VALIDATE_BAD_GEOMETRY: { message: 'Geometry values that cannot be used (Pixel Spacing, Image Orientation / Position, Slice Thickness, Frame of Reference UID).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_BAD_PIXELS: { message: 'A pixel description the viewer cannot use (Image Pixel Type 1 attributes, bits, frames, Pixel Data too short).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_BAD_UID: { message: 'A malformed UID value (digits and dots, no empty component, 64 characters at most).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_BAD_VR: { message: 'An identity UID not encoded with VR UI.', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_EMPTY: { message: 'A Type 1 attribute is empty.', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_META_MISMATCH: { message: 'The File Meta Information names another instance than the data set (a warning under every policy).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_MISSING: { message: 'A Type 1 attribute of a mandatory module is missing.', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_MULTI_VALUED: { message: 'An identity UID with more than one value (a list, backslashes).', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_VALIDATE_TOO_LONG: { message: 'A value longer than its VR allows.', http: 400, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  // the web server and DICOMweb (web); the HTTP status is the answer's
  ATRIUM_ERR_WEB_APP_INPUT: { message: 'The app does not take this series (its input selector says why).', http: 400 },
  ATRIUM_ERR_WEB_BAD_ANSWER: { message: 'The browser UI got an answer from the server that is not the JSON it expects.', http: 502 },
  ATRIUM_ERR_WEB_BAD_BODY: { message: 'The request body is not the JSON object the route takes (a field missing or of the wrong type).', http: 400 },
  ATRIUM_ERR_WEB_BAD_MULTIPART: { message: 'The multipart body cannot be read (no boundary, a malformed part header, a body that ends early).', http: 400 },
  ATRIUM_ERR_WEB_BAD_OPTION: { message: 'A web server option (port, access token) has a value it does not take.', http: 400 },
  ATRIUM_ERR_WEB_BAD_PARAMETER: { message: 'A query parameter is malformed, unknown or given twice (QIDO-RS keys, frames, window, paging).', http: 400 },
  ATRIUM_ERR_WEB_BAD_REQUEST: { message: 'The request does not have the shape the route takes.', http: 400 },
  ATRIUM_ERR_WEB_BAD_UID: { message: 'A UID in the path or the body is not one valid UID.', http: 400 },
  ATRIUM_ERR_WEB_DEID_RETAIN_UIDS: { message: 'A de-identified copy that keeps the UIDs cannot be stored beside its original (it would replace it).', http: 400 },
  ATRIUM_ERR_WEB_HOST: { message: 'The Host header names no address of this server (a DNS rebinding attempt is refused).', http: 403 },
  ATRIUM_ERR_WEB_HTTP: { message: 'The browser UI got an HTTP error without a coded body.', http: 502 },
  ATRIUM_ERR_WEB_INTERNAL: { message: 'The server failed on this request (logged with its stack); it keeps running.', http: 500 },
  ATRIUM_ERR_WEB_LISTEN: { message: 'The web server cannot listen on the address and port (in use, no permission).', http: 500 },
  ATRIUM_ERR_WEB_MEDIA_TYPE: { message: 'The request’s Content-Type is not one the route takes.', http: 415 },
  ATRIUM_ERR_WEB_METHOD: { message: 'The route does not take this HTTP method.', http: 405 },
  ATRIUM_ERR_WEB_NOT_ACCEPTABLE: { message: 'None of the media types the Accept header asks for can be given.', http: 406 },
  ATRIUM_ERR_WEB_NOT_FOUND: { message: 'No such study, series, instance, frame, job or route here.', http: 404 },
  ATRIUM_ERR_WEB_NO_IMAGE: { message: 'The series has no image that can be rendered (a thumbnail shows a placeholder).', http: 404 },
  ATRIUM_ERR_WEB_ORIGIN: { message: 'The request comes from a page of another origin (a cross-site request is refused).', http: 403 },
  ATRIUM_ERR_WEB_PART_INCOMPLETE: { message: 'An uploaded part ends before its end (the upload was cut): it is not stored.', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_WEB_PART_TYPE: { message: 'An uploaded part is not application/dicom: it is not stored.', http: 400, dimse: StoreStatus.CannotUnderstand },
  ATRIUM_ERR_WEB_STORED_UNREADABLE: { message: 'A stored file cannot be read back (changed or damaged on disk since it was stored).', http: 500 },
  ATRIUM_ERR_WEB_STUDY_MISMATCH: { message: 'A STOW-RS instance belongs to another study than the one in the request’s path.', http: 409, dimse: StoreStatus.DataSetDoesNotMatchSopClass },
  ATRIUM_ERR_WEB_TOO_LARGE: { message: 'The request body is larger than the route takes.', http: 413 },
  ATRIUM_ERR_WEB_UNAUTHORIZED: { message: 'Off loopback every request needs the access token printed at start (Authorization: Bearer, or ?access_token=).', http: 401 },
  // worker threads (jobs)
  ATRIUM_ERR_WORKER_CALL_FAILED: { message: 'A call from the worker to the main thread failed.', http: 500 },
  ATRIUM_ERR_WORKER_CANCELLED: { message: 'The worker was stopped: its job was cancelled.', http: 409 },
  ATRIUM_ERR_WORKER_CRASHED: { message: 'The worker thread exited without a result.', http: 500 },
  ATRIUM_ERR_WORKER_FAILED: { message: 'The task in the worker threw an error without a code.', http: 500 },
  ATRIUM_ERR_WORKER_NO_HANDLER: { message: 'The worker called a main-thread method nobody handles.', http: 500 },
  ATRIUM_ERR_WORKER_REPLY_NOT_CLONEABLE: { message: 'The main thread’s answer cannot be sent to the worker (not structured-cloneable).', http: 500 },
  ATRIUM_ERR_WORKER_RESULT_NOT_CLONEABLE: { message: 'The worker’s result cannot be sent back (not structured-cloneable).', http: 500 },
  ATRIUM_ERR_WORKER_TIMEOUT: { message: 'The worker did not finish within its time limit.', http: 504 },
  // writing Part 10 (io)
  ATRIUM_ERR_WRITE_NO_SOP: { message: 'File Meta Information needs SOP Class UID (0008,0016) and SOP Instance UID (0008,0018).', http: 500 },
  ATRIUM_ERR_WRITE_PARTIAL: { message: 'A header-only parse cannot be written back: the Pixel Data was not read.', http: 500 },
} as const satisfies Readonly<Record<`ATRIUM_ERR_${string}`, HostErrorSpec>>;

/** Every code: the SDK's and the host's. */
export const ERRORS: Readonly<Record<AtriumErrorCode, HostErrorSpec>> = Object.freeze({ ...SDK_ERRORS, ...HOST_ERRORS });

/** A code of {@link ERRORS}: what `AtriumError` takes. */
export type AtriumErrorCode = keyof typeof SDK_ERRORS | keyof typeof HOST_ERRORS;

/** Whether `code` is a listed code (a string from outside: a job row, a worker message). */
export function isAtriumErrorCode(code: string): code is AtriumErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * Every warning code of the host: what it means. A warning is printed (a line on stderr, or a
 * Node process warning) and the work goes on. Code names the code through {@link WarningCode}.
 */
export const HOST_WARNINGS = {
  ATRIUM_WARN_BACKGROUND: { message: 'Work a timer or a callback does in the background (series completion, a heartbeat) failed, once per outage; the process keeps running, and a second warning says when it works again.' },
  ATRIUM_WARN_INDEX_NOT_COPIED: { message: 'The store was switched to an index that holds less than the one left (or one of them could not be read): nothing is copied between indexes; `atrium reconcile --full` indexes the stored files into the new one.' },
  ATRIUM_WARN_JOB_LISTENER: { message: 'A listener of job events threw; the job and the other listeners go on.' },
  ATRIUM_WARN_JOB_RUNNER: { message: 'The job runner caught an error in its timers; it goes on with its jobs.' },
  ATRIUM_WARN_WORKER_LISTENER: { message: 'The listener of a worker thread’s messages threw; the worker’s task goes on.' },
} as const satisfies Readonly<Record<`ATRIUM_WARN_${string}`, { readonly message: string }>>;

/** A host warning code (one of {@link HOST_WARNINGS}). */
export type WarningCode = keyof typeof HOST_WARNINGS;
