/** What the main thread asks the PostgreSQL worker: one statement, or the end of the connection. */
export type PostgresRequestBody =
  | {
      readonly kind: 'query';
      readonly text: string;
      readonly params?: readonly unknown[];
      /** Outside a transaction: a lost connection may be replaced by a new one before the statement runs. */
      readonly mayReconnect?: boolean;
    }
  | { readonly kind: 'end' };

/** A request as posted: numbered (1, 2, ...), the number the answer must carry. */
export type PostgresRequest = PostgresRequestBody & { readonly seq: number };

/** The worker's answer to request `seq`: the rows (of the last statement, for several), or the error pg raised. */
export type PostgresReply =
  | { readonly seq: number; readonly ok: true; readonly rows: Record<string, unknown>[]; readonly rowCount: number }
  | {
      readonly seq: number;
      readonly ok: false;
      readonly message: string;
      readonly code?: string;
      readonly detail?: string;
      /** The connection is lost (server stopped, network down) or could not be made again: not the statement's fault. */
      readonly lost?: boolean;
    };

/** The worker's start data (its port is transferred beside it). */
export interface PostgresWorkerData {
  readonly url: string;
  /** Bound of one connection attempt (the first, and each one after the connection was lost), in ms. */
  readonly connectTimeoutMs: number;
  /**
   * Two Int32. The second is 1 while the connection is lost (a statement allowed to may then
   * take a connection's time). The first: the `seq` of the last answer posted. The worker posts the answer, then stores
   * its `seq` there and notifies; the main thread waits until the flag holds the `seq` it sent.
   */
  readonly flag: SharedArrayBuffer;
}
