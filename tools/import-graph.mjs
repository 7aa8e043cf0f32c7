#!/usr/bin/env node
// Prints the import graph of host/src between its top-level folders (subsystems): one line per
// folder → folder edge with the number of import statements that make it, split into source
// files and test files (*.test.ts, test-support/). Files directly in host/src count as "(root)".
// Relative imports only (packages such as @atrium/sdk are not host folders).
//
//   node tools/import-graph.mjs              # the edges, as a table
//   node tools/import-graph.mjs --json       # [{ from, to, source, test }]
//   node tools/import-graph.mjs --cycles     # also the folder cycles (strongly connected groups); with
//                                            # tests, imports of the test data folder testing/ do not count
//                                            # (tests of every layer use it, it uses the layers)
//   node tools/import-graph.mjs --root <dir> # another checkout's host/src
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const repo = rootArg >= 0 ? resolve(args[rootArg + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(repo, 'host', 'src');

/** Every .ts file under `dir`. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The top-level folder of host/src a path is in, "(root)" for files directly there, undefined outside. */
function folderOf(path) {
  const rel = relative(src, path);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
}

/** The folder of synthetic test data, imported by tests of every layer (docs/DESIGN.md, Layers). */
const TEST_DATA = 'testing';

const isTest = (path) => /\.test\.ts$/.test(path) || path.split(sep).includes('test-support');

const edges = new Map();
for (const file of sourceFiles(src)) {
  const from = folderOf(file);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const to = folderOf(resolve(dirname(file), fileName));
    if (to === undefined || to === from) continue;
    const key = `${from}\t${to}`;
    const e = edges.get(key) ?? { from, to, source: 0, test: 0 };
    e[isTest(file) ? 'test' : 'source']++;
    edges.set(key, e);
  }
}
const list = [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

/** Folders that import each other, directly or through others (Tarjan's strongly connected components of size > 1). */
function cycles(withTests) {
  const next = new Map();
  for (const e of list) {
    if (e.source > 0 || (withTests && e.to !== TEST_DATA)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  let n = 0;
  const visit = (v) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of new Set(list.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) visit(v);
  return out;
}

if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
} else {
  const width = Math.max(...list.map((e) => `${e.from} → ${e.to}`.length), 4);
  process.stdout.write(`${'edge'.padEnd(width)}  source  test\n`);
  for (const e of list) process.stdout.write(`${`${e.from} → ${e.to}`.padEnd(width)}  ${String(e.source).padStart(6)}  ${String(e.test).padStart(4)}\n`);
  process.stdout.write(`${list.length} edges, ${list.reduce((s, e) => s + e.source, 0)} source imports, ${list.reduce((s, e) => s + e.test, 0)} test imports\n`);
  if (args.includes('--cycles')) {
    const show = (groups) => (groups.length === 0 ? 'none' : groups.map((g) => g.join(' ↔ ')).join('; '));
    process.stdout.write(`cycles (source files): ${show(cycles(false))}\ncycles (with tests, test data aside): ${show(cycles(true))}\n`);
  }
}
