import { isWellFormedErrorCode } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import type { JobError } from './job.js';

/**
 * The {@link JobError} recorded for what a handler threw: an error's own `code` when it
 * has a string one (an {@link AtriumError}, or an error rebuilt from a worker) and its
 * message; `ATRIUM_ERR_JOB_FAILED` otherwise.
 */
export function toJobError(e: unknown): JobError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const retryAfterMs = e instanceof AtriumError ? e.details.retryAfterMs : undefined;
    return {
      code: typeof code === 'string' && isWellFormedErrorCode(code) ? code : 'ATRIUM_ERR_JOB_FAILED',
      message: e.message || e.name,
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    };
  }
  return { code: 'ATRIUM_ERR_JOB_FAILED', message: typeof e === 'string' ? e : safeString(e) };
}

/**
 * Whether a job failure may succeed on another attempt: an {@link AtriumError} with
 * `details.retryable === true` (`details.retryAfterMs`, when a number, fixes the delay).
 */
export function isRetryableError(e: unknown): boolean {
  return e instanceof AtriumError && e.details.retryable === true;
}

/** An {@link AtriumError} that tells the job runner to try again later (a peer was busy, a network hiccup). */
export function retryableError(code: AtriumErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}): AtriumError {
  return new AtriumError(code, message, { ...details, retryable: true });
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
