/**
 * Atrium's Implementation Class UID (PS3.7 D.3.3.2) — a 2.25 UUID-derived UID
 * (PS3.5 §B.2), fixed for this implementation — and its version name (≤ 16 chars).
 */
export const IMPLEMENTATION_CLASS_UID = '2.25.178372910563823154810471926384219703311';
export const IMPLEMENTATION_VERSION_NAME = 'ATRIUM_010';
