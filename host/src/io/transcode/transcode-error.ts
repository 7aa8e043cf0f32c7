import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';

/** ATRIUM_ERR_TRANSCODE_UNSUPPORTED: no conversion from `from` to `to` (for this transfer syntax pair or this image). */
export function transcodeUnsupported(from: string, to: string, why: string, cause?: unknown): AtriumError {
  return new AtriumError(
    'ATRIUM_ERR_TRANSCODE_UNSUPPORTED',
    `cannot transcode from transfer syntax ${from} to ${to}: ${why}`,
    { from, to },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The error a failed conversion from `from` to `to` is reported with: transcode errors pass
 * through, a pixel-layer ATRIUM_ERR_PIXELS_UNSUPPORTED becomes ATRIUM_ERR_TRANSCODE_UNSUPPORTED,
 * anything else (decoder errors, corrupt data) ATRIUM_ERR_TRANSCODE_FAILED, each with the cause.
 */
export function transcodeError(e: unknown, from: string, to: string): AtriumError {
  if (isAtriumError(e) && e.code.startsWith('ATRIUM_ERR_TRANSCODE_')) return e;
  const reason = e instanceof Error ? e.message : String(e);
  if (isAtriumError(e, 'ATRIUM_ERR_PIXELS_UNSUPPORTED')) return transcodeUnsupported(from, to, reason, e);
  const code = isAtriumError(e) ? e.code : undefined;
  return new AtriumError('ATRIUM_ERR_TRANSCODE_FAILED', `transcoding from transfer syntax ${from} to ${to} failed: ${reason}`, { from, to, ...(code ? { causeCode: code } : {}) }, { cause: e });
}
