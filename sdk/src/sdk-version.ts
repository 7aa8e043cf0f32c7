/**
 * The version of this SDK. A plugin's manifest names the range it works with in
 * `engines.sdk` (a semver range, e.g. `^0.1.0`); the host refuses a plugin whose range
 * does not include this version, before running any of its code.
 */
export const SDK_VERSION = '0.1.0';
