import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';
import { FileProblem, fileProblem, readRegularFile } from '../io/regular-file.js';

/** Fewest characters a key file must hold (a random key is 64 hex digits). */
const MIN_KEY_LENGTH = 16;

/**
 * The de-identification secret kept in a key file: its content, trimmed. An absent file is
 * created with a random 32-byte key as 64 hex digits (mode 0600, never overwritten), so the
 * first run of a batch creates it and later runs with the same file give the same UIDs and
 * date shifts. Throws ATRIUM_ERR_DEID_KEY_FILE, naming the file and the reason, when it holds
 * fewer than 16 characters, is not a regular file (a folder, a FIFO — never read, so never waited
 * on — a symbolic link loop) or cannot be read or created (its folder does not exist, permissions).
 */
export function loadOrCreateKey(path: string): { readonly secret: string; readonly created: boolean } {
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    if (e.errno !== 'ENOENT') throw keyFileError(path, e.message);
    return { secret: createKey(path), created: true };
  }
  const secret = text.trim();
  if (secret.length < MIN_KEY_LENGTH) {
    throw keyFileError(path, `holds ${secret.length} characters; a key needs at least ${MIN_KEY_LENGTH} (delete it to have a random one created)`);
  }
  return { secret, created: false };
}

function createKey(path: string): string {
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `cannot be created: its folder ${dirname(path)} does not exist`
      : code === 'EEXIST' ? 'is a symbolic link to a missing file' : `cannot be created: it ${fileProblem(e)}`;
    throw keyFileError(path, why);
  }
  return secret;
}

function keyFileError(path: string, why: string): AtriumError {
  return new AtriumError('ATRIUM_ERR_DEID_KEY_FILE', `key file ${path} ${why}`, { path });
}
