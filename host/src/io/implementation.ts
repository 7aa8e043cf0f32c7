/**
 * Atrium's Implementation Class UID (PS3.7 D.3.3.2) — a 2.25 UUID-derived UID
 * (PS3.5 §B.2), fixed for this implementation — and its version name (≤ 16 chars).
 */
export const IMPLEMENTATION_CLASS_UID = '2.25.178372910563823154810471926384219703311';
export const IMPLEMENTATION_VERSION_NAME = 'ATRIUM_010';

/** Atrium's version as UID components (0.1.0), after `<root>.1.` in a configured root's Implementation Class UID. */
const IMPLEMENTATION_VERSION = '0.1.0';

/**
 * The Implementation Class UID under an organisation UID root (`atrium config set uidRoot`, as the
 * Shimadzu DAR-9500f conformance statement §5.2.2 makes its own under its root): `<root>.1.<version>`;
 * no root, or the UUID root 2.25: Atrium's own {@link IMPLEMENTATION_CLASS_UID}.
 */
export function implementationClassUid(uidRoot?: string): string {
  const root = uidRoot?.replace(/\.$/, '');
  return root === undefined || root === '' || root === '2.25' ? IMPLEMENTATION_CLASS_UID : `${root}.1.${IMPLEMENTATION_VERSION}`;
}
