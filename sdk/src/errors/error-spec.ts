/** A stable error code: `ATRIUM_ERR_<AREA>_<WHAT>` in capitals, digits and `_`. */
export type ErrorCode = `ATRIUM_ERR_${string}`;

/** What a code means, and what it answers where a protocol has statuses. */
export interface ErrorSpec {
  /**
   * The message template: what the code means, in one sentence. A thrown error carries its
   * own message, which says what was wrong and where; this one is what `atrium help errors`
   * lists.
   */
  readonly message: string;
  /** The HTTP status a request failing with this code is answered with (web API). */
  readonly http: number;
}

/** Codes and their meanings (a Fastify-style error list). */
export type ErrorTable = Readonly<Record<ErrorCode, ErrorSpec>>;

const CODE = /^ATRIUM_ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/** Whether `code` is spelt as a code must be: `ATRIUM_ERR_`, then capitals and digits joined by `_`. */
export function isWellFormedErrorCode(code: string): code is ErrorCode {
  return CODE.test(code);
}
