#!/usr/bin/env node
// Bundles the compiled CLI (host/dist, made by `tsc -b`) into host/dist-bundle/ with Rolldown, so
// that `atrium ls` loads 4 files of the host instead of about 45 ES modules (Node 20 spends
// 0.6–1 ms on each). `npm run build` and `prepare` run it after `tsc -b`. bench/README.md has the figures.
//
// Chunks: what `main` imports statically (`cli-start`, all that `--version` needs besides its own
// small chunk), what `ls` loads besides (`cli-ls`: the command, the read-only session and the
// index), then Rolldown's own split for the rest. Every dynamic `import()` of the host stays lazy
// (the other commands, the host container: their own chunks, loaded when needed), and
// `strictExecutionOrder` runs every module's body in the order host/dist would, whichever chunk holds it.
//
// What stays out, imported at run time as before: `@atrium/sdk` with all its subpaths (a plugin
// imports it too: one copy of its classes, error classes and registries for both) and every npm
// package (better-sqlite3 is a native addon). Workers keep running host/dist's files (their URLs
// point there; a worker has its own module graph anyway).
//
// `import.meta.url` (package.json, dist-ui/, the browser page, the worker scripts, createRequire)
// becomes each module's own URL in host/dist, found from its chunk's, so every module-relative
// path resolves as from the unbundled code.
//
// Freshness: the last file written is `stamp`, the size and modification time of
// host/tsconfig.tsbuildinfo, which `tsc -b` rewrites whenever it emits into host/dist.
// host/bin/atrium.js uses the bundle only while that file still matches the stamp; after a
// `tsc -b` alone it runs host/dist (correct, slower) until this script runs again.
import { transform } from 'esbuild';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';

// `--host <dir>`: another copy of the host package (a test's); this repository's host/ by default.
const { values: args } = parseArgs({ options: { host: { type: 'string' } } });
const hostDir = args.host === undefined ? fileURLToPath(new URL('../host/', import.meta.url)) : resolve(args.host);
const distDir = join(hostDir, 'dist');
const outDir = join(hostDir, 'dist-bundle');
const buildInfo = join(hostDir, 'tsconfig.tsbuildinfo');
/** The module-scoped name of a module's own URL in host/dist (Rolldown renames it where two modules meet in a chunk). */
const MODULE_URL = '__atriumModuleUrl';

/** The stamp of the tsc output a bundle is built from (host/bin/atrium.js compares the same text). */
function stampOf(file) {
  const s = statSync(file);
  return `${s.size} ${s.mtimeMs}\n`;
}

/** The files of host/dist that `starts` (paths in host/dist) load through static imports, the starts included. */
function staticClosure(starts) {
  const seen = new Set();
  const todo = starts.map((s) => join(distDir, s));
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    // tsc's output writes one `import … from './x.js'` / `export … from './x.js'` / `import './x.js'` per statement.
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?\bfrom\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)) {
      todo.push(join(dirname(file), m[1] ?? m[2]));
    }
  }
  return seen;
}

/**
 * A Rolldown plugin: `import.meta.url` in a module of host/dist becomes that module's URL there.
 * Through esbuild's `define`, so only the expression in code changes, never the text of a string
 * or template (the plugin scaffold writes `import.meta.url` into a generated file).
 */
const metaUrlToDistPlace = {
  name: 'import-meta-url-to-dist',
  async transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const out = await transform(code, { loader: 'js', define: { 'import.meta.url': MODULE_URL } });
    // Every chunk is written straight into outDir, so one relative URL serves wherever the module lands.
    const fromChunk = relative(outDir, id).split('\\').join('/');
    return { code: `const ${MODULE_URL} = new URL(${JSON.stringify(fromChunk)}, import.meta.url).href;\n${out.code}` };
  },
};

const start = staticClosure(['cli/main.js']);
const ls = staticClosure(['cli/commands/ls-command.js', 'cli/host-session.js', 'di/read-only-services.js', 'cli/read-only-session.js']);
for (const f of start) ls.delete(f);

const stampBefore = stampOf(buildInfo);
rmSync(outDir, { recursive: true, force: true });
const bundle = await rolldown({
  input: { main: join(distDir, 'cli/main.js') },
  platform: 'node',
  // `@atrium/sdk` (every subpath), npm packages and Node's own: imported at run time.
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  plugins: [metaUrlToDistPlace],
  onLog(level, log, handler) {
    // A module imported both ways stays in its static chunk: what host/dist does too.
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
  },
});
const { output } = await bundle.write({
  dir: outDir,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  keepNames: true, // class and function `.name` as in host/dist, should two modules share a name
  strictExecutionOrder: true,
  codeSplitting: {
    groups: [
      { name: 'cli-start', test: (id) => start.has(id), priority: 2 },
      { name: 'cli-ls', test: (id) => ls.has(id), priority: 1 },
    ],
  },
});
await bundle.close();
// tsc ran again meanwhile (a watch, a second build): no stamp, so the bin runs host/dist.
if (stampOf(buildInfo) !== stampBefore) {
  console.error('bundle-cli: host/dist changed during the bundle; not stamped (the atrium command runs host/dist)');
} else {
  writeFileSync(join(outDir, 'stamp'), stampBefore);
  console.log(`bundle-cli: ${output.length} files in ${outDir} (${start.size} + ${ls.size} modules for \`atrium ls\`)`);
}
