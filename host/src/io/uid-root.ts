/**
 * The longest organisation UID root (`atrium config set uidRoot`): 40 characters, so that every
 * UID made under it fits the 64 characters of a UI value with room for its suffix — the
 * de-identification root `<root>.66` (the Shimadzu DAR-9500f conformance statement §5.2.2)
 * still leaves the 20 digits of keyed hash a replaced UID needs, a derived UID at least 23.
 */
export const MAX_UID_ROOT_LENGTH = 40;

/**
 * Why `root` cannot be an organisation UID root, or undefined when it can: dot-separated
 * numbers without leading zeros (PS3.5 §9.1), at least two of them, the first 0, 1 or 2 (an
 * ISO/ITU-T object identifier), at most {@link MAX_UID_ROOT_LENGTH} characters (no final dot).
 */
export function uidRootProblem(root: string): string | undefined {
  if (!/^\d+(\.\d+)+$/.test(root)) return `"${root}" is not dot-separated numbers (digits and dots, at least two components, no final dot)`;
  if (root.split('.').some((c) => c.length > 1 && c.startsWith('0'))) return `"${root}" has a component with a leading zero (PS3.5 §9.1)`;
  if (!/^[012]\./.test(root)) return `"${root}" does not start with 0, 1 or 2 (an ISO/ITU-T object identifier)`;
  if (root.length > MAX_UID_ROOT_LENGTH) return `"${root}" is ${root.length} characters; at most ${MAX_UID_ROOT_LENGTH}, so that the UIDs made under it (the de-identification root <root>.66 and its 20 digits, derived objects, the Implementation Class UID) fit in 64`;
  return undefined;
}
