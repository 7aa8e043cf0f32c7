import { randomBytes } from 'node:crypto';
import { hostId } from './host-id.js';

/**
 * A new name for a temp file in the store's `tmp/` folder, which every host sharing the store
 * writes to: `<host>@<pid>-<kind><random>.part`, the host id URI-encoded (so it holds no `@`
 * or `/`), so that a reconcile on any host can tell whose file it is (see {@link tempFileOwner}).
 * `sequential`: the random part drawn once per process and followed by a counter — for the
 * store's own `tmp/` folder, where a receiver names a file per object; elsewhere (a shared
 * temp folder) every name is drawn anew, so that the next one cannot be guessed.
 */
export function tempFileName(kind = '', { sequential = false } = {}): string {
  const host = hostId();
  if (host !== named.host) named = { host, prefix: `${encodeURIComponent(host)}@${process.pid}-` };
  return `${named.prefix}${kind}${sequential ? `${processPart}${(count++).toString(36)}` : randomBytes(8).toString('hex')}.part`;
}

let named = { host: '', prefix: '' };
const processPart = randomBytes(6).toString('hex');
let count = 0;

/**
 * The host and process that wrote temp file `name`: `{ host, pid }` for {@link tempFileName}'s
 * names, `{ pid }` for the `<pid>-...` names of earlier versions (this host's), `{}` otherwise.
 */
export function tempFileOwner(name: string): { host?: string; pid?: number } {
  const m = /^(?:([^@/]+)@)?(\d+)-/.exec(name);
  if (m === null) return {};
  let host: string | undefined;
  try {
    host = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
  } catch {
    return {};
  }
  return { ...(host === undefined ? {} : { host }), pid: Number(m[2]) };
}
