import { SdkError } from '@atrium/sdk';
import type { FastifyReply } from 'fastify';
import { AtriumError } from '../errors/atrium-error.js';
import type { ApiError } from './api-types.js';

/** HTTP status of an error code that is not a plain bad request (400). */
const STATUS_OF: ReadonlyArray<readonly [RegExp, number]> = [
  [/^ATRIUM_ERR_WEB_UNAUTHORIZED$/, 401],
  [/^ATRIUM_ERR_WEB_(HOST|ORIGIN)$/, 403],
  [/_NOT_FOUND$|^ATRIUM_ERR_(AE|APP|PLUGIN)_UNKNOWN$|^ATRIUM_ERR_WEB_NO_IMAGE$/, 404],
  [/^ATRIUM_ERR_WEB_METHOD$/, 405],
  [/^ATRIUM_ERR_WEB_NOT_ACCEPTABLE$/, 406],
  [/^ATRIUM_ERR_AE_ALIAS_TAKEN$|^ATRIUM_ERR_JOB_KEY_CONFLICT$/, 409],
  [/^ATRIUM_ERR_WEB_TOO_LARGE$/, 413],
  [/^ATRIUM_ERR_WEB_MEDIA_TYPE$/, 415],
  [/^ATRIUM_ERR_PLUGIN_(LOAD|ACTIVATE|APPS_MISMATCH)$|^ATRIUM_ERR_JOB_NO_HANDLER$|^ATRIUM_ERR_WEB_STORED_UNREADABLE$/, 500],
];

/** Errors of Fastify itself (body parsing, routing), as our codes. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ATRIUM_ERR_WEB_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ATRIUM_ERR_WEB_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ATRIUM_ERR_WEB_BAD_BODY',
  FST_ERR_VALIDATION: 'ATRIUM_ERR_WEB_BAD_REQUEST',
};

/** The HTTP status of an `ATRIUM_ERR_*` code: 400 unless listed. */
export function httpStatusOf(code: string): number {
  return STATUS_OF.find(([pattern]) => pattern.test(code))?.[1] ?? 400;
}

/** A coded error meant for the client, with its HTTP status (`ATRIUM_ERR_WEB_*`). */
export function webError(code: string, message: string, details: Readonly<Record<string, unknown>> = {}): AtriumError {
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
