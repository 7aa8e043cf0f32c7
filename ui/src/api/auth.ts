/**
 * The access token of a server bound to another address than loopback: `atrium web --bind ...`
 * prints the URL to open, `http://<host>:8042/?access_token=<token>` (docs/web-api.md,
 * "Authentication"). The server answers that URL with a cookie that carries the token for the
 * page's own requests; the UI also keeps the token for the tab (sessionStorage), removes it from
 * the address bar (so it is not bookmarked or shared by copying the URL) and sends it as a bearer
 * token with its fetches and the image loader's XHRs.
 */
const KEY = 'atrium.token';

export function captureToken(): void {
  const url = new URL(location.href);
  const given = url.searchParams.get('access_token');
  if (!given) return;
  sessionStorage.setItem(KEY, given);
  url.searchParams.delete('access_token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function authHeaders(): Record<string, string> {
  const t = sessionStorage.getItem(KEY);
  return t ? { Authorization: `Bearer ${t}` } : {};
}
