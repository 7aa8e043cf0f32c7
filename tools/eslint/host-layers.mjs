// ESLint rule `atrium/host-layers`: inside host/src, a folder (subsystem) imports only the folders
// of lower layers (docs/DESIGN.md, "Layers"). Options (eslint.config.js):
//   root     the source root whose first-level folders are the subsystems ('host/src')
//   layers   the folders, lowest first; a layer is a folder name or a list of folders of the same rank
//            (folders of one rank do not import each other)
//   testOnly folders of test data (synthetic series): they may import every layer below `above`,
//            and only tests (*.test.ts, test-support/) import them
//   above    the lowest folder testOnly folders may not import (the composition root)
// Files directly in root are the package's entry points: they may import anything, nothing imports them.
// A folder not placed in `layers` or `testOnly` is an error too, so that a new subsystem gets a place.
// Type-only imports count: a type of a higher layer is a dependency on it as much as a value.
import { dirname, relative, resolve, sep } from 'node:path';

const DOC = 'docs/DESIGN.md, Layers';

/** Rank of every placed folder (same rank: same layer). */
function ranks(layers) {
  const rank = new Map();
  layers.forEach((layer, i) => (Array.isArray(layer) ? layer : [layer]).forEach((folder) => rank.set(folder, i)));
  return rank;
}

/** The first folder of `path` under `root`: a folder name, '' for a file directly in root, undefined outside. */
function folderOf(root, path) {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) return undefined;
  const parts = rel.split(sep);
  return parts.length === 1 ? '' : parts[0];
}

const isTestFile = (path) => /\.test\.ts$/.test(path) || path.split(sep).includes('test-support');

export const hostLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'host/src folders import only lower layers (docs/DESIGN.md, Layers)' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
          testOnly: { type: 'array', items: { type: 'string' } },
          above: { type: 'string' },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { root: rootOption, layers, testOnly = [], above } = context.options[0];
    const root = resolve(context.cwd, rootOption);
    const file = context.filename;
    const from = folderOf(root, file);
    if (from === undefined) return {};
    const rank = ranks(layers);
    const testData = new Set(testOnly);
    const order = layers.map((l) => (Array.isArray(l) ? l.join(' / ') : l)).join(' < ');
    const placed = (folder) => folder === '' || rank.has(folder) || testData.has(folder);

    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = folderOf(root, resolve(dirname(file), specifier));
      if (to === undefined || to === from) return;
      const report = (message) => context.report({ node, message: `${message} (${DOC})` });
      if (!placed(from)) return report(`host/src/${from} is not placed in the host layers (${order}): add it to eslint.config.js and docs/DESIGN.md`);
      if (!placed(to)) return report(`host/src/${to} is not placed in the host layers (${order}): add it to eslint.config.js and docs/DESIGN.md`);
      if (to === '') return report(`${specifier} is an entry point of the host package: code inside host/src does not import it`);
      if (from === '') return;
      if (testData.has(to)) {
        if (!isTestFile(file) && !testData.has(from)) report(`host/src/${to} holds test data: only tests (*.test.ts, test-support/) import it`);
        return;
      }
      if (testData.has(from)) {
        if (above !== undefined && rank.get(to) >= rank.get(above)) report(`host/src/${from} (test data) may not import ${to}: only layers below ${above}`);
        return;
      }
      const a = rank.get(from);
      const b = rank.get(to);
      if (b < a) return;
      report(
        b === a
          ? `host/src/${from} may not import ${to}: they are in the same layer, which do not import each other (${order})`
          : `host/src/${from} may not import ${to}, a higher layer: layers only import downward (${order})`,
      );
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        if (arg?.type === 'Literal') check(node, arg.value);
      },
    };
  },
};

