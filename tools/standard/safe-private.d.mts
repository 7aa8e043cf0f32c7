// Types of safe-private.mjs for the tests that import the generator (tsconfig.test.json).
/** A row of PS3.15 Table E.3.10-1 (see readSafePrivateRows). */
export interface SafePrivateRow {
  readonly group: number;
  readonly element: number;
  readonly creator: string;
  readonly vr: string;
  readonly vm: string;
  readonly meaning: string;
}
export declare function readSafePrivateRows(rst: string): SafePrivateRow[];
export declare function safePrivateModule(rows: readonly SafePrivateRow[]): string;
