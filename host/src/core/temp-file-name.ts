import { randomBytes } from 'node:crypto';
import { hostId } from './host-id.js';

/**
 * A new name for a temp file in the store's `tmp/` folder, which every host sharing the store
 * writes to: `<host>@<pid>-<kind><random>.part`, the host id URI-encoded (so it holds no `@`
 * or `/`), so that a reconcile on any host can tell whose file it is (see {@link tempFileOwner}).
 */
export function tempFileName(kind = ''): string {
  return `${encodeURIComponent(hostId())}@${process.pid}-${kind}${randomBytes(8).toString('hex')}.part`;
}

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
