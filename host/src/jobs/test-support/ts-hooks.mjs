// Module hooks that let a child process or a worker thread load the host's TypeScript
// sources directly in tests (vitest transforms only its own process): a relative `./x.js`
// that does not exist resolves to `./x.ts`, and `.ts` files are transpiled (types erased,
// one file at a time) with the TypeScript compiler. Production code runs from host/dist.
// Transpiled files are cached by content hash in the temp folder: loading the compiler
// costs most of a second per thread.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = join(tmpdir(), 'atrium-ts-hooks-v1');

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const parent = context.parentURL;
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js') && parent?.startsWith('file:')) {
      const candidate = new URL(specifier.slice(0, -3) + '.ts', parent);
      if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
    }
    throw e;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const cached = join(CACHE, createHash('sha256').update(path).update('\0').update(source).digest('hex') + '.mjs');
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  const { default: ts } = await import('typescript');
  const { outputText } = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  await mkdir(CACHE, { recursive: true });
  const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, outputText);
  await rename(tmp, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}
