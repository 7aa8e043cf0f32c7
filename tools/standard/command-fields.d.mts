// Types of command-fields.mjs for the tests that import the generator (tsconfig.test.json).
/** A row of PS3.7 Table E.1-1 (see readCommandFields). */
export interface CommandFieldRow {
  readonly tag: number;
  readonly vr: string;
  readonly vm: string;
  readonly keyword: string;
  readonly name: string;
}
export declare function readCommandFields(text: string): CommandFieldRow[];
export declare function commandTagsModule(rows: readonly CommandFieldRow[]): string;
