import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AtriumError } from '../errors/atrium-error.js';

/** Fewest characters a key file must hold (a random key is 64 hex digits). */
const MIN_KEY_LENGTH = 16;

/**
 * The de-identification secret kept in a key file: its content, trimmed. An absent file is
 * created with a random 32-byte key as 64 hex digits (mode 0600, never overwritten), so the
 * first run of a batch creates it and later runs with the same file give the same UIDs and
 * date shifts. Throws ATRIUM_ERR_DEID_KEY_FILE when the file holds fewer than 16 characters.
 */
export function loadOrCreateKey(path: string): { readonly secret: string; readonly created: boolean } {
  if (!existsSync(path)) {
    const secret = randomBytes(32).toString('hex');
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, created: true };
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_KEY_LENGTH) {
    throw new AtriumError('ATRIUM_ERR_DEID_KEY_FILE', `key file ${path} holds ${secret.length} characters; a key needs at least ${MIN_KEY_LENGTH} (delete it to have a random one created)`, { path });
  }
  return { secret, created: false };
}
