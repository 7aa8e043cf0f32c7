/** What the main thread asks the PostgreSQL worker: one statement, or the end of the connection. */
export type PostgresRequestBody = { readonly kind: 'query'; readonly text: string; readonly params?: readonly unknown[] } | { readonly kind: 'end' };

/** A request as posted: numbered (1, 2, ...), the number the answer must carry. */
export type PostgresRequest = PostgresRequestBody & { readonly seq: number };

/** The worker's answer to request `seq`: the rows (of the last statement, for several), or the error pg raised. */
export type PostgresReply =
  | { readonly seq: number; readonly ok: true; readonly rows: Record<string, unknown>[]; readonly rowCount: number }
  | { readonly seq: number; readonly ok: false; readonly message: string; readonly code?: string; readonly detail?: string };

/** The worker's start data (its port is transferred beside it). */
export interface PostgresWorkerData {
  readonly url: string;
  /**
   * One Int32: the `seq` of the last answer posted. The worker posts the answer, then stores
   * its `seq` there and notifies; the main thread waits until the flag holds the `seq` it sent.
   */
  readonly flag: SharedArrayBuffer;
}
