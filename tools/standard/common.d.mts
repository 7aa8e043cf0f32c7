// Types of common.mjs for the tests that import the generator (tsconfig.test.json).
export declare const HEADER: string;
export declare function readJson(dir: string, name: string): unknown;
export declare function writeGenerated(outDir: string, name: string, body: string, header?: string): void;
export declare function escapeTemplate(text: string): string;
export declare function quote(text: string): string;
export declare function hex8(n: number): string;
