import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { webError } from './web-error.js';

/** The cookie that carries the access token after the first `?access_token=` request. */
export const TOKEN_COOKIE = 'atrium_token';

/** True for an address or name that only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(hostOrAddress: string): boolean {
  const host = hostOrAddress.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/** A fresh access token: 32 random bytes, base64url. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The host name of a `Host` header value (`[::1]:8042` → `::1`). */
function hostName(header: string): string {
  const bracket = /^\[([^\]]*)\]/.exec(header);
  return bracket ? bracket[1]! : header.replace(/:\d*$/, '');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Who may talk to the server.
 *
 * - Without a token (bound to loopback): only requests addressed to a loopback name
 *   (`Host: localhost|127.x|[::1]`), so a web page cannot reach the workstation by DNS
 *   rebinding (`ATRIUM_ERR_WEB_HOST`, 403).
 * - With a token (bound elsewhere): every request carries it as `Authorization: Bearer`,
 *   `?access_token=` (then a cookie is set for the page's further requests) or the cookie;
 *   otherwise 401 `ATRIUM_ERR_WEB_UNAUTHORIZED`. Compared in constant time.
 * - Always: a state-changing request (anything but GET/HEAD/OPTIONS) whose `Origin` is not
 *   this server is refused (`ATRIUM_ERR_WEB_ORIGIN`, 403): another site's page cannot post
 *   uploads or start jobs through the user's browser.
 */
export class AccessPolicy {
  private readonly tokenDigest: Buffer | undefined;

  constructor(readonly token: string | undefined) {
    this.tokenDigest = token === undefined ? undefined : digest(token);
  }

  /** Fastify `onRequest` hook: throws the coded refusal, or returns. */
  check(request: FastifyRequest, reply: FastifyReply): void {
    const host = request.headers.host ?? '';
    if (this.tokenDigest === undefined && !isLoopback(hostName(host))) {
      throw webError('ATRIUM_ERR_WEB_HOST', `this server answers only requests addressed to this machine (localhost, 127.0.0.1, [::1]), not "${host.slice(0, 100)}"`, { host: host.slice(0, 100) });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !this.sameOrigin(origin, host)) {
      throw webError('ATRIUM_ERR_WEB_ORIGIN', `a ${request.method} from another site (${origin.slice(0, 100)}) is refused`, { origin: origin.slice(0, 100) });
    }
    if (this.tokenDigest === undefined) return;
    const { token, from } = this.presented(request);
    if (token === undefined || !timingSafeEqual(digest(token), this.tokenDigest)) {
      reply.header('WWW-Authenticate', 'Bearer realm="atrium"');
      throw webError('ATRIUM_ERR_WEB_UNAUTHORIZED', token === undefined
        ? 'this server needs its access token (printed when it started): Authorization: Bearer <token>, or ?access_token=<token> in the URL'
        : 'the access token is wrong (it is printed when the server starts)', {});
    }
    if (from === 'query') reply.header('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
  }

  private presented(request: FastifyRequest): { token?: string; from?: 'header' | 'query' | 'cookie' } {
    const auth = request.headers.authorization;
    const bearer = auth === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
    if (bearer !== undefined) return { token: bearer, from: 'header' };
    const query = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof query === 'string') return { token: query, from: 'query' };
    const cookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
    return cookie === undefined ? {} : { token: cookie, from: 'cookie' };
  }

  private sameOrigin(origin: string, host: string): boolean {
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  }
}
