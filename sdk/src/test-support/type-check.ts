/**
 * Type-check test files with the repository's compiler options. Test files are not part of
 * `tsc -b`, so a type test calls this on itself: an `expectTypeOf` that does not hold, or a
 * `@ts-expect-error` line that is not an error, fails it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const BASE = join(dirname(fileURLToPath(import.meta.url)), '../../../tsconfig.base.json');

/** The formatted diagnostics of `files` ([] when clean). */
export function typeCheck(files: readonly string[]): string[] {
  const read = ts.readConfigFile(BASE, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(BASE));
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, composite: false, declaration: false, declarationMap: false, incremental: false };
  const program = ts.createProgram({ rootNames: files, options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1} ${text}`;
  });
}
