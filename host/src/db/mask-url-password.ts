/**
 * `location` with the password of its URL, if any, shown as `***`: `scheme://user:***@host...`,
 * and the value of a `password` or `sslpassword` parameter of its query (libpq's connection URIs
 * take both). Any scheme (a misspelt `postgress://` is echoed in the message that refuses it), and
 * everything up to the last `@` (a password holding an unencoded `@` is masked whole). Every
 * message, table or JSON output that shows where the index is goes through it; store.json keeps
 * the URL as given.
 */
export function maskUrlPassword(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:).*@/i, '$1***@').replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}
