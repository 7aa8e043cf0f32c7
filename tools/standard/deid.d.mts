// Types of deid.mjs for the tests that import the generator (tsconfig.test.json).
/** A row of confidentiality_profile_attributes.json (PS3.15 Table E.1-1). */
export type DeidJsonRow = Readonly<Record<string, string>>;
/** A normalised rule row (see readDeidRules). */
export interface DeidRow {
  readonly tagText: string;
  readonly keyword: string;
  readonly name: string;
  readonly inStdCompIOD: boolean;
  readonly basic: string;
  readonly options: readonly string[];
}
export declare const OPTION_COLUMNS: readonly [column: string, option: string][];
export declare const ACTIONS: ReadonlySet<string>;
export declare const PRIVATE_ROW_TAG: string;
export declare function readDeidRules(table: readonly DeidJsonRow[], dictionary: readonly { readonly tagText: string; readonly keyword: string }[]): DeidRow[];
export declare function deidModule(rows: readonly DeidRow[]): string;
export declare function deidStats(rows: readonly DeidRow[]): unknown;
