/**
 * What the store does with what it receives (one setting for import, C-STORE and
 * derived objects: `atrium config set validation strict`, or `--validation` for one command).
 * - `safety` (default): refuse what makes an object unsafe to identify or display — the
 *   identity UIDs, the pixel description, and geometry where it is present; store
 *   everything else, recording the other findings (a missing Type 1 attribute such as
 *   ScanningSequence, an over-long value, a malformed UID in a reference) as warnings.
 * - `strict`: refuse every finding, as the Canon GCA-9300R does (conformance statement
 *   §4.1.3.3.1: any Type 1 attribute, "including all UIDs", missing, empty or too long).
 */
export type ValidationPolicy = 'safety' | 'strict';

/** The policies, in the order help texts list them. */
export const VALIDATION_POLICIES: readonly ValidationPolicy[] = ['safety', 'strict'];
