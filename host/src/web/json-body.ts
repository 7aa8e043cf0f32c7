import type { FastifyRequest } from 'fastify';
import { webError } from './web-error.js';

/** The JSON object body of a request (`{}` when empty is allowed). @throws 400 `ATRIUM_ERR_WEB_BAD_BODY`. */
export function jsonBody(request: FastifyRequest, allowEmpty = false): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) {
    if (allowEmpty) return {};
    throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'the request needs a JSON object body (Content-Type: application/json)', {});
  }
  if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'the body must be a JSON object', {});
  return body as Record<string, unknown>;
}

/** A string field of a body. */
export function stringField(body: Record<string, unknown>, name: string, required: true): string;
export function stringField(body: Record<string, unknown>, name: string, required?: false): string | undefined;
export function stringField(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const v = body[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') throw webError('ATRIUM_ERR_WEB_BAD_BODY', `${name} must be a non-empty string`, { field: name });
  return v;
}

/** A list of strings field of a body (non-empty). */
export function stringListField(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== 'string' || s === '')) throw webError('ATRIUM_ERR_WEB_BAD_BODY', `${name} must be a non-empty list of strings`, { field: name });
  return v as string[];
}
