/** What the main thread sends the PostgreSQL worker: one statement, or the end of the connection. */
export type PostgresRequest =
  | { readonly kind: 'query'; readonly text: string; readonly params?: readonly unknown[] }
  | { readonly kind: 'end' };

/** The worker's answer: the rows (of the last statement, for several), or the error pg raised. */
export type PostgresReply =
  | { readonly ok: true; readonly rows: Record<string, unknown>[]; readonly rowCount: number }
  | { readonly ok: false; readonly message: string; readonly code?: string; readonly detail?: string };

/** The worker's start data (its port is transferred beside it). */
export interface PostgresWorkerData {
  readonly url: string;
  /** One Int32: the worker sets it to 1 and notifies once an answer is posted. */
  readonly flag: SharedArrayBuffer;
}
