// ESLint rule `atrium/no-raw-tag`: a DICOM tag is written by its keyword from the generated tables
// (`Tag.X` of @atrium/sdk, `CommandTag.X` of the DIMSE codec), never as hand-typed hex (docs/DESIGN.md,
// section "The standard, not hand-typed"). Reported, when the number is a tag of the standard:
//   - a number written with 8 hex digits: 0x00100010;
//   - a string (or a template without expressions) of 8 hex digits, bare or with dcmjs's `x`:
//     '00100010', 'x00100010' (the DICOM JSON key, the naturalised name);
//   - a pair of numbers written with 4 hex digits each, as the two elements of an array or the two
//     arguments of a call: [0x0010, 0x0010], tag(0x0010, 0x0010).
// "A tag of the standard": a tag of the data dictionary (PS3.6, repeating groups such as 60xx
// included), of the command group (PS3.7 Table E.1-1), or the item and delimiter tags (FFFE,E0xx) —
// these also in the byte order of a little-endian file read as one number (0xE000FFFE).
// Private tags (odd groups) are not in the tables and are not reported; nor are numbers that are no
// tag (masks, signatures, CRC polynomials, dates such as '20240101', zero). The tables are read from the
// committed generated files, so the rule knows what the code can write instead.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOC = 'docs/DESIGN.md, The standard, not hand-typed';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Keyword of every tag of the generated tables: `Tag.X` / `CommandTag.X` spelled out, by value. */
function exactTags() {
  const byValue = new Map();
  const read = (file, table) => {
    for (const [, keyword, hex] of readFileSync(resolve(repo, file), 'utf8').matchAll(/^\s+(\w+): 0x([0-9A-Fa-f]{8}),$/gm)) {
      const value = parseInt(hex, 16) >>> 0;
      if (!byValue.has(value)) byValue.set(value, `${table}.${keyword}`);
    }
  };
  read('sdk/src/standard/tags.generated.ts', 'Tag');
  read('host/src/net/dimse/command-tags.generated.ts', 'CommandTag');
  return byValue;
}

/**
 * The dictionary entries Tag.X lacks: retired ones as [value, keyword], and the repeating-group ones
 * (60XX3000, …) as [mask, value, keyword].
 */
function dictionaryTags(exact) {
  const text = readFileSync(resolve(repo, 'sdk/src/standard/dictionary.generated.ts'), 'utf8');
  const retired = new Map();
  const repeating = [];
  for (const [, tag, keyword] of text.matchAll(/^([0-9A-FX]{8})\t(\w+)\t/gm)) {
    if (!tag.includes('X')) {
      const value = parseInt(tag, 16) >>> 0;
      if (!exact.has(value)) retired.set(value, `lookupKeyword('${keyword}')!.tag`);
      continue;
    }
    const mask = parseInt(tag.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16) >>> 0;
    repeating.push([mask, parseInt(tag.replace(/X/g, '0'), 16) >>> 0, keyword]);
  }
  return { retired, repeating };
}

let tables;
/** What to write instead of `value`, or undefined when it is no tag of the standard. */
function keywordOf(value) {
  if (value === 0) return undefined; // (0000,0000) is never typed, and '00000000' is a time or a zero
  if (!tables) {
    const exact = exactTags();
    tables = { exact, ...dictionaryTags(exact) };
  }
  const known = tables.exact.get(value >>> 0) ?? tables.retired.get(value >>> 0);
  if (known) return known;
  const swapped = (((value & 0xffff) << 16) | (value >>> 16)) >>> 0;
  if (swapped >>> 16 === 0xfffe && tables.exact.has(swapped)) {
    return `${tables.exact.get(swapped)} (this is it as a little-endian uint32: write its group and element as two uint16)`;
  }
  const group = value >>> 16;
  if (group % 2 === 1) return undefined;
  const hit = tables.repeating.find(([mask, v]) => ((value & mask) >>> 0) === v);
  return hit ? `lookupKeyword('${hit[2]}')!.tag (its repeating digits zero) plus the group offset` : undefined;
}

const hex4 = /^0x[0-9a-fA-F]{4}$/;
const hex8 = /^0x[0-9a-fA-F]{8}$/;
const hexText = /^x?([0-9a-fA-F]{8})$/;

export const noRawTag = {
  meta: {
    type: 'problem',
    docs: { description: 'DICOM tags by keyword from the generated tables, never hand-typed hex' },
    schema: [],
  },
  create(context) {
    const report = (node, raw, value) => {
      const instead = keywordOf(value);
      if (instead) context.report({ node, message: `raw tag literal ${raw}: write ${instead} (the generated tables; ${DOC})` });
    };
    const text = (node, s) => {
      const m = hexText.exec(s);
      if (m) report(node, JSON.stringify(s), parseInt(m[1], 16));
    };
    const pair = (node, items) => {
      if (items.length !== 2) return;
      const [g, e] = items;
      if (g?.type !== 'Literal' || e?.type !== 'Literal' || !hex4.test(g.raw) || !hex4.test(e.raw)) return;
      report(node, `(${g.raw}, ${e.raw})`, ((g.value << 16) | e.value) >>> 0);
    };
    return {
      Literal(node) {
        if (typeof node.value === 'number' && hex8.test(node.raw)) report(node, node.raw, node.value);
        else if (typeof node.value === 'string') text(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0 && node.quasis.length === 1) text(node, node.quasis[0].value.cooked ?? '');
      },
      ArrayExpression: (node) => pair(node, node.elements),
      CallExpression: (node) => pair(node, node.arguments),
      NewExpression: (node) => pair(node, node.arguments),
    };
  },
};
