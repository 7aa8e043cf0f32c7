import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { SdkError } from '@atrium/sdk/core';
import { isDatabaseError } from '../db/sql-database.js';
import type { CliContext, Command } from './cli-context.js';
import { UsageError } from './usage-error.js';

/** File-system failures that come from the paths a user gave (not from a bug): reported, never a stack trace. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the name is too long',
};

/**
 * Codes that always name a mistake in the command line's own values, whichever layer finds it: an
 * app parameter (unknown, missing, or a value it does not take; a `--params` file that cannot be
 * used), an output the command must not write to (inside the store or an input, not a folder,
 * not writable, a volume file name without its format's ending), and a de-identification's key file, patient map or `--set` value. Reported as
 * usage problems: exit 2 with the usage line, as a {@link UsageError}.
 */
const USAGE_CODES: ReadonlySet<string> = new Set([
  'ATRIUM_ERR_PARAM_UNKNOWN', 'ATRIUM_ERR_PARAM_MISSING', 'ATRIUM_ERR_PARAM_INVALID', 'ATRIUM_ERR_CLI_BAD_PARAMS',
  'ATRIUM_ERR_CLI_OUT', 'ATRIUM_ERR_MEDIA_OUT', 'ATRIUM_ERR_DEID_OUT', 'ATRIUM_ERR_EXPORT_TARGET', 'ATRIUM_ERR_EXPORT_FORMAT',
  'ATRIUM_ERR_DEID_MAP', 'ATRIUM_ERR_DEID_KEY_FILE', 'ATRIUM_ERR_DEID_USER_VALUE',
]);

/** True for a code that names a mistake in the command line's values (exit 2), e.g. the code of a job an app refused for its parameters. */
export function isUsageCode(code: string | undefined): boolean {
  return code !== undefined && USAGE_CODES.has(code);
}

/** What the failed system call was doing, in words. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: 'open', mkdir: 'create the folder', scandir: 'read the folder', rename: 'rename to', unlink: 'remove',
  rmdir: 'remove the folder', copyfile: 'copy to', stat: 'read', lstat: 'read', access: 'reach', write: 'write', read: 'read',
};

/** The message of a file-system error on a user's path, or undefined for any other error. */
function systemErrorMessage(e: unknown): string | undefined {
  const { code, path, syscall } = (e ?? {}) as NodeJS.ErrnoException;
  if (code === undefined || path === undefined || !(code in SYSTEM_ERRORS)) return undefined;
  const folder = dirname(path);
  const missingFolder = code === 'ENOENT' && !existsSync(folder) ? ` (the folder ${folder} does not exist)` : '';
  return `cannot ${ACTIONS[syscall ?? ''] ?? syscall ?? 'use'} ${path}: ${SYSTEM_ERRORS[code]}${missingFolder}`;
}

/**
 * Report an error a command threw and return the exit code: 2 for a usage problem (a
 * {@link UsageError}, a malformed or missing option value, a code of {@link USAGE_CODES}) with the
 * command's usage, 1 for any other coded error (`ATRIUM_ERR_*`: a failure while working) and for a
 * file-system failure on a path the user gave (`ATRIUM_ERR_CLI_FILE`) and for a statement the index
 * database refused (`ATRIUM_ERR_INDEX_STATEMENT`). Each is one line naming what and where (as JSON with `--json`);
 * nothing else is caught: an unexpected error is a bug and keeps its stack trace.
 */
export function reportError(e: unknown, command: Command, ctx: Pick<CliContext, 'err' | 'json'>): number {
  const reported = classify(e);
  if (reported === undefined) throw e;
  const { code, message, details, usage } = reported;
  if (ctx.json) ctx.err(JSON.stringify({ error: { code, message, details } }));
  else ctx.err(`atrium ${command.name}: ${message} [${code}]${usage ? `\nusage: ${command.usage}` : ''}`);
  return usage ? 2 : 1;
}

/** The code, message and details of an error the CLI reports, or undefined for a bug. */
function classify(e: unknown): { code: string; message: string; details: unknown; usage: boolean } | undefined {
  if (e instanceof SdkError) return { code: e.code, message: e.message, details: e.details, usage: e instanceof UsageError || USAGE_CODES.has(e.code) };
  const errno = (e ?? {}) as NodeJS.ErrnoException;
  if (typeof errno.code === 'string' && errno.code.startsWith('ERR_PARSE_ARGS_')) {
    return { code: 'ATRIUM_ERR_CLI_BAD_OPTION', message: errno.message.replace(/\n/g, ' '), details: {}, usage: true };
  }
  if (isDatabaseError(e)) {
    // A statement the index database refused: a fault, but one line naming it, not a stack trace.
    return { code: 'ATRIUM_ERR_INDEX_STATEMENT', message: `the index database refused a statement: ${e.message.replace(/\n/g, ' ')}`, details: { engineCode: e.code }, usage: false };
  }
  const system = systemErrorMessage(e);
  if (system !== undefined) return { code: 'ATRIUM_ERR_CLI_FILE', message: system, details: { path: errno.path, errno: errno.code }, usage: false };
  return undefined;
}
