import { SdkError } from '@atrium/sdk';
import type { FastifyReply } from 'fastify';
import { AtriumError } from '../errors/atrium-error.js';
import { ERRORS, isAtriumErrorCode, type AtriumErrorCode } from '../errors/codes.js';
import type { ApiError } from './api-types.js';

/** Errors of Fastify itself (body parsing, routing), as our codes. */
const FASTIFY_CODES: Readonly<Record<string, AtriumErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ATRIUM_ERR_WEB_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ATRIUM_ERR_WEB_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_VALIDATION: 'ATRIUM_ERR_WEB_BAD_REQUEST',
};

/**
 * The HTTP status of an `ATRIUM_ERR_*` code: the one the error list gives it (`errors/codes.ts`);
 * 400 for a code of a plugin's own list (a refusal of its input or parameters).
 */
export function httpStatusOf(code: string): number {
  return isAtriumErrorCode(code) ? ERRORS[code].http : 400;
}

/** A coded error meant for the client, with its HTTP status (`ATRIUM_ERR_WEB_*`). */
export function webError(code: AtriumErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}): AtriumError {
  return new AtriumError(code, message, details);
}

/**
 * The `{ error: { code, message, details } }` body and status of anything thrown by a
 * route: our coded errors keep their code; Fastify's own (a body that is not JSON, a
 * content type nobody parses) get ours; anything else is a server fault (500, logged by
 * the caller with its stack), whose message says so without internals.
 */
export function errorResponse(error: unknown): { status: number; body: ApiError; fault: boolean } {
  if (error instanceof SdkError) {
    return { status: httpStatusOf(error.code), body: { error: { code: error.code, message: error.message, details: { ...error.details } } }, fault: false };
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && Object.hasOwn(FASTIFY_CODES, fastifyCode)) {
    const code = FASTIFY_CODES[fastifyCode]!;
    return { status: httpStatusOf(code), body: { error: { code, message: (error as Error).message, details: {} } }, fault: false };
  }
  return {
    status: 500,
    body: { error: { code: 'ATRIUM_ERR_WEB_INTERNAL', message: `the server failed on this request (${(error as Error)?.message ?? String(error)}); it keeps running`, details: {} } },
    fault: true,
  };
}

/** Answer an error as JSON. */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorResponse(error);
  return reply.code(status).type('application/json').send(body);
}
